"""Articles, the feeds they come from, and the evidence sentences that tie them to pledges."""

from django.db import models
from django.db.models import F, Q

from aidtracker.models import Pledge


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHED = "fetched", "Fetched"
        EXTRACTED = "extracted", "Extracted"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True)
    published_on = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["published_on"], name="article_published")]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class Evidence(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    sentence = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the sentence in the article text")
    end = models.PositiveIntegerField()
    extractor_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "article", "start", "end"], name="evidence_unique_span"
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="evidence_span_ordered"),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]
