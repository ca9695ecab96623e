"""Alembic environment of the store (a package so that env.py ships with storylens)."""
