"""The ``media`` stage: which episodes get storyboards, voices and an animatic (``media.episodes``)."""
