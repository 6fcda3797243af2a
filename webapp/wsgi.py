"""WSGI entry point for gunicorn: ``gunicorn -c python:webapp.gunicorn_conf webapp.wsgi:app``."""

from records import logs
from records.config import load_settings
from webapp.app import create_app

settings = load_settings()
logs.configure(settings.log_format, settings.log_level, "web")
app = create_app(settings)
