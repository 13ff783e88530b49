from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from ingest.services import article_submit_outcome


class Command(BaseCommand):
    help = "Queue URLs for ingestion (fetched and extracted by the workers)."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")

    def handle(self, *args, urls: list[str], **options):
        failed = 0
        for url in urls:
            try:
                outcome = article_submit_outcome(url=url)
            except ValidationError as exc:
                failed += 1
                self.stderr.write(f"{url}: {'; '.join(exc.messages)}")
                continue
            state = "queued" if outcome.created else "duplicate"
            self.stdout.write(f"{url}: {state} as article {outcome.article.pk}")
        if failed:
            self.stderr.write(f"{failed} of {len(urls)} URLs refused.")
