"""Pipeline fixtures: a webhook receiver and a real Celery worker on the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pipeline.harness import (
    Managed,
    WebhookReceiver,
    celery_worker,
    process_env,
    purge_queues,
    wait_until,
    worker_ready,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _pipeline_settings(settings, receiver: WebhookReceiver) -> None:
    """Point this process and its workers at the receiver, with fast retries and leases."""
    settings.WEBHOOK_URL = receiver.url
    settings.WEBHOOK_TIMEOUT_SECONDS = 1.0
    settings.WEBHOOK_BACKOFF_BASE_SECONDS = 0.3
    settings.WEBHOOK_BACKOFF_MAX_SECONDS = 2.0
    settings.WORK_LEASE_SECONDS = 2.0
    receiver.reset()


@pytest.fixture
def worker(django_db_blocker, _pipeline_settings) -> Iterator[Managed]:
    """A real worker process (two pool processes) consuming the test broker."""
    purge_queues()
    process = celery_worker(env=process_env(SWEEP_INTERVAL_SECONDS="0.5"), beat=True)
    try:
        wait_until(lambda: worker_ready(process), timeout=60, what="the worker to be ready")
        yield process
    finally:
        process.stop()
