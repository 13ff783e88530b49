"""The articles endpoints under /api/ (ingestion owns them)."""

urlpatterns: list = []
