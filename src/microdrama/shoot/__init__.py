"""Shoot planning: breakdown, exact talent scheduling, whole-shoot schedule, stripboard, DOOD, call sheets."""
