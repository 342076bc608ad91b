"""Storyboards: 9:16 shot lists, panels drawn or generated, contact sheets."""
