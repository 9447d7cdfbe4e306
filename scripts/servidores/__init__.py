"""Servidores: el del sitio construido (como en producción) y el de autoría (make dev)."""
