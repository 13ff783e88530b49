# ruff: noqa: RUF001 - sample sentences in many languages
"""The extract command: JSON Lines, date lines, HTML, stdin and bad input."""

import io
import json
import subprocess
import sys

import pytest

from ingest.extract_run import run
from ingest.html import main_text
from ingest.textfile import UnreadableText, decode_bytes, read_text_file

from .conftest import ROOT

ARTICLE = "Germany announced on Tuesday a new package worth 2.7 billion euros for Ukraine."


def lines(paths, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    status = run([str(p) for p in paths], stdout=out, stderr=err, **kwargs)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_json_lines_in_order_with_date_line(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(f"date: 2023-05-16\n{ARTICLE}", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(" date 2023-06 Rien ici.", encoding="utf-8")
    status, out, _ = lines([a, b])
    assert status == 0
    assert [o["source"] for o in out] == [str(a), str(b)]
    assert out[0]["published"] == "2023-05-16"
    assert out[0]["pledges"][0]["announced_on"] == "2023-05-16"
    assert out[0]["pledges"][0]["amount"] == 2_700_000_000
    assert out[1]["published"] == "2023-06" and out[1]["pledges"] == []
    assert all(isinstance(o["seconds"], float) for o in out)


def test_published_and_language_override(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(f"date: 2023-05-16\n{ARTICLE}", encoding="utf-8")
    _, out, _ = lines([a], published="2024-01-02", language="de")
    assert out[0]["published"] == "2024-01-02" and out[0]["language"] == "de"


def test_stdin(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    status = run(["-"], stdout=out, stderr=err, stdin=io.BytesIO(ARTICLE.encode()))
    assert status == 0 and json.loads(out.getvalue())["source"] == "-"


def test_bad_files_do_not_stop_the_run(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes("L’Allemagne a promis 500 millions d’euros à l’Ukraine.".encode("cp1252"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(
        "La Belgique a annoncé 100 millions d'euros pour l'Ukraine.".encode("latin-1")
    )
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(ARTICLE.encode("utf-16"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Germany pledged aid. " * 500_000)
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><style>p{color:red}</style><script>var x='$1 billion';</script></head>"
        f"<body><script>alert(1)</script><article><p>{ARTICLE}</p></article></body></html>",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    paths = [empty, binary, cp1252, latin1, utf16, huge, html, missing]
    status, out, err = lines(paths)
    assert status == 1
    assert [o["source"] for o in out] == [str(p) for p in paths]
    by_name = {o["source"].rsplit("/", 1)[1]: o for o in out}
    assert by_name["empty.txt"]["pledges"] == [] and "error" not in by_name["empty.txt"]
    assert "binary" in by_name["binary.txt"]["error"]
    assert by_name["cp1252.txt"]["pledges"][0]["donor"] == "DE"
    assert by_name["latin1.txt"]["pledges"][0]["donor"] == "BE"
    assert by_name["utf16.txt"]["pledges"][0]["donor"] == "DE"
    assert "too large" in by_name["huge.txt"]["error"]
    assert by_name["page.html"]["pledges"][0]["amount"] == 2_700_000_000
    assert by_name["missing.txt"]["error"] == "no such file"
    assert "missing.txt" in err


def test_decode_bytes_rules():
    assert decode_bytes("€ 1".encode("utf-8-sig")) == "€ 1"
    assert decode_bytes("é".encode("cp1252")) == "é"
    with pytest.raises(UnreadableText):
        decode_bytes(b"\x00\x01\x02text")
    with pytest.raises(UnreadableText):
        decode_bytes(b"x" * 11, limit=10)


def test_read_text_file_reads_no_more_than_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024))
    with pytest.raises(UnreadableText, match="too large"):
        read_text_file(big)


def test_main_text_drops_scripts_and_styles():
    page = main_text(
        "<html><head><title>T</title><script>var a=1</script></head>"
        f"<body><nav>menu</nav><p>{ARTICLE}</p><style>.x{{}}</style></body></html>",
        url="https://news.example/a",
    )
    assert "var a" not in page.text and ARTICLE in page.text
    assert page.outlet == "news.example"


def test_main_text_on_broken_html():
    assert main_text("<p>unclosed <b>bold <script>x").text is not None


def test_module_entry_point_exit_status(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    cmd = [sys.executable, "-m", "ingest.extraction", str(good), str(tmp_path / "nope.txt")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out[0]["pledges"] and out[1]["error"]


def test_management_command(tmp_path, capsys):
    from django.core.management import call_command

    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    call_command("extract", str(good), "--published", "2023-05-16")
    out = json.loads(capsys.readouterr().out)
    assert out["pledges"][0]["donor"] == "DE"
