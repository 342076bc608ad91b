"""The studio: a web app over the same project folders and pipeline the CLI uses.

``microdrama studio [PROJECTS_DIR]`` serves it (FastAPI + Jinja2, uvicorn). Nothing here re-implements
a stage: runs go through :class:`microdrama.pipeline.Runner` in a worker process, approvals through
:mod:`microdrama.pipeline.review`, findings through :func:`microdrama.check.check_project`. The project
folder stays the source of truth for artifacts; users, comments, reviews and the audit log live in a
SQL database (SQLite in ``PROJECTS_DIR/.studio/`` by default, PostgreSQL by URL).
"""
