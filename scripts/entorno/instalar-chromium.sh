#!/usr/bin/env bash
# Instala Chromium de Debian (instantánea del motor al construir y pruebas de navegador), si falta y se puede.
# En CI (CI=true) falta de Chromium es un error; en otra máquina se avisa qué instalar.
set -u
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    SUDO="no"
  fi
  if [ "$SUDO" != "no" ]; then
    echo "Instalando Chromium de Debian para las pruebas de navegador…"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
      && exit 0
  fi
fi
echo "Falta Chromium para las pruebas de navegador. Instálelo con: sudo apt-get install chromium" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
echo "(Fuera de CI, sin Chromium la construcción omite la instantánea del motor y las pruebas de navegador se omiten.)" >&2
exit 0
