"""The ``extract`` command's work, without Django: files in, JSON Lines out.

Both ``python manage.py extract`` and ``python -m ingest.extraction`` call ``main``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from typing import IO, Any

from ingest.textfile import MAX_BYTES, UnreadableText, decode_bytes, read_text_file

HTML_SUFFIXES = (".html", ".htm")
DATE_ARG = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def published_arg(value: str) -> str:
    from ingest.extraction import parse_partial

    if not DATE_ARG.fullmatch(value) or parse_partial(value) is None:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", type=published_arg, help="publication date YYYY-MM-DD")
    parser.add_argument("--language", help="language code (skips detection)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html file or - for stdin")


def load(path: str, stdin: IO[bytes]) -> tuple[str, str | None]:
    """Text and publication date (from the date line or the HTML metadata)."""
    from ingest.extraction import parse_date_line

    text = decode_bytes(stdin.read(MAX_BYTES + 1)) if path == "-" else read_text_file(path)
    if path.lower().endswith(HTML_SUFFIXES) or (path == "-" and text.lstrip()[:1] == "<"):
        from ingest.html import main_text

        page = main_text(text)
        return page.text, page.published
    published, rest = parse_date_line(text)
    return rest, published


def process(
    path: str, published: str | None, language: str | None, stdin: IO[bytes]
) -> dict[str, Any]:
    from ingest.extraction import extract

    start = time.perf_counter()
    text, found = load(path, stdin)
    result = extract(text, published=published or found, language=language)
    out: dict[str, Any] = {"source": path, **result.to_dict()}
    out["seconds"] = round(time.perf_counter() - start, 4)
    return out


def run(
    paths: list[str],
    *,
    published: str | None = None,
    language: str | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> int:
    """Write one JSON line per path; return 1 when any file failed, else 0."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin.buffer
    status = 0
    for path in paths:
        try:
            line = process(path, published, language, stdin)
        except (OSError, UnreadableText) as exc:
            line = {"source": path, "error": error_message(exc), "pledges": []}
        except Exception as exc:
            line = {"source": path, "error": f"extraction failed: {exc!r}", "pledges": []}
        if "error" in line:
            status = 1
            stderr.write(f"extract: {path}: {line['error']}\n")
        stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        stdout.flush()
    return status


def error_message(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, UnreadableText):
        return str(exc)
    return f"cannot read the file: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="extract", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args.paths, published=args.published, language=args.language)


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "run"]
