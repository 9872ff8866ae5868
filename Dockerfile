# Acompaña: one image for the web server, the Celery worker and Celery beat.
#   docker build -t acompana .
#   docker run ... acompana            -> gunicorn only (no migrations)
#   docker run ... acompana web        -> migrate + collectstatic + gunicorn (docker-compose)
#   docker run ... acompana worker|beat
# See docker/entrypoint.sh, docker-compose.yml and .env.example.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# gettext: compilemessages. Pango, HarfBuzz and the fonts: WeasyPrint (PDF letters and reports).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 acompana \
    && useradd --system --uid 10001 --gid acompana --create-home --home-dir /home/acompana \
        --shell /usr/sbin/nologin acompana

WORKDIR /app

# Dependencies first, so that code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

# The code stays owned by root (read-only for the app user); only var/, media/, private/ and the
# collected static files are writable by acompana.
COPY . .

ENV DJANGO_SETTINGS_MODULE=clinic.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/app/media \
    DJANGO_PRIVATE_FILES_ROOT=/app/private

# Production settings refuse to load without a secret key and allowed hosts: these throwaway
# values exist only for this RUN (they are not kept in the image's environment).
RUN chmod 0755 docker/entrypoint.sh \
    && DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py compilemessages --ignore=.venv \
    && DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var /app/media /app/private /app/staticfiles \
    && chown -R acompana:acompana /app/var /app/media /app/private /app/staticfiles

USER acompana

EXPOSE 8000

# 200 ("ok" or "degraded") is healthy; 503 (database down) or no answer is not.
# Worker and beat containers override or disable this (see docker-compose.yml).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "/app/docker/healthcheck.py"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# No --access-logfile: access logs would record URLs (which may carry personal data).
# No control socket: it is not needed in a container (gunicorn >= 25.1 opens one by default).
CMD ["gunicorn", "clinic.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--no-control-socket"]
