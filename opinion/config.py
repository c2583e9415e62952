"""Configuration classes. Everything secret or deployment-specific comes from the environment."""
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import ClassVar


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the message says what to set."""


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret_key(instance_path: Path) -> str:
    """A development key kept in instance/ so logins survive a restart; never used in production."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    ENV_NAME = "development"
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    # Reports are short texts: 1 MB for any request, except the two report forms below.
    MAX_CONTENT_LENGTH = 1 * 1024 * 1024
    # An evidence photo is at most PHOTO_MAX_BYTES (the phone's script resizes it to far less).
    # The report forms take larger requests, so that a big camera photo sent without JavaScript
    # is refused by the form, with a Vietnamese message and the text kept, not by a bare 413.
    PHOTO_MAX_BYTES = 5 * 1024 * 1024
    # Flask-Compress: gzip is what every phone browser accepts over plain HTTP too; brotli when
    # the browser offers it (HTTPS). The web manifest and the service worker are compressed too.
    COMPRESS_ALGORITHM: ClassVar[list] = ["br", "gzip"]
    COMPRESS_REGISTER = False  # opinion/offline.py applies it to everything but the JSON API
    COMPRESS_MIMETYPES: ClassVar[list] = [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
        "application/manifest+json", "image/svg+xml"]
    REPORT_FORM_MAX_BYTES = 20 * 1024 * 1024
    API_TOKEN_LIFETIME = timedelta(days=30)
    LOGIN_RATE_LIMIT = "10 per minute"
    SUBMIT_RATE_LIMIT = "120 per hour"
    REPORT_TEXT_MAX = 5000
    REPORT_TEXT_MIN = 10
    DEMO_DATA_ALLOWED = True
    CLASSIFIER_MODEL_DIR = None  # None: the shipped default model
    # Below this confidence a predicted tag is marked for a reviewer to check.
    REVIEW_THRESHOLD = 0.6
    # Matters (vụ việc): similar open reports of the same commune from the last N days are
    # joined above MATTER_JOIN_THRESHOLD and suggested to reviewers above MATTER_SUGGEST_THRESHOLD
    # (Jaccard of content words, services/similarity.py; chosen by bench/matter_pairs.py).
    MATTER_WINDOW_DAYS = 14
    MATTER_JOIN_THRESHOLD = 0.37
    MATTER_SUGGEST_THRESHOLD = 0.25
    # How many reports within how many hours lift a matter from one urgency to the next.
    MATTER_URGENCY_LIFTS: ClassVar[tuple] = (
        {"reports": 5, "hours": 24, "from": "trung_binh", "to": "cao"},
        {"reports": 5, "hours": 24, "from": "thap", "to": "trung_binh"},
    )
    # JSON lines on stderr with a request id (opinion/logs.py); LOG_LEVEL from the environment.
    LOG_JSON = True
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()

    def __init__(self, instance_path: Path):
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _instance_secret_key(instance_path)
        default_db = f"sqlite:///{instance_path / 'opinion.db'}"
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL", default_db))
        # Memory storage per process by default; Redis shares counts between gunicorn workers.
        self.RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
        self.RATELIMIT_ENABLED = os.environ.get("OPINION_RATE_LIMITS", "on") != "off"
        if os.environ.get("OPINION_MODEL_DIR"):
            self.CLASSIFIER_MODEL_DIR = os.environ["OPINION_MODEL_DIR"]
        self._matter_settings_from_environment()

    def _matter_settings_from_environment(self) -> None:
        for name, parse in (("MATTER_WINDOW_DAYS", int), ("MATTER_JOIN_THRESHOLD", float),
                            ("MATTER_SUGGEST_THRESHOLD", float)):
            raw = os.environ.get(f"OPINION_{name}")
            if raw:
                try:
                    setattr(self, name, parse(raw))
                except ValueError:
                    raise ConfigError(f"OPINION_{name} must be a number, not {raw!r}.") from None
        # The similar-report index keeps what any threshold >= 0.2 needs (services/matters.py).
        if not 0.2 <= self.MATTER_SUGGEST_THRESHOLD <= self.MATTER_JOIN_THRESHOLD <= 1:
            raise ConfigError("Matter thresholds need 0.2 <= OPINION_MATTER_SUGGEST_THRESHOLD <= "
                              "OPINION_MATTER_JOIN_THRESHOLD <= 1.")
        if self.MATTER_WINDOW_DAYS < 1:
            raise ConfigError("OPINION_MATTER_WINDOW_DAYS must be at least 1.")


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing: tests create many users
    LOG_JSON = False  # pytest captures records itself; tests of the format enable it

    def __init__(self, instance_path: Path, database_url: str = "sqlite://"):
        super().__init__(instance_path)
        self.SECRET_KEY = "test-secret-key"
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.RATELIMIT_ENABLED = True
        # Generous in tests; the rate-limit tests lower them.
        self.LOGIN_RATE_LIMIT = "10000 per minute"
        self.SUBMIT_RATE_LIMIT = "10000 per minute"
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    DEMO_DATA_ALLOWED = False
    BEHIND_PROXY = os.environ.get("OPINION_BEHIND_PROXY", "1") != "0"

    def __init__(self, instance_path: Path):
        secret = os.environ.get("SECRET_KEY", "")
        if len(secret) < 32:
            raise ConfigError(
                "OPINION_ENV=production needs SECRET_KEY of at least 32 characters "
                "(e.g. python -c 'import secrets; print(secrets.token_hex(32))').")
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith(("postgres://", "postgresql")):
            raise ConfigError("OPINION_ENV=production needs DATABASE_URL pointing to PostgreSQL.")
        super().__init__(instance_path)


def config_from_environment(instance_path: Path) -> Config:
    env = os.environ.get("OPINION_ENV", "development")
    if env == "production":
        return ProductionConfig(instance_path)
    return Config(instance_path)
