"""Compliance: AI-content labels on every output (GB 45438-2025) and a content review against NRTA rules.

Library parts other stages call (a release stage will): :mod:`.aigc` (the implicit-label payload),
:mod:`.implicit` (write/read it per container), :mod:`.explicit` (visible and audible labels),
:mod:`.verify` (read every label back from any file), :mod:`.tier` (review tier and filing number) and
:mod:`.review` (red-line rules over the scripts). :mod:`.stage` is the pipeline glue.
"""
