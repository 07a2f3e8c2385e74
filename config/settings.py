"""Settings read from the environment; SQLite by default, PostgreSQL through DATABASE_URL."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        # a public key signs forgeable sessions and messages: never serve with one
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (50+ random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-insecure-key-only-for-local-use"  # noqa: S105 - DEBUG=1 only

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "contracts",  # before django_tasks_db: its `db_worker` command (contracts/management) wraps the library's
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "contracts.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses logins while an account is locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (contracts/login_limits.py): a lock-out of AXES_COOLOFF_HOURS after 5 failed logins for
# one user name from one address, 20 from one address across user names, 10 for one user name across addresses.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_FAILURES_PER_ADDRESS = envint("AXES_FAILURES_PER_ADDRESS", 20)
AXES_FAILURES_PER_USER = envint("AXES_FAILURES_PER_USER", 10)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "contracts.login_limits.LoginLimitsHandler"
# How many proxies in front of gunicorn append the address they saw to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for does): 0 reads REMOTE_ADDR, 1 behind one proxy. Only the proxies may reach gunicorn.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "contracts.login_limits.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = envbool("AXES_ENABLED", True)
# How many contracts one user may ask for per hour (downloads of files already asked for and pre-renders
# nobody asked for are not counted).
CONTRACTS_PER_HOUR = envint("CONTRACTS_PER_HOUR", 30)
# Whether a final contract (no "DRAFT / 草案" marking) needs a current approval; until organisations choose
# for themselves, one choice for the whole installation.
APPROVAL_REQUIRED_DEFAULT = envbool("APPROVAL_REQUIRED_DEFAULT", False)
# How many accounts may be created from one client address per hour.
SIGNUPS_PER_ADDRESS_PER_HOUR = envint("SIGNUPS_PER_ADDRESS_PER_HOUR", 5)
# E-mail (password reset links) through Django's SMTP backend; `make run` sets EMAIL_BACKEND to the console
# backend, which prints each mail instead of sending it. EMAIL_TIMEOUT bounds a hung SMTP server (seconds).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# A password reset link works once, for this many minutes.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_MINUTES", 60) * 60
# Password reset requests per hour from one client address, and for one e-mail address (whether or not an
# account has it: a limit reached says nothing about accounts).
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = envint("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", 10)
PASSWORD_RESETS_PER_EMAIL_PER_HOUR = envint("PASSWORD_RESETS_PER_EMAIL_PER_HOUR", 3)
# An invitation to join an organisation works once, for this many days.
INVITATION_DAYS = envint("INVITATION_DAYS", 7)
# Each PDF renders in a child process: stopped after this many seconds, or above this much memory (MB).
RENDER_TIMEOUT_SECONDS = envint("RENDER_TIMEOUT_SECONDS", 60)
RENDER_MEMORY_MB = envint("RENDER_MEMORY_MB", 1024)
# Renders running at once on one machine, all workers together (0: one per CPU core); a render waits this
# many seconds for a free slot, then the buyer is asked to try again. Slots are lock files in this folder.
RENDER_CONCURRENCY = envint("RENDER_CONCURRENCY", 0)
RENDER_SLOT_WAIT_SECONDS = envint("RENDER_SLOT_WAIT_SECONDS", 5)
RENDER_SLOTS_DIR = os.environ.get("RENDER_SLOTS_DIR", "")
# The render child's CPU priority: "idle" (SCHED_IDLE: only the CPU time nothing else wants, so pages always
# go first) or a nice level 0–19, for a machine shared with other busy work, where SCHED_IDLE would leave the
# buyer's render next to nothing (docs/deployment.md, "Render workers").
RENDER_PRIORITY = os.environ.get("RENDER_PRIORITY", "idle").strip().lower()
if RENDER_PRIORITY != "idle" and not (RENDER_PRIORITY.isdigit() and int(RENDER_PRIORITY) <= 19):
    raise ImproperlyConfigured(f"RENDER_PRIORITY must be 'idle' or a nice level from 0 to 19, not {RENDER_PRIORITY!r}.")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "contracts.organisations.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
    )
}
# The render worker looks at its queue ten times a second in an exclusive transaction. On SQLite a
# transaction that read first and writes later would then fail at once with "database is locked" (SQLite
# refuses to upgrade a read lock while another connection waits to write); one that takes the write lock
# when it begins waits its turn instead. WAL: readers do not wait for a writer.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS | DATABASES["default"].get("OPTIONS", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "contracts.accounts.NotOnlyBlanksValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "draft_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Generated contracts: the file system under MEDIA_ROOT by default; CONTRACT_STORAGE=s3 keeps them in an
# S3-compatible bucket (django-storages), shared by every app server and render worker.
CONTRACT_STORAGE = os.environ.get("CONTRACT_STORAGE", "filesystem").strip().lower()
if CONTRACT_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"CONTRACT_STORAGE must be 'filesystem' or 's3', not {CONTRACT_STORAGE!r}.")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if CONTRACT_STORAGE == "s3":
    if not os.environ.get("S3_BUCKET"):
        raise ImproperlyConfigured("CONTRACT_STORAGE=s3 needs S3_BUCKET, the name of a private bucket.")
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # unset: AWS itself
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # unset: boto3's own chain (roles, files)
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,  # private objects: every download is owner-checked by the app first
            "file_overwrite": False,
            "querystring_expire": envint("S3_PRESIGNED_SECONDS", 60),
        },
    }
# Downloads stream through the app by default; with S3, S3_PRESIGNED_DOWNLOADS=1 answers an owner-checked
# download with a redirect to a presigned URL valid for S3_PRESIGNED_SECONDS instead.
S3_PRESIGNED_DOWNLOADS = CONTRACT_STORAGE == "s3" and envbool("S3_PRESIGNED_DOWNLOADS", False)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", False)  # production: collectstatic, then STATIC_MANIFEST=1
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 1_000_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if envbool("HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rendering. Renders are tasks (Django's Tasks API, django-tasks): web workers enqueue them, the
# `db_worker` command runs them (TASKS_BACKEND=database, the default: the queue is a table of the
# database, no other service). TASKS_BACKEND=immediate runs each task inside the request (the tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be 'database' or 'immediate', not {TASKS_BACKEND!r}.")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}
# RENDER_PRERENDER: "on" renders the contract-language PDF as soon as a draft is complete and after each
# later saved step, ahead of "Download PDF" (the default); "off" not at all. RENDER_ISOLATED runs
# WeasyPrint in a child process under the limits above (off only in tests that inspect fetches).
RENDER_PRERENDER = os.environ.get("RENDER_PRERENDER", "on")
RENDER_ISOLATED = envbool("RENDER_ISOLATED", True)
# A render whose worker died is started again (by the next worker to start, or when the buyer's page asks
# after its deadline has surely passed), at most this many times in all.
RENDER_ATTEMPTS = envint("RENDER_ATTEMPTS", 3)

# Sent on every response by contracts.middleware (Django 5.2 has no CSP of its own).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # no inline scripts, no eval
        "style-src 'self' 'unsafe-inline'",  # the contract preview carries its print stylesheet inline
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
