"""Settings for commands and `make run` on a developer machine: development secrets by default.

DEBUG stays off unless DJANGO_DEBUG says otherwise; `make run` turns it on.
"""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
WEBHOOK_SECRET = env.str("WEBHOOK_SECRET", default="local-development-webhook-secret")
