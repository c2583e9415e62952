"""Structured logs: one JSON object per line, each with the id of the request it belongs to.

Every request gets an id (the incoming X-Request-ID when it is a sane token, e.g. from nginx,
else a new one), echoed in the response so a user's "mã lỗi" can be found in the logs. The
access line records method, route, status, duration and user id: never query strings or
form data, which may hold what citizens said.
"""
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from flask_login import current_user

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("opinion.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = getattr(g, "request_id", None)
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    """JSON lines on stderr for the app's loggers (gunicorn collects stderr)."""
    logger = logging.getLogger("opinion")
    if any(getattr(h, "opinion_json", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.opinion_json = True
    logger.addHandler(handler)
    logger.setLevel(level)


def _start() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    started = g.get("request_started")
    user_id = current_user.get_id() if current_user and current_user.is_authenticated else None
    access_log.info("request", extra={"fields": {
        "request_id": g.get("request_id"),
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule else None,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "user_id": user_id or getattr(g.get("user"), "id", None),
    }})
    return response


def init_app(app: Flask) -> None:
    if app.config.get("LOG_JSON", True):
        configure_logging(app.config.get("LOG_LEVEL", "INFO"))
    app.before_request(_start)
    app.after_request(_finish)
