"""Animatics: panels held for their shots with camera moves, voices, loudness, burned subtitles, OTIO."""
