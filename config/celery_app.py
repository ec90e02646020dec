"""The Celery application: `celery -A config worker` and `celery -A config beat`."""

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("inboxguard")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The tasks are in inbox/pipeline/tasks.py and review/tasks.py (bulk actions).
app.autodiscover_tasks(["inbox.pipeline", "review"])


@after_setup_logger.connect
@after_setup_task_logger.connect
def _quiet_and_structured_logs(logger: logging.Logger, **kwargs: object) -> None:
    """The worker logs as the web does: routine runs at DEBUG, JSON when LOG_FORMAT says so."""
    from common.logging import celery_logging

    celery_logging(logger)


def _survive_a_lost_redis_connection_while_closing() -> None:
    """Keep the worker alive when Redis goes away while a task is unacknowledged (two kombu races).

    kombu's Redis transport, closing its channel after the connection was lost, tries to put the
    unacknowledged messages back through a connection that is already gone, and raises
    AttributeError ('NoneType' object has no attribute 'hostname', in `_connparams`); the worker
    then exits with "Unrecoverable error" instead of reconnecting. Those messages stay in Redis's
    unacked set and come back after the visibility timeout, and every unit of work is a row in
    the database anyway (scans and webhooks are claimed from their tables), so giving up the
    restore here loses nothing.
    """
    from kombu.transport import redis

    log = logging.getLogger(__name__)
    restore, ack, reject = redis.QoS.restore_unacked, redis.QoS.ack, redis.QoS.reject

    def restore_unacked(self: redis.QoS, client: object = None) -> None:
        try:
            restore(self, client)
        except AttributeError:
            log.warning(
                "Redis went away before the unacknowledged messages could be put back; "
                "they return after the visibility timeout"
            )

    # The same race the other way round: a task that started before Redis went away finishes
    # after the worker reconnected, and its late acknowledgement goes to the closed channel
    # (`_connparams` of a channel whose connection is None). The message comes back after the
    # visibility timeout and the task, idempotent, finds its work done.
    def ack_on_a_closed_channel(self: redis.QoS, delivery_tag: str) -> None:
        try:
            ack(self, delivery_tag)
        except AttributeError:
            log.warning("Could not acknowledge a message on a channel closed by a lost connection")

    def reject_on_a_closed_channel(
        self: redis.QoS, delivery_tag: str, requeue: bool = False
    ) -> None:
        try:
            reject(self, delivery_tag, requeue=requeue)
        except AttributeError:
            log.warning("Could not reject a message on a channel closed by a lost connection")

    redis.QoS.restore_unacked = restore_unacked  # type: ignore[method-assign]
    redis.QoS.ack = ack_on_a_closed_channel  # type: ignore[method-assign]
    redis.QoS.reject = reject_on_a_closed_channel  # type: ignore[method-assign]


_survive_a_lost_redis_connection_while_closing()
