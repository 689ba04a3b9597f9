# The image behind web, worker and beat in docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A writable home: gunicorn puts its control socket in ~/.gunicorn/ (it only warns without).
RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

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
# var/media is created here and owned by app, so the named volume mounted over it in
# docker-compose.yml starts out writable by the app user.
RUN DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app

EXPOSE 8000

CMD ["gunicorn", "hiring.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
