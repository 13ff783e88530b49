from django.core.management.base import BaseCommand

from aidtracker.reference import reference_load


class Command(BaseCommand):
    help = "Load countries, organisations and the equipment catalogue (idempotent)."

    def handle(self, *args, **options):
        counts = reference_load()
        self.stdout.write(
            f"Reference data: {counts.countries} countries and organisations, "
            f"{counts.equipment} equipment entries."
        )
