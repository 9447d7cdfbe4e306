"""Medición y perfiles: el motor en CPython, el validador en Chromium y el arranque del motor en Node."""
