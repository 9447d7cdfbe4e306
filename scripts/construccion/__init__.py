"""La construcción del sitio: generar desde checker/, mkdocs, el motor del navegador, sin conexión, cabeceras y compresión."""
