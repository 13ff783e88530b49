from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from aidtracker.demo import demo_load
from aidtracker.reference import reference_load

DEMO_USERS_NEED_DEBUG = "Demo users have well-known passwords: --users works only with DEBUG on."


class Command(BaseCommand):
    help = "Load reference data and the demo pledges (idempotent)."

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
        created = demo_load()
        self.stdout.write(
            f"Reference data: {counts.countries} countries and organisations, "
            f"{counts.equipment} equipment entries. Demo data: {created} pledges created."
        )
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
