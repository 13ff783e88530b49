"""manage.py ingest, ingest_file and reextract."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aidtracker.models import Pledge
from aidtracker.services import pledge_correct
from ingest.models import Article, Evidence

pytestmark = pytest.mark.django_db

US = (
    "On June 13, 2023 the United States announced a new $325 million security "
    "assistance package for Ukraine, including Stinger missiles."
)
UK = "On 16 June 2023 the United Kingdom pledged £50 million of military aid to Ukraine."


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_queues_urls_and_reports_refusals(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        out, err = run("ingest", "https://example.org/a", "https://example.org/a#x", "ftp://x/y")
    assert "queued as article" in out and "duplicate" in out
    assert "ftp://x/y: The url must be an absolute http:// or https:// URL." in err
    assert Article.objects.count() == 1 and len(queued) == 1


def test_ingest_file_reports_bad_lines_and_counts(tmp_path, reference):
    lines = [
        json.dumps({"text": US, "title": "US", "published_on": "2023-06-16"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"text": US.upper()}),
        json.dumps({"title": "nothing to ingest"}),
        json.dumps({"text": 42}),
        json.dumps({"text": UK, "published_on": "16/06/2023"}),
        json.dumps({"text": UK, "url": "https://example.org/uk?utm_medium=x"}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    out, err = run("ingest_file", str(path), "--sync", "--verbosity", "0")
    assert out.strip() == "2 created, 1 duplicate, 5 failed (8 lines)."
    assert f"{path}:3: not valid JSON" in err
    assert f"{path}:4: a line must be a JSON object" in err
    assert f"{path}:6: Give a url, a text or an html body" in err
    assert f"{path}:7: text must be a string" in err
    assert f"{path}:8: published_on must be a date" in err
    assert set(Article.objects.values_list("status", flat=True)) == {"extracted"}
    assert Article.objects.filter(url="https://example.org/uk").exists()
    assert Pledge.objects.count() == 2


def test_ingest_file_queues_by_default(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"url": "https://example.org/x"}) + "\n", encoding="utf-8")
    with django_capture_on_commit_callbacks() as queued:
        out, _ = run("ingest_file", str(path), "--verbosity", "0")
    assert out.startswith("1 created") and len(queued) == 1


def test_ingest_file_refuses_an_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("ingest_file", str(tmp_path / "missing.jsonl"))


def test_reextract_keeps_corrections_and_does_not_duplicate(tmp_path, reference):
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": t, "published_on": "2023-06-16"}) for t in (US, UK)),
        encoding="utf-8",
    )
    run("ingest_file", str(path), "--sync", "--verbosity", "0")
    us = Pledge.objects.get(donor="US")
    pledge_correct(pledge=us, reason="Release says 352", changes={"amount": 352_000_000})
    uk = Pledge.objects.get(donor="GB")
    Article.objects.update(extractor_version="0.0.1")

    out, _ = run("reextract", "--verbosity", "0")
    assert out.strip() == "2 articles re-extracted, 0 failed."
    assert Pledge.objects.count() == 2 and Evidence.objects.count() == 2
    us.refresh_from_db()
    assert us.amount == 352_000_000 and us.locked_fields == ["amount"]
    assert Pledge.objects.get(donor="GB").pk == uk.pk
    assert run("reextract", "--verbosity", "0")[0].startswith("0 articles")
    assert run("reextract", "--all", "--verbosity", "0")[0].startswith("2 articles")
    assert run("reextract", "--since", "2023-06-17", "--verbosity", "0")[0].startswith("0 ")
    assert Pledge.objects.count() == 2 and Evidence.objects.count() == 2
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("reextract", "--since", "yesterday")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the integration tests
def test_ingest_file_sends_articles_with_text_in_chunks(tmp_path, reference, started):
    path = tmp_path / "bulk.jsonl"
    lines = [json.dumps({"text": text, "published_on": "2023-06-16"}) for text in (US, UK)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, _ = run("ingest_file", str(path), "--verbosity", "0")
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    assert out.startswith("2 created")
    assert started == [("ingest.articles_extract", (ids,))]
    assert set(Article.objects.values_list("status", flat=True)) == {"extracted"}
