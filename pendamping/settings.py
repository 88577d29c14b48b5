"""Pendamping settings: one file, driven by the environment.

Defaults are safe only for `make run` on a laptop (DEBUG on, SQLite, a throwaway
secret key). Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_KEY = "django-insecure-pendamping-local-development-only-never-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "pendamping.accounts",
    "pendamping.inbox",
    "pendamping.privacy",
    "pendamping.taxonomy",
    "pendamping.clients",
    "pendamping.cases",
    "pendamping.assessment",
    "pendamping.broker",
    "pendamping.motivator",
    "pendamping.facilitator",
    "pendamping.advocate",
    "pendamping.mediator",
    # last: collects what every app registers in pendamping/plugins.py
    "pendamping.apps.PendampingConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # nothing the app answers is kept in a browser's or a proxy's cache
    "pendamping.web.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pendamping.web.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the user's language, never the browser's (replaces LocaleMiddleware)
    "pendamping.accounts.language.LanguageMiddleware",
    # someone else chose the user's password: the password form before anything else
    "pendamping.accounts.views.ForcePasswordChangeMiddleware",
    "pendamping.web.JsonTextMiddleware",
    # one processing-log row per request that showed clients' personal data (around
    # the idempotency middleware: a replayed answer is a read too)
    "pendamping.privacy.log.AccessLogMiddleware",
    # a POST /api/ sent again with the same Idempotency-Key gets the first answer
    "pendamping.api.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pendamping.urls"
WSGI_APPLICATION = "pendamping.wsgi.application"
ASGI_APPLICATION = "pendamping.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pendamping" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pendamping.accounts.context_processors.membership",
                "pendamping.inbox.context_processors.inbox",
            ],
        },
    },
]

# Database: SQLite for `make run`, PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            # secure_delete: what an UPDATE or DELETE frees is zeroed, so an anonymised
            # client's bytes do not stay in free pages (privacy/erasure.py)
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA secure_delete=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and a statement a connection has run
    # PG_PREPARE_THRESHOLD times kept prepared (psycopg's automatic preparation): its
    # parse and plan are done once per connection, not once per request. A dashboard's
    # joins took four times longer to plan than to run (README, Performance). It pays
    # with persistent connections (CONN_MAX_AGE); 0 turns preparation off.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=int(os.environ.get("PG_PREPARE_THRESHOLD", "5")) or None,
    )
    # Parallel workers per query (PostgreSQL's max_parallel_workers_per_gather) for the
    # app's connections: 0 by default. A page's statements read a few hundred rows;
    # starting a worker took longer than the work it shared (a directory search: 12 ms
    # waiting for its Gather against 2 ms of scanning). Empty sends nothing (the
    # server's own setting), e.g. behind a PgBouncer that refuses startup options.
    if parallel := os.environ.get("PG_PARALLEL_WORKERS", "0").strip():
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c max_parallel_workers_per_gather={int(parallel)}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, whose user comes with its membership (one query less per
    # request). It replaces it rather than standing beside it: a second ModelBackend
    # would hash a wrong password twice. Sessions signed in before it end once.
    "pendamping.accounts.backends.MembershipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# The one-time link of a password reset or an invitation (accounts/services.py).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_HOURS", "24")) * 3600

# E-mail (Django 6.1's MAILERS: invitations, password resets, notifications): printed
# on the console for `make run` (DEBUG on); with DEBUG off, SMTP to EMAIL_HOST with
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS (or whatever
# EMAIL_BACKEND names).
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", f"django.core.mail.backends.{'console' if DEBUG else 'smtp'}.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _EMAIL_BACKEND.endswith(".smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Pendamping <noreply@localhost>")

# Failed-login throttling: 5 failures per username and address lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Proxies of our own in front of the app (nginx: 1), each appending the address it saw
# to X-Forwarded-For: lock-outs and throttles count the person, not the proxy
# (web.client_ip; django-axes reads the same count).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Counters (the public status page's throttle) and cached counts: one process's memory
# for `make run`; production with several workers sets a shared cache, e.g.
# CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache (then run
# `manage.py createcachetable`) or a Redis backend with CACHE_LOCATION.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "pendamping_cache"),
    }
}

# Sessions: expire after 8 idle hours and when the browser closes. The idle expiry
# slides at most once a SESSION_REFRESH_SECONDS (pendamping.web.SessionRefreshMiddleware),
# not with a write of the session row on every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie

# Content Security Policy (Django's built-in): no inline scripts, no third-party hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Language: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "pendamping" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "pendamping" / "static"]

# Pagination and API tokens.
PAGE_SIZE = 25
API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", "12"))
# The OpenAPI document and /api/v1/docs without logging in (a logged-in user always).
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", DEBUG)
# A user's active tokens (one per device or script); a new login ends the oldest.
API_TOKEN_MAX_PER_USER = int(os.environ.get("API_TOKEN_MAX_PER_USER", "5"))
# How long an Idempotency-Key and its answer are kept (seconds); a retry after that is a new request.
IDEMPOTENCY_KEY_TTL = int(os.environ.get("IDEMPOTENCY_KEY_TTL", str(24 * 3600)))
# The background worker beats every WORKER_HEARTBEAT_SECONDS; a task RUNNING under a
# worker silent for WORKER_DEAD_AFTER_SECONDS is failed by the reaper (periodic).
WORKER_HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "15"))
WORKER_DEAD_AFTER_SECONDS = int(os.environ.get("WORKER_DEAD_AFTER_SECONDS", "120"))
NINJA_PAGINATION_PER_PAGE = PAGE_SIZE

# Broker: how far (km, from the client's home) a service may be to be suggested.
BROKER_MATCH_RADIUS_KM = float(os.environ.get("BROKER_MATCH_RADIUS_KM", "25"))
# Extra folders of scored-instrument definitions (JSON, see assessment/instruments.py),
# separated by the path separator (":" on Linux); the shipped ones always load.
ASSESSMENT_INSTRUMENTS_DIRS = [
    d for d in os.environ.get("ASSESSMENT_INSTRUMENTS_DIRS", "").split(os.pathsep) if d.strip()
]
# The compiled Open Referral HSDS 3.0 schemas that imports are validated against
# (not shipped with the project; by default the workspace's ../shared copy).
HSDS_SCHEMA_DIR = os.environ.get(
    "HSDS_SCHEMA_DIR", str(BASE_DIR.parent / "shared" / "hsds" / "schema" / "compiled")
)

# Background work (imports): Django's tasks framework. By default tasks are stored in
# the database and run by `python manage.py db_worker` (django-tasks-db), which
# `make run` starts beside the web server. TASKS_BACKEND may name another backend,
# e.g. django.tasks.backends.immediate.ImmediateBackend to run tasks in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# The private files `manage.py backup` copies beside the database (uploaded photos,
# evidence, import files waiting for the worker): os.pathsep-separated folders.
BACKUP_FILE_DIRS = os.environ.get("BACKUP_FILE_DIRS", str(BASE_DIR / "var")).split(os.pathsep)
# Client files uploaded for a bulk import wait here for the worker, then are deleted.
# A private folder: never under STATIC_ROOT or any served URL (the files hold NIKs).
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR", str(BASE_DIR / "var" / "imports")))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# What an XLSX may unpack to (its XML), and the rows a file may hold: checked before
# and while reading, so one upload cannot take the server's memory.
IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(10 * IMPORT_MAX_BYTES))
)
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
# openpyxl reads an XLSX's shared strings (xl/sharedStrings.xml) whole, into memory,
# even read-only: 1M strings (2.6 MB zipped) took 169 MB and 30 s. Its own cap.
IMPORT_MAX_SHARED_STRINGS_BYTES = int(
    os.environ.get("IMPORT_MAX_SHARED_STRINGS_BYTES", str(20 * 1024 * 1024))
)
# Complaints' evidence files (advocate): a private folder, served only by the scoped view.
ADVOCATE_UPLOAD_DIR = Path(
    os.environ.get("ADVOCATE_UPLOAD_DIR", str(BASE_DIR / "var" / "evidence"))
)
ADVOCATE_EVIDENCE_MAX_BYTES = int(
    os.environ.get("ADVOCATE_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))
)
# Scanned consent forms (clients): a private folder, served only by the scoped view.
CONSENT_UPLOAD_DIR = Path(os.environ.get("CONSENT_UPLOAD_DIR", str(BASE_DIR / "var" / "consents")))
CONSENT_PROOF_MAX_BYTES = int(os.environ.get("CONSENT_PROOF_MAX_BYTES", str(5 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The address of this site, for the links in notification e-mails.
PENDAMPING_SITE_URL = os.environ.get("PENDAMPING_SITE_URL", "http://127.0.0.1:8000")
