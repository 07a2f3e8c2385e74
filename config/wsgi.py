import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from contracts.warmup import warm_up_web  # noqa: E402 - needs the application (Django set up) first

warm_up_web()  # before the worker takes its first request (once in the master with gunicorn --preload)
