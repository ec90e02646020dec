"""A webhook receiver for trying Inbox Guard locally: prints each event and checks its signature.

    manage.py webhook_receiver --port 9000
    WEBHOOK_URL=http://127.0.0.1:9000/hooks make run      (in another terminal)

Answers 200 to a correctly signed event and 401 to any other, as a real receiver should.
"""

from __future__ import annotations

import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from inbox.outbox import signature

MAX_BODY = 1024 * 1024


class Command(BaseCommand):
    help = "Receive Inbox Guard's webhooks locally, print them and check their signatures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=9000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, port: int, host: str, **options: Any) -> None:
        write, secret = self.stdout.write, settings.WEBHOOK_SECRET
        style = self.style

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the sender uses it

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, MAX_BODY))
                given = self.headers.get("X-Signature", "")
                valid = hmac.compare_digest(given, signature(body, secret))
                try:
                    event = json.loads(body)
                    summary = f"{event.get('type')} {event.get('message_id', '')}".strip()
                except (ValueError, AttributeError):
                    summary = f"{length} bytes, not JSON"
                line = f"{'signed' if valid else 'BAD SIGNATURE'}  {summary}"
                write(style.SUCCESS(line) if valid else style.ERROR(line))
                write(body.decode("utf-8", errors="replace"))
                self.send_response(200 if valid else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the line above says what arrived

        server = ThreadingHTTPServer((host, port), Handler)
        write(f"Receiving webhooks at http://{host}:{port}/ (Ctrl-C stops).")
        write(f"Start the service with WEBHOOK_URL=http://{host}:{port}/hooks make run")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
