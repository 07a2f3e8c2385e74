"""Production settings: DJANGO_SETTINGS_MODULE=config.production.

config/settings.py reads everything from the environment; this module only changes the defaults a
deployment must not forget (HTTPS, the static files' manifest) and refuses what it must not run with
(DEBUG, the SQLite default, contracts on one server's disk unless MEDIA_ROOT is said to be shared)."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("HTTPS", "1")
os.environ.setdefault("STATIC_MANIFEST", "1")

from config.settings import *  # noqa: E402, F403

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("config.production runs with DEBUG off; use config.settings with DEBUG=1 to develop.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set: production uses PostgreSQL (postgres://user:password@host:5432/contracts), "
        "shared by every app server and render worker."
    )
if CONTRACT_STORAGE == "filesystem" and not os.environ.get("MEDIA_ROOT"):  # noqa: F405
    raise ImproperlyConfigured(
        "Generated contracts need shared storage: CONTRACT_STORAGE=s3 with S3_BUCKET (and S3_ENDPOINT_URL for "
        "a non-AWS service), or MEDIA_ROOT on a file system every app server and worker mounts."
    )
