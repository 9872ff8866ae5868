#!/bin/sh
# Acompaña container entrypoint.
#
#   web     apply migrations, collect static files, then serve with gunicorn on :8000
#   worker  Celery worker (two processes)
#   beat    Celery beat: the periodic-task scheduler. Run EXACTLY ONE beat per deployment,
#           or every periodic task runs once per beat.
#   other   run the given command as is (e.g. "python manage.py createsuperuser")
#
# Extra arguments after web/worker/beat are passed on (e.g. "web --workers 5").
set -eu

if [ "$#" -eq 0 ]; then
    set -- web
fi

case "$1" in
    web)
        shift
        python manage.py migrate --noinput
        python manage.py collectstatic --noinput
        # No --access-logfile: access logs would record URLs (which may carry personal data).
        # No control socket: not needed in a container (gunicorn >= 25.1 opens one by default).
        exec gunicorn clinic.wsgi:application \
            --bind 0.0.0.0:8000 \
            --workers 3 \
            --timeout 60 \
            --no-control-socket \
            "$@"
        ;;
    worker)
        shift
        exec celery -A clinic worker --loglevel=INFO --concurrency=2 "$@"
        ;;
    beat)
        shift
        exec celery -A clinic beat --loglevel=INFO \
            --schedule /app/var/celerybeat-schedule "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
