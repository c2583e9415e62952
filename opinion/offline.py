"""The installable, offline-capable shell for collaborators' phones.

- `/manifest.webmanifest`: name, icons and start page, so Chromium offers to install the app.
- `/sw.js`: the service worker (opinion/static/sw.js), served from the root so that its scope
  covers every page; it is prefixed with the version of the static files and the list of
  files to keep on the phone, so a new deployment replaces the phone's cache.
- `static_url()`: static files with their content hash in the address (`?v=...`), which the
  service worker may therefore cache forever.

The outbox itself (IndexedDB, sending with backoff) is opinion/static/js/outbox.js.
"""
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, current_app, jsonify, make_response, request, url_for

from opinion.auth import public
from opinion.extensions import compress

bp = Blueprint("offline", __name__)

STATIC = Path(__file__).resolve().parent / "static"
# What a collaborator's phone keeps for offline use: the shell's static files...
SHELL_STATIC = ("css/app.css", "js/outbox.js", "icons/icon-192.png", "icons/icon-512.png")
# ...and the collaborator's pages, stored on install (others as they are visited).
SHELL_PAGES = ("intake.home", "intake.new_field_report", "intake.new_social_post", "intake.my_reports")


@lru_cache(maxsize=64)
def _file_hash(filename: str, mtime_ns: int) -> str:
    return hashlib.sha256((STATIC / filename).read_bytes()).hexdigest()[:10]


def static_version(filename: str) -> str:
    path = STATIC / filename
    return _file_hash(filename, path.stat().st_mtime_ns) if path.exists() else "0"


def static_url(filename: str) -> str:
    return url_for("static", filename=filename, v=static_version(filename))


def _shell_version() -> str:
    parts = [static_version(name) for name in (*SHELL_STATIC, "sw.js")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


@bp.route("/sw.js")
@public
def service_worker():
    shell = {"version": _shell_version(),
             "static": [static_url(name) for name in SHELL_STATIC],
             "pages": [url_for(endpoint) for endpoint in SHELL_PAGES]}
    body = f"const SHELL = {json.dumps(shell)};\n" + (STATIC / "sw.js").read_text(encoding="utf-8")
    response = make_response(body)
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Service-Worker-Allowed"] = "/"
    # The browser checks for a new worker on every visit; never serve it from a cache.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/manifest.webmanifest")
@public
def manifest():
    response = jsonify({
        "name": "Tiếp nhận dư luận xã hội",
        "short_name": "Dư luận",
        "description": "Gửi báo cáo dư luận xã hội, kể cả khi không có mạng.",
        "lang": "vi",
        "id": "/",
        "start_url": url_for("intake.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b41e28",
        "icons": [{"src": static_url(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
                   "type": "image/png", "purpose": "any"} for size in (192, 512)],
    })
    response.headers["Content-Type"] = "application/manifest+json"
    response.headers["Cache-Control"] = "no-cache"
    return response


def _static_in_memory(response):
    """Our static text files are small: read them whole, so that Flask-Compress gzips them in
    one piece (and closes the file), instead of wrapping the open file in a stream."""
    if (request.endpoint == "static" and response.direct_passthrough
            and response.mimetype in current_app.config["COMPRESS_MIMETYPES"]):
        response.direct_passthrough = False
        response.make_sequence()
    return response


def _compress_pages(response):
    """Pages, static files, the manifest and the service worker are compressed here. The JSON
    API is left to the proxy in front (docs/deploy.md: nginx gzip), as before: its clients are
    integrators' programs, and some (test clients, fuzzers) do not decode brotli."""
    if request.path.startswith("/api/"):
        return response
    return compress.after_request(response)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["static_url"] = static_url
    # after_request hooks run last-registered first: static files are read whole, then compressed.
    app.after_request(_compress_pages)
    app.after_request(_static_in_memory)
