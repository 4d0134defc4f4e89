"""Persistence: the only package that imports sqlmodel and sqlalchemy."""
