"""Reglas de la respuesta de validación de la DIAN (ApplicationResponse del AttachedDocument)."""
