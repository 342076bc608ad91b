"""Voices: a voice bible for the cast and narrator, one clip per line, the episode's voice timeline."""
