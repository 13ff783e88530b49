from django.core.management.base import BaseCommand, CommandError

from aidtracker.api import documents


class Command(BaseCommand):
    help = (
        "Build the API's stored pledge documents that are missing or outdated (PostgreSQL). "
        "Lists build the ones they need as they go; this builds them all ahead, e.g. after "
        "a bulk load or a deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="pledges per query")

    def handle(self, *args, batch: int = 500, **options):
        if not documents.enabled():
            raise CommandError("Stored documents are kept on PostgreSQL only.")
        built, after = 0, 0
        while True:
            versions, last = documents.outdated(after=after, limit=batch)
            if last is None:
                break
            if versions:
                built += len(documents.build(versions))
            after = last
        self.stdout.write(f"Built {built} pledge documents.")
