"""El entorno de las pruebas y las mediciones: Chromium de Debian y cómo se lanza."""
