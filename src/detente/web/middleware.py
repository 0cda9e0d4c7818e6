"""The ASGI middleware around the app: the security headers on every answer, and the one error shape for
whatever escapes the app's own error handlers.

An error the app's handlers do not know (a bug, or a failure nothing foresaw) is answered
`{"error": ..., "status": 500}` with the `internal_error` code and the security headers, like every other
error; its traceback goes to the server's log (the `detente.web` logger), never to the client."""
from __future__ import annotations

import logging

from starlette.datastructures import MutableHeaders

from ..errors import InternalError
from .responses import error_response

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
INTERNAL_MESSAGE = "internal error: the request could not be answered; the server logged the cause"
log = logging.getLogger("detente.web")


class Guard:
    """ASGI middleware: the security headers on every response; an unexpected error answered in the one
    error shape (and logged with its traceback)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if started:  # part of the answer is sent: nothing else can be said
                raise
            response = error_response(InternalError.status, INTERNAL_MESSAGE, InternalError.code)
            await response(scope, receive, send_with_headers)
