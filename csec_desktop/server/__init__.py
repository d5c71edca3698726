"""The county sync server: FastAPI over SQLAlchemy Core, on SQLite by default or PostgreSQL.

Extra ``server``. Never imported by ``gui/`` and left out of the desktop installer. It keeps no
state outside its database, so any number of workers and instances can share one PostgreSQL.
"""
