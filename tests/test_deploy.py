"""The deploy files (issue 11), checked as far as this machine allows: no Docker daemon runs
here, so the image is not built; its build step, the compose file's wiring and the config
it mounts are checked instead."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from bot.config import load_settings
from tests.paths import REPO


def test_the_image_runs_as_a_user_and_probes_the_health_endpoint() -> None:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER newsalert$", text, re.MULTILINE)
    assert "HEALTHCHECK" in text
    assert "/healthz" in text
    assert 'ENTRYPOINT ["newsalert"]' in text
    assert '".[postgres]"' in text


def test_the_images_config_serves_the_health_endpoint_its_check_probes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    env = dict(re.findall(r"(NEWSALERT_OPS\w*)=(\S+)", text))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = load_settings(REPO / "config" / "newsalert.yaml")
    assert settings.ops.enabled
    assert settings.ops.listen == "0.0.0.0"
    assert f"127.0.0.1:{settings.ops.port}/healthz" in text
    # Outside the image the endpoints stay off unless asked for.
    for name in env:
        monkeypatch.delenv(name)
    assert not load_settings(REPO / "config" / "newsalert.yaml").ops.enabled


def test_the_image_build_step_that_makes_the_indexes_works(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The RUN line that builds the gazetteer and KATOTTG indexes, on the repo's config.
    step = re.search(r'python -c "([^"]+)"', (REPO / "Dockerfile").read_text()).group(1)  # type: ignore[union-attr]
    step = step.replace("/etc/newsalert/newsalert.yaml", str(REPO / "config" / "newsalert.yaml"))
    done = subprocess.run(
        [sys.executable, "-c", step],
        env={"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = sorted(p.name.split("-")[0] for p in (tmp_path / "newsalert").iterdir())
    assert made == ["gazetteer", "hierarchy"]


def test_the_image_compiles_the_message_catalogs_it_installs() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "python -m bot.i18n.catalog compile" in dockerfile
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    # The catalogs are package data: an installed bot has them to compile and read.
    assert '"i18n/locale/*/LC_MESSAGES/*.po"' in pyproject


def test_compose_wires_newsalert_to_postgres_with_health_checks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["newsalert"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "/readyz" in " ".join(services["newsalert"]["healthcheck"]["test"])
    assert "127.0.0.1:9464:9464" in services["newsalert"]["ports"]
    # No secret written in the file: tokens and the password come from the environment.
    for value in services["newsalert"]["environment"].values():
        assert str(value).startswith("${") or str(value).startswith("/etc/")
    mount = next(v for v in services["newsalert"]["volumes"] if "compose-config" in v)
    config = REPO / mount.split(":")[0].removeprefix("./")
    monkeypatch.setenv("POSTGRES_PASSWORD", "example")
    settings = load_settings(config)
    assert settings.store.url.startswith("postgresql+asyncpg://newsalert:example@db/")
    assert settings.ops.enabled
    assert settings.ops.listen == "0.0.0.0"
    assert settings.ops.port == 9464


def test_compose_runs_more_workers_on_the_same_store_on_demand() -> None:
    services = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))["services"]
    main, worker = services["newsalert"], services["worker"]
    assert worker["profiles"] == ["workers"]  # `--profile workers`: off by default
    # The same image, config, store and tokens; no host port, so it scales past one.
    for key in ("build", "environment", "volumes", "depends_on"):
        assert worker[key] == main[key], key
    assert "ports" not in worker
    assert "/readyz" in " ".join(worker["healthcheck"]["test"])


def test_the_systemd_unit_runs_the_bot_and_stops_it_with_sigterm() -> None:
    unit = (REPO / "deploy" / "newsalert.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=\S+/newsalert run --config \S+$", unit, re.MULTILINE)
    assert "KillSignal=SIGTERM" in unit
    assert "EnvironmentFile=" in unit
    assert "User=newsalert" in unit
