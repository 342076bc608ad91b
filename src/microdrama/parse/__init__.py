"""The ``parse`` stage: each episode's Fountain file, as people edited it, read back into structure."""
