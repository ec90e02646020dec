"""Settings for the test suite: real PostgreSQL and Redis unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="test-only-not-secret")
WEBHOOK_SECRET = env.str("WEBHOOK_SECRET", default="test-webhook-secret")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that threads in the concurrency tests share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_inboxguard.sqlite3")}

# Every scrape computes afresh in tests (one test's data is not another's cached answer);
# tests/review/test_metrics.py turns the cache on where it is the subject.
METRICS_CACHE_SECONDS = 0
