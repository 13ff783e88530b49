import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest.reextraction import articles_to_reextract
from ingest.services import article_extract

BAD_SINCE = "--since needs a date as YYYY-MM-DD."


class Command(BaseCommand):
    help = (
        "Run the current extractor over stored articles (by default those extracted by "
        "another version), under the recording rules: no duplicate pledges, editors' "
        "corrections kept, rejected pledges stay rejected."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="every article with text")
        group.add_argument("--since", metavar="DATE", help="articles published (or added) since")

    def handle(self, *args, all: bool = False, since: str | None = None, **options):
        day = None
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError as exc:
                raise CommandError(BAD_SINCE) from exc
        ids = articles_to_reextract(everything=all, since=day)
        failed = 0
        for article_id in tqdm(ids, unit="article", disable=options["verbosity"] == 0):
            article = article_extract(article_id=article_id, force=True)
            failed += bool(article and article.status == article.Status.FAILED)
        self.stdout.write(f"{len(ids)} articles re-extracted, {failed} failed.")
