from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from aidtracker.demo import demo_ingest
from aidtracker.models import Pledge
from aidtracker.reference import reference_load

DEMO_USERS_NEED_DEBUG = "Demo users have well-known passwords: --users works only with DEBUG on."


class Command(BaseCommand):
    help = "Load reference data and ingest the demo articles into pledges (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="also create the demo accounts admin/admin and editor/editor (DEBUG only)",
        )

    def handle(self, *args, users: bool = False, **options):
        if users and not settings.DEBUG:
            raise CommandError(DEMO_USERS_NEED_DEBUG)
        counts = reference_load()
        demo = demo_ingest()
        self.stdout.write(
            f"Reference data: {counts.countries} countries and organisations, "
            f"{counts.equipment} equipment entries. Demo articles: {demo.created} ingested, "
            f"{demo.duplicates} already there; {Pledge.objects.count()} pledges."
        )
        for problem in demo.failed:
            self.stderr.write(f"Demo article not ingested: {problem}")
        if users:
            self._demo_users()

    def _demo_users(self) -> None:
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.org", "admin")
        if not User.objects.filter(username="editor").exists():
            editor = User.objects.create_user(
                "editor", "editor@example.org", "editor", is_staff=True
            )
            editor.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write("Demo accounts: admin / admin (superuser), editor / editor (Editors).")
