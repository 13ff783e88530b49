#!/usr/bin/env python
"""Django's command-line utility for Aid Tracker."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["extract"]:
        # Extraction is a pure function of text: it needs no settings, database or broker,
        # so it runs without loading Django (and without a SECRET_KEY) on any machine.
        from ingest.extract_run import main as extract_main

        sys.exit(extract_main(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aidtracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
