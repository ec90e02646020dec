"""Base settings: every setting is defined here and read from the environment.

Environments differ only by environment variables; `local`, `test` and `production` merely change
defaults. See docs/operations.md for the full list.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # local state of the embedded defaults (SQLite, broker, cache)
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

# ---------------------------------------------------------------------------
# Core — https://docs.djangoproject.com/en/5.2/ref/settings/#core-settings
# ---------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "common",
    "inbox",
    "preferences",
    "review",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "common.middleware.length_required",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The filters for hostile text (`plain`, `safe_name`) and `{% moment %}`, the one way
            # a moment is shown, are on every page.
            "builtins": ["inbox.templatetags.inboxguard", "common.templatetags.moments"],
        },
    },
]

# ---------------------------------------------------------------------------
# Database — https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# DATABASE_URL unset => an embedded SQLite file, so a first look needs no server.
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'inboxguard.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers up front, so the daily-limit counter is exact on
    # SQLite too (a deferred transaction would fail to upgrade its read lock under contention).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 30, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    # No `SELECT 1` before each request's first query: a connection that died while idle (a
    # database restart) fails that one request with a 503 and Retry-After, and Django closes
    # it; the next request connects afresh. Checking would cost every request a round trip.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(
        "DJANGO_CONN_HEALTH_CHECKS", default=False
    )
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # Server-side parameters, and statements run twice on a connection are prepared: the
        # check's few statements are parsed and planned once per connection. Turn this off
        # behind a connection pooler in transaction mode (PgBouncer before 1.21), which cannot
        # keep a prepared statement with its connection.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 2}
        )

# ---------------------------------------------------------------------------
# Cache — https://docs.djangoproject.com/en/5.2/topics/cache/
# REDIS_URL unset => a file cache shared by the web and worker processes on this machine.
# ---------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "inboxguard",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# ---------------------------------------------------------------------------
# Auth and sessions — https://docs.djangoproject.com/en/5.2/topics/auth/
# ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password guessing — https://django-axes.readthedocs.io/en/latest/4_configuration.html
# After AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, sign-in is
# refused for AXES_COOLOFF_HOURS; staff see the attempts and lock-outs in the admin (Axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=None)  # proxies in front: their count
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"  # freelancers land on their quarantine, staff on the review queue
LOGOUT_REDIRECT_URL = "/login/"

# ---------------------------------------------------------------------------
# Security — https://docs.djangoproject.com/en/5.2/ref/settings/#security
# ---------------------------------------------------------------------------
# Content-Security-Policy — https://django-csp.readthedocs.io/en/latest/configuration.html
# Scripts and styles come from our own static files only: no inline script, no eval (HTMX's
# hx-on is not used), so an injected tag in hostile text could not run even if escaping failed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Permissions-Policy — https://github.com/adamchainz/django-permissions-policy
# No page of this service needs a device or a payment API.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads it to send X-CSRFToken
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The largest request the API reads; message bodies have their own, smaller limit (64 KiB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# ---------------------------------------------------------------------------
# Internationalisation — https://docs.djangoproject.com/en/5.2/topics/i18n/
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files — https://docs.djangoproject.com/en/5.2/howto/static-files/
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")

# ---------------------------------------------------------------------------
# Logging — https://docs.djangoproject.com/en/5.2/topics/logging/
# ---------------------------------------------------------------------------
# Plain lines by default; LOG_FORMAT=json writes one JSON object a line (python-json-logger),
# with `message_id` as a field on lines about a message. Routine work logs at DEBUG
# (common/logging.py); DJANGO_LOG_LEVEL=DEBUG shows it.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOG_ROUTINE_TASKS = (
    "inbox.sweep",
    "inbox.scan_pending",
    "inbox.webhooks_send",
    "review.bulk_jobs_run",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"chosen": {"()": "common.logging.formatter"}},  # plain or JSON: LOG_FORMAT
    "filters": {
        "routine": {"()": "common.logging.RoutineWorkAtDebug"},
        "beat_brief": {"()": "common.logging.BeatSendFailuresBrief"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "chosen",
            "filters": ["routine", "beat_brief"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes writes a line for every sign-in and its housekeeping: kept, but as warnings up.
    "loggers": {"axes": {"level": env.str("AXES_LOG_LEVEL", default="WARNING")}},
}

# ---------------------------------------------------------------------------
# Django REST framework — https://www.django-rest-framework.org/api-guide/settings/
# ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Bearer first: its WWW-Authenticate header makes unauthenticated calls answer 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "inbox.authentication.ServiceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["common.permissions.IsService"],
    "DEFAULT_PARSER_CLASSES": ["common.api_errors.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.ResultsPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "common.api_errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# ---------------------------------------------------------------------------
# OpenAPI — https://drf-spectacular.readthedocs.io/en/latest/settings.html
# ---------------------------------------------------------------------------
# The API's schema and Swagger UI describe every endpoint: public where the service is run by
# hand (`make run` sets DJANGO_DEBUG), for the service key and staff everywhere else.
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=DEBUG)
SPECTACULAR_SETTINGS = {
    "TITLE": "Inbox Guard API",
    "DESCRIPTION": "Delivery decisions, sender facts and freelancer preferences. "
    "See shared/CONTRACT.md for the messaging system's contract.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ContactModeEnum": "preferences.choices.ContactMode"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.openapi.add_error_responses",
        "common.openapi.blank_as_any_of",
        "config.openapi.add_conflicts",
        "config.openapi.add_links",
    ],
}

# ---------------------------------------------------------------------------
# Celery — https://docs.celeryq.dev/en/stable/userguide/configuration.html
# CELERY_BROKER_URL unset => a filesystem broker under var/, which needs no server.
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost//")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "broker"
    for _folder in ("processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A task not acknowledged within this time is redelivered; longer than any task's hard limit.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = "inbox"
# Webhooks have their own queue so a slow receiver never delays scans; a plain
# `celery -A config worker` consumes every queue declared here.
CELERY_TASK_QUEUES = (
    Queue("inbox", Exchange("inbox"), routing_key="inbox"),
    Queue("webhooks", Exchange("webhooks"), routing_key="webhooks"),
)
CELERY_TASK_DEFAULT_EXCHANGE = "inbox"
CELERY_TASK_DEFAULT_ROUTING_KEY = "inbox"
CELERY_TASK_ROUTES = {
    name: {"queue": "webhooks", "routing_key": "webhooks"}
    for name in ("inbox.webhook_send", "inbox.webhooks_send")
}
# With the broker down, publishing fails fast (the sweepers enqueue the work later) instead of
# holding up the delivery check.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Re-enqueue lost work (blocks not yet pulled back).
    "sweep": {
        "task": "inbox.sweep",
        "schedule": env.float("SWEEP_INTERVAL_SECONDS", default=5.0),
        "options": {"expires": 30},
    },
    # Scan what is pending and send what is due even if no wake arrived (a wake lost with the
    # broker, or skipped), and send webhook retries when their back-off runs out.
    "scan-pending": {
        "task": "inbox.scan_pending",
        "schedule": env.float("POLL_SECONDS", default=1.0),
        "options": {"expires": 10},
    },
    "send-webhooks": {
        "task": "inbox.webhooks_send",
        "schedule": env.float("POLL_SECONDS", default=1.0),
        "options": {"expires": 10},
    },
    # Bulk actions a worker dropped (or whose wake was lost) are taken up again.
    "run-bulk-jobs": {
        "task": "review.bulk_jobs_run",
        "schedule": env.float("SWEEP_INTERVAL_SECONDS", default=5.0),
        "options": {"expires": 30},
    },
    "purge-bodies": {"task": "inbox.purge_bodies", "schedule": 3600.0},
    "send-digests": {"task": "inbox.send_digests", "schedule": crontab(hour=8, minute=0)},
    # Retrain on reviewers' labels; the candidate is activated only if no worse (detection.md).
    "retrain-detector": {
        "task": "inbox.retrain_detector",
        "schedule": crontab(hour=3, minute=30),
        "options": {"expires": 6 * 3600},
    },
}

# ---------------------------------------------------------------------------
# Inbox Guard
# ---------------------------------------------------------------------------
WEBHOOK_URL = env.str("WEBHOOK_URL", default="")
WEBHOOK_SECRET = env.str("WEBHOOK_SECRET", default="")
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
# Retries back off exponentially from the base (first retry within a minute) up to the cap, and
# give up only after this many hours (the contract promises at least 24).
WEBHOOK_BACKOFF_BASE_SECONDS = env.float("WEBHOOK_BACKOFF_BASE_SECONDS", default=15.0)
WEBHOOK_BACKOFF_MAX_SECONDS = env.float("WEBHOOK_BACKOFF_MAX_SECONDS", default=3600.0)
WEBHOOK_GIVE_UP_AFTER_HOURS = env.float("WEBHOOK_GIVE_UP_AFTER_HOURS", default=25.0)
# A scan or pull-back claimed longer ago than this and still not done is taken up again.
WORK_LEASE_SECONDS = env.float("WORK_LEASE_SECONDS", default=30.0)
# Scanning (inbox/pipeline/scan.py): a worker claims this many pending scans at a time, and one
# task scans for at most this long before handing on to a new task. Each web process wakes the
# scanner at most once per WAKE_INTERVAL_SECONDS (beat also runs it every POLL_SECONDS).
SCAN_BATCH_SIZE = env.int("SCAN_BATCH_SIZE", default=50)
# Webhooks (inbox/outbox.py): claimed and sent this many at a time, woken and run like the scanner.
WEBHOOK_BATCH_SIZE = env.int("WEBHOOK_BATCH_SIZE", default=50)
WORK_BUDGET_SECONDS = env.float("WORK_BUDGET_SECONDS", default=20.0)
WAKE_INTERVAL_SECONDS = env.float("WAKE_INTERVAL_SECONDS", default=0.1)
# Where retraining (the worker's nightly run, the review UI's button, `train_detector`) finds the
# training corpora; they are not shipped with the code (their licences are their own).
DETECTOR_DATA_DIR = env.path("DETECTOR_DATA_DIR", default=BASE_DIR.parent / "shared" / "data")
# `make run`'s demo keeps its service key here (this machine's local state), so a rerun prints
# the same working key.
DEMO_KEY_FILE = env.path("DEMO_KEY_FILE", default=VAR_DIR / "demo-service-key")
# /metrics computes its aggregates at most once per this many seconds (shared cache), so any
# number of scrapers and web processes cost one computation.
METRICS_CACHE_SECONDS = env.float("METRICS_CACHE_SECONDS", default=15.0)
# Review UI: an action on more messages than this runs in the worker, with a progress page;
# past the second number the reviewer narrows the filter instead.
REVIEW_BULK_INLINE_MAX = env.int("REVIEW_BULK_INLINE_MAX", default=100)
REVIEW_BULK_MAX = env.int("REVIEW_BULK_MAX", default=100_000)
# What preferences reads of the inbox (preferences/ports.py): named here, so preferences imports
# nothing of inbox.
PREFERENCES_POLICY_FACTS = "inbox.selectors.freelancer_policy_facts"
PREFERENCES_SENDER_IDENTITY = "inbox.selectors.sender_identity"
PREFERENCES_SENDERS_KNOWN_TO = "inbox.selectors.senders_known_to"
PREFERENCES_BLOCK_MADE = "inbox.pipeline.pull_back.pull_back_soon"
# What a 503 tells a client to wait while the database is unavailable (a restart, a failover).
DATABASE_RETRY_AFTER_SECONDS = env.int("DATABASE_RETRY_AFTER_SECONDS", default=5)
# Where freelancers open the web UI (used in digest links).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# The documented limit of a message body, in UTF-8 bytes (CONTRACT: at most 64 KiB).
MESSAGE_BODY_MAX_BYTES = 64 * 1024
