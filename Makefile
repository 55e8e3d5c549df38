# Trama: comandos del proyecto. Ver README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.instalado

.PHONY: install run serve test test-rapido test-navegador chromium lint format lock check bench bench-referencia clean

PUERTO ?= 8000

# Desarrollo y pruebas instalan requirements-dev.txt (producción + herramientas de
# prueba). Un servidor de producción instala solo requirements.txt (README, Despliegue).
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: instala, migra, carga el contenido del estudio y sirve en http://127.0.0.1:8000
## junto con el worker de tareas (correo, índice de Elasticsearch), que se detiene con él.
run: install
	$(PY) manage.py migrate --noinput
	TRAMA_PUERTO=$(PUERTO) $(PY) manage.py load_initial_data --demo
	$(PY) manage.py db_worker --no-reload & trabajador=$$!; \
	trap 'kill $$trabajador 2>/dev/null; wait $$trabajador 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PUERTO)

## make test: instala y corre TODA la suite (SQLite por defecto; DATABASE_URL para PostgreSQL):
## primero la suite sin navegador y después, en su propio proceso, la de Chromium real.
test: install chromium
	$(VENV)/bin/pytest -m "not navegador" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -m navegador $(PYTEST_ARGS)

## make test-rapido: la suite sin las pruebas de navegador
test-rapido: install
	$(VENV)/bin/pytest -m "not navegador" $(PYTEST_ARGS)

## make test-navegador: solo las pruebas en Chromium real (tests/navegador/, axe-core)
test-navegador: install chromium
	$(VENV)/bin/pytest -m navegador $(PYTEST_ARGS)

## Chromium y ChromeDriver de Debian (nunca un navegador descargado aparte).
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Instalando chromium y chromium-driver de Debian (apt-get)…"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	}

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make lock: regenera requirements.txt (producción) y requirements-dev.txt (solo lo que
## agregan las herramientas) desde requirements.in y requirements-dev.in, en entornos limpios
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	.venv-lock/bin/pip freeze > requirements.txt
	.venv-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "-r requirements.txt"; .venv-lock/bin/pip freeze | grep -vxFf requirements.txt; } \
		> requirements-dev.txt
	rm -rf .venv-lock

## make bench: mide búsqueda, índice, páginas y carga; escribe bench/RESULTADOS.md
bench: install
	$(PY) bench/correr.py $(BENCH_ARGS)

## make bench-referencia: solo el motor de búsqueda local con 100 mil, 300 mil y 1 millón de
## documentos (sin páginas; horas, no es parte de make bench); escribe bench/REFERENCIA.md
bench-referencia: install
	$(PY) bench/referencia.py $(REFERENCIA_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
