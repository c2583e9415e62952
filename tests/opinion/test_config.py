"""Configuration from the environment; production refuses unsafe settings."""
import pytest

from opinion.config import (
    Config,
    ConfigError,
    ProductionConfig,
    config_from_environment,
    normalise_database_url,
)


def test_production_needs_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("OPINION_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        config_from_environment(tmp_path)


def test_production_needs_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.db")
    with pytest.raises(ConfigError, match="PostgreSQL"):
        ProductionConfig(tmp_path)


def test_production_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    config = ProductionConfig(tmp_path)
    assert config.SESSION_COOKIE_SECURE and not config.DEMO_DATA_ALLOWED
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@h/db"


def test_development_keeps_a_generated_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("OPINION_ENV", raising=False)
    first = config_from_environment(tmp_path).SECRET_KEY
    assert len(first) >= 32 and config_from_environment(tmp_path).SECRET_KEY == first


def test_database_url_spellings():
    assert normalise_database_url("postgresql://a/b") == "postgresql+psycopg://a/b"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_matter_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OPINION_MATTER_WINDOW_DAYS", "7")
    monkeypatch.setenv("OPINION_MATTER_JOIN_THRESHOLD", "0.5")
    config = Config(tmp_path)
    assert config.MATTER_WINDOW_DAYS == 7 and config.MATTER_JOIN_THRESHOLD == 0.5
    assert config.MATTER_SUGGEST_THRESHOLD == 0.25
    monkeypatch.setenv("OPINION_MATTER_SUGGEST_THRESHOLD", "0.1")  # below what the index keeps
    with pytest.raises(ConfigError):
        Config(tmp_path)
    monkeypatch.setenv("OPINION_MATTER_SUGGEST_THRESHOLD", "beaucoup")
    with pytest.raises(ConfigError):
        Config(tmp_path)
