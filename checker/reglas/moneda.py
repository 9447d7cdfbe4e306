"""Reglas de moneda: la de la factura frente a la del contrato, y la tasa de cambio."""
