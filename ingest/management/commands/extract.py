"""``manage.py extract``: pledges from text or HTML files as JSON Lines (no database)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ingest.extract_run import add_arguments, run


class Command(BaseCommand):
    help = "Extract pledges from .txt/.html files (or - for stdin) as JSON Lines."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        status = run(
            options["paths"],
            published=options["published"],
            language=options["language"],
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
        if status:
            sys.exit(status)
