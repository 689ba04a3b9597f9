# The image behind web, worker and beat in docker-compose.yml (`hiring:local`, built once).
#
# The Debian release is named, not left to the tag's default, because the Postgres client below
# comes from it: pg_dump only dumps a server of its own major version or older, so the client
# (17 in trixie) and the `db` image in docker-compose.yml (postgres:17) go together. Raise the
# server only with a base whose client is at least as new.
FROM python:3.11-slim-trixie

# The major version of pg_dump/pg_restore that trixie ships; the install fails on a base that
# lacks it, rather than quietly bringing an older client.
ARG POSTGRES_CLIENT_MAJOR=17

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A writable home: gunicorn puts its control socket in ~/.gunicorn/ (it only warns without),
# and LibreOffice keeps its settings under it. The user comes before any package, which could
# take the system id it gets: the files volume keeps the owner it was written with, so a
# rebuilt image must give app the same id.
RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

# LibreOffice Writer, headless, turns offer letters and signed copies into PDF (without it
# only the Word file is made). The Liberation fonts have the metrics of Arial, Times New Roman
# and Courier New, so pages break where Word breaks them. pg_dump and pg_restore serve
# `manage.py backup` and `manage.py restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui \
        fonts-liberation \
        postgresql-client-${POSTGRES_CLIENT_MAJOR} \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them. pyproject.toml declares
# no Python packages ([tool.setuptools] packages = []), so this installs only the
# dependencies; the code runs from /app. README.md comes along because pyproject.toml
# names it as the project description.
COPY pyproject.toml README.md ./
# (setuptools leaves build/ and hiring.egg-info/ behind; they are of no use at run time)
RUN pip install --no-cache-dir . && rm -rf build hiring.egg-info

COPY . .

# Settings refuse to load without SECRET_KEY when DEBUG is off; collectstatic needs neither a
# real key nor a database, so a throwaway key is enough here. It is set for this step only.
# The file folders are created here and owned by app, so the `files` volume that
# docker-compose.yml mounts over /app/var/files starts out with them, writable by the app
# user. /app/var/beat holds beat's schedule file.
RUN DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var/files/media /app/var/files/private /app/var/beat \
    && chown -R app:app /app/var

USER app
ENV HOME=/home/app

EXPOSE 8000

CMD ["gunicorn", "hiring.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
