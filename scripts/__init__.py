"""Herramientas del proyecto, por papel. Se corren como módulos desde la raíz: `python -m scripts.construccion.construir`."""
