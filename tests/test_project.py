"""The project as a whole: settings, CI, migrations, docker-compose, the demo pages."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from aidtracker.models import Pledge
from aidtracker.settings import MISSING_SECRET_KEY
from ingest.models import Article

ROOT = Path(__file__).resolve().parent.parent


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import aidtracker.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_debug_a_secret_key_is_required():
    result = run_settings({})
    assert result.returncode != 0
    assert MISSING_SECRET_KEY in result.stderr


def test_development_key_only_with_debug():
    assert run_settings({"DEBUG": "1"}).returncode == 0
    refused = run_settings({"SECRET_KEY": "django-insecure-abc"})
    assert "refused when DEBUG is off" in refused.stderr


def test_embedded_default_is_sqlite_and_a_url_selects_postgres():
    assert run_settings({"DEBUG": "1"}).stdout.strip() == "django.db.backends.sqlite3"
    pg = run_settings({"DEBUG": "1", "DATABASE_URL": "postgres://u@localhost:5432/x"})
    assert pg.stdout.strip() == "django.db.backends.postgresql"


def test_ci_runs_on_postgresql():
    if os.environ.get("CI", "").lower() not in {"1", "true", "yes"}:
        pytest.skip("only meaningful in CI (CI=true)")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.REDIS_URL.startswith("redis://")


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_docker_compose_agrees_with_the_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker", "beat"}
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in " ".join(services["web"]["command"]) and "aidtracker.wsgi" in " ".join(
        services["web"]["command"]
    )
    assert services["worker"]["command"][:4] == ["celery", "-A", "aidtracker", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "aidtracker", "beat"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["SECRET_KEY"] and env.get("DEBUG", "0") in {"0", "false"}
        assert {"postgres", "redis"} <= set(services[name]["depends_on"])
    volume = services["postgres"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    pg_env = services["postgres"]["environment"]
    assert services["web"]["environment"]["DATABASE_URL"].endswith("/" + pg_env["POSTGRES_DB"])


@pytest.mark.django_db
def test_demo_pages_serve_home_and_admin(client, admin_user):
    call_command("load_demo", stdout=StringIO())
    home = client.get("/")
    assert home.status_code == 200
    assert b"United States" in home.content and b"325,000,000 USD" in home.content
    client.force_login(admin_user)
    listing = client.get("/admin/aidtracker/pledge/")
    count = Pledge.objects.count()
    assert count >= 6
    assert listing.status_code == 200 and f"{count} pledges".encode() in listing.content
    call_command("load_demo", stdout=StringIO())
    assert Pledge.objects.count() == count  # loading the demo again adds nothing
    # The demo is built by the ingestion pipeline: 11 articles in 5 languages; the US
    # package reported in English, French and Polish is one pledge with three evidence rows.
    assert Article.objects.filter(status="extracted").count() == 11
    assert set(Article.objects.values_list("language", flat=True)) >= {"en", "fr", "de", "pl", "uk"}
    us = Pledge.objects.get(donor="US")
    assert sorted(us.evidence.values_list("article__language", flat=True)) == ["en", "fr", "pl"]


def test_extract_command_needs_no_settings_database_or_broker():
    seed = ROOT / "tests" / "fixtures" / "corpus"
    article = sorted(seed.glob("en-*.txt"))[0]
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    env = {
        **clean,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "extract", str(article)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["source"] == str(article) and line["pledges"]
