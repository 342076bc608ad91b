"""The engines the stages call through one interface each: ``text`` (models), ``image`` (panels), ``speech`` (voices)."""
