"""The ingest stage: a novel file (txt, md, epub, docx) becomes ``source/source.json``."""

from microdrama.ingest.reader import DEFAULT_MAX_BYTES, READERS, ReaderSpec, read_novel

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "ReaderSpec", "read_novel"]
