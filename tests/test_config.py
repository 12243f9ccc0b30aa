from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from detente.config import Config, load_config
from detente.errors import ConfigError


def test_precedence_defaults_file_env_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "detente.toml"
    file.write_text('[detente]\ndb = "file.duckdb"\nbatch_size = 8\n')
    assert load_config(file).db == "file.duckdb"
    monkeypatch.setenv("DETENTE_DB", "env.duckdb")
    monkeypatch.setenv("DETENTE_BATCH_SIZE", "4")
    config = load_config(file)
    assert (config.db, config.batch_size) == ("env.duckdb", 4)
    assert load_config(file, db="flag.duckdb").db == "flag.duckdb"
    assert pickle.loads(pickle.dumps(config)) == config


def test_unknown_and_malformed_settings_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "detente.toml"
    file.write_text("[detente]\ndbb = 1\n")
    with pytest.raises(ConfigError, match="dbb"):
        load_config(file)
    monkeypatch.setenv("DETENTE_JOBS", "many")
    with pytest.raises(ConfigError, match="jobs"):
        load_config(tmp_path / "absent.toml")
    assert Config().db == "detente.duckdb"
