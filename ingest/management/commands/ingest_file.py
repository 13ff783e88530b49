from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest.jsonl import JSONL_UNREADABLE, ingest_lines
from ingest.services import articles_batched


class Command(BaseCommand):
    help = (
        "Ingest a JSON Lines file: one article per line, with url, text or html, and "
        "optional title, outlet, published_on. Prints a summary; bad lines are reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.jsonl")
        parser.add_argument(
            "--sync",
            action="store_true",
            help="fetch and extract in this process instead of queueing for the workers",
        )

    def handle(self, *args, path: str, sync: bool = False, **options):
        file = Path(path)
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(JSONL_UNREADABLE.format(path=path, reason=exc)) from exc
        counts: Counter[str] = Counter()
        progress = tqdm(total=len(lines), unit="line", disable=options["verbosity"] == 0)
        # Queued for the workers, the articles with text go in chunks (one task per chunk).
        with nullcontext() if sync else articles_batched():
            for result in ingest_lines(lines, sync=sync):
                counts[result.outcome] += 1
                if result.error:
                    self.stderr.write(f"{path}:{result.line}: {result.error}")
                progress.update(1)
        progress.close()
        self.stdout.write(
            f"{counts['created']} created, {counts['duplicate']} duplicate, "
            f"{counts['failed']} failed ({sum(counts.values())} lines)."
        )
