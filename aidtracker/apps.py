from django.apps import AppConfig


class AidTrackerConfig(AppConfig):
    name = "aidtracker"
    verbose_name = "Aid Tracker"
    default_auto_field = "django.db.models.BigAutoField"
