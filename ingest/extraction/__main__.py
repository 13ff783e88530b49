"""``python -m ingest.extraction [--published D] [--language xx] PATH ...`` (no Django)."""

import sys

from ingest.extract_run import main

sys.exit(main())
