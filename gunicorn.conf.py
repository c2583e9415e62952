"""gunicorn settings: `gunicorn -c gunicorn.conf.py "opinion:create_app()"` (docs/deploy.md).

Everything can be overridden from the environment so one file serves a commune's small
machine and a province's larger one.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # nginx in front terminates TLS
# Sync workers: each request is short (the classifier tags in ~7 ms); 2 per core plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # the monthly Word export of a province
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
# Import the app once before forking: workers start fast and share its memory.
preload_app = True
# The app writes its own JSON access line with the request id; gunicorn's would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
