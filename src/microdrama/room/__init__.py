"""The writers' room: with a text model configured, the model writes the episodes — grounded, checked,
revisable.

Hierarchical writing (Dramatron-style): a series arc (:mod:`.arc`) → a beat sheet per episode
(:mod:`.beats`) → the episode in Fountain (:mod:`.episode`). Every episode is parsed and checked with
the linter's own rules plus the room's (:mod:`.accept`), sent back with the findings a bounded number
of times (:mod:`.repair`), and otherwise keeps its offline draft — reported per episode in
``script/room_report.json``. :mod:`.sources` records what comes from the book; :mod:`.revisions` keeps
every model write and never overwrites a hand edit; :mod:`.notes` holds the notes of
``microdrama rewrite``. :mod:`.stage` ties it to the ``write`` stage.
"""
