from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .models import Article, Evidence, Feed
from .services import article_retry, article_submit_outcome

URLS_QUEUED = "{created} URL(s) queued, {duplicates} already stored."
RETRIED = "{count} failed article(s) queued again."
NOT_FAILED = "{count} selected article(s) were not failed and were left alone."
FEEDS_QUEUED = "{count} feed(s) queued for polling."


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "modified", "last_polled_at", "last_error"]
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        from .tasks import feed_poll

        ids = list(queryset.values_list("pk", flat=True))
        for feed_id in ids:
            feed_poll.delay(feed_id)
        self.message_user(request, FEEDS_QUEUED.format(count=len(ids)))


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["pledge", "sentence", "start", "end", "extractor_version"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IngestUrlsForm(forms.Form):
    urls = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text="One http:// or https:// URL per line.",
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "language", "published_on", "status", "extractor_version"]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_hash", "status", "error", "created_at", "updated_at"]
    inlines = [EvidenceInline]
    actions = ["retry_failed"]
    change_list_template = "admin/ingest/article/change_list.html"

    def get_urls(self):
        ingest_urls = path(
            "ingest-urls/",
            self.admin_site.admin_view(self.ingest_urls_view),
            name="ingest_article_ingest_urls",
        )
        return [ingest_urls, *super().get_urls()]

    def ingest_urls_view(self, request):
        if not self.has_add_permission(request):
            return redirect(reverse("admin:ingest_article_changelist"))
        form = IngestUrlsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self._ingest(request, form.cleaned_data["urls"].split())
            return redirect(reverse("admin:ingest_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Ingest URL(s)",
        }
        return TemplateResponse(request, "admin/ingest/article/ingest_urls.html", context)

    def _ingest(self, request, urls: list[str]) -> None:
        created = duplicates = 0
        for url in urls:
            try:
                outcome = article_submit_outcome(url=url, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{url}: {'; '.join(exc.messages)}", messages.ERROR)
                continue
            created += outcome.created
            duplicates += not outcome.created
        self.message_user(request, URLS_QUEUED.format(created=created, duplicates=duplicates))

    @admin.action(description="Retry the selected failed articles")
    def retry_failed(self, request, queryset):
        retried = skipped = 0
        for article in queryset:
            try:
                article_retry(article=article)
                retried += 1
            except ValidationError:
                skipped += 1
        self.message_user(request, RETRIED.format(count=retried))
        if skipped:
            self.message_user(request, NOT_FAILED.format(count=skipped), messages.WARNING)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pledge", "article", "extractor_version"]
    list_select_related = ["pledge__donor", "pledge__recipient", "article"]
    search_fields = ["sentence"]
    raw_id_fields = ["pledge", "article"]
