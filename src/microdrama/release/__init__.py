"""Release: per-platform delivery packages (video, covers, metadata, subtitles, calendar, manifest) and their checks."""
