# Los dos comandos del README: `make serve` (instala todo, construye y sirve) y `make test`.
# Para escribir: `make dev` (recarga al guardar; sin el motor del validador). Ver CONTRIBUTING.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PUERTO ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve dev build test bench bench-navegador instalar chromium limpiar

serve: build
	$(BIN)/python -m scripts.servidores.servidor --directorio site --puerto $(PUERTO)

dev: $(VENV)/.instalado
	$(BIN)/python -m scripts.servidores.autoria --puerto $(PUERTO)

# Chromium antes de construir: la construcción hace en él la instantánea del motor (sin él, la omite).
build: instalar chromium
	$(BIN)/python -m scripts.construccion.construir --destino site

test: instalar chromium
	$(BIN)/python -m pytest

bench: instalar
	$(BIN)/python -m scripts.medicion.bench

bench-navegador: build
	$(BIN)/python -m scripts.medicion.bench_navegador --veces 5

instalar: $(VENV)/.instalado node_modules/.instalado

$(VENV)/.instalado: pyproject.toml requisitos.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Se necesita Python 3.11 o más reciente")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requisitos.txt -e '.[sitio,pruebas]'
	touch $@

node_modules/.instalado: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	scripts/entorno/instalar-chromium.sh

limpiar:
	rm -rf $(VENV) node_modules site build *.egg-info
