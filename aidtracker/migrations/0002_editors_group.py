"""Create the Editors group: change rights on pledges, items and equipment; view on the rest."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
EDITABLE = {("aidtracker", "pledge"), ("aidtracker", "pledgeitem"), ("aidtracker", "equipment")}
VIEWABLE = {
    ("aidtracker", "country"), ("aidtracker", "historicalpledge"), ("aidtracker", "historicalpledgeitem"),
    ("ingest", "article"), ("ingest", "evidence"), ("ingest", "feed"),
}


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    wanted = []
    for app_label, model in EDITABLE:
        wanted += [f"{action}_{model}" for action in ("add", "change", "delete", "view")]
    for app_label, model in VIEWABLE:
        wanted.append(f"view_{model}")
    models = {m for _, m in EDITABLE | VIEWABLE}
    perms = Permission.objects.filter(content_type__model__in=models, codename__in=wanted)
    group.permissions.set(perms)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0001_initial"),
        ("ingest", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
