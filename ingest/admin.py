from django.contrib import admin

from .models import Article, Evidence, Feed


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["url", "title"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["pledge", "sentence", "start", "end", "extractor_version"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "language", "published_on", "status", "extractor_version"]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pledge", "article", "extractor_version"]
    list_select_related = ["pledge__donor", "pledge__recipient", "article"]
    search_fields = ["sentence"]
    raw_id_fields = ["pledge", "article"]
