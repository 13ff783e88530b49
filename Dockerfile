FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput
# Migrations and reference data run once before the web server starts serving.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_reference && gunicorn aidtracker.wsgi:application --bind 0.0.0.0:8000"]
