# Production image: gunicorn behind a proxy, static files served by WhiteNoise.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=enbek.settings ENBEK_VAR_DIR=/app/var
WORKDIR /app
RUN useradd --create-home --uid 1000 enbek
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install . && mkdir -p /app/var/media /app/var/static && chown -R enbek /app/var
COPY --chown=enbek . .
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py compilepo && \
    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput
USER enbek
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "enbek.wsgi:application"]
