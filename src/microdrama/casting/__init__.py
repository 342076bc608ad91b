"""The ``casting`` stage: a fixed look and a distinct voice for every character (and the narrator), before any board is drawn."""
