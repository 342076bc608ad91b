"""The ``export`` stage: the whole series screenplay in the industry's formats (see :mod:`microdrama.formats`)."""
