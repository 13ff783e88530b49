"""The editors' admin: every pledge change goes through the services, with a reason."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ingest.models import Evidence

from . import services
from .models import Country, Equipment, Pledge, PledgeItem


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(Equipment)
class EquipmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "category"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


class PledgeItemInline(admin.TabularInline):
    model = PledgeItem
    extra = 0
    autocomplete_fields = ["equipment"]
    fields = ["equipment", "name", "category", "quantity", "unit"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["article_link", "sentence", "extractor_version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Article")
    def article_link(self, evidence):
        url = reverse("admin:ingest_article_change", args=[evidence.article_id])
        return format_html('<a href="{}">{}</a>', url, evidence.article)


class PledgeAdminForm(forms.ModelForm):
    reason = forms.CharField(
        required=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this change? Kept in the pledge's history.",
    )

    class Meta:
        model = Pledge
        fields = [*Pledge.EDITABLE_FIELDS, "confidence"]


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    form = PledgeAdminForm
    inlines = [PledgeItemInline, EvidenceInline]
    list_display = [
        "__str__",
        "donor",
        "announced_on",
        "kind",
        "stage",
        "status",
        "amount_usd",
        "confidence",
    ]
    list_filter = ["status", "kind", "stage", ("announced_on", admin.DateFieldListFilter), "donor"]
    list_select_related = ["donor", "recipient"]
    search_fields = ["summary", "donor__name", "donor__code", "items__name", "evidence__sentence"]
    date_hierarchy = "announced_on"
    autocomplete_fields = ["donor", "recipient"]
    readonly_fields = [
        "status",
        "amount_usd",
        "amount_eur",
        "rate_usd",
        "rate_eur",
        "rate_date",
        "rate_missing",
        "locked_fields",
        "merged_into",
        "created_at",
        "updated_at",
    ]
    history_list_display = ["history_change_reason"]
    actions = ["confirm_selected"]

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data["reason"]
        if not change:
            obj._change_reason = reason
            services.pledge_normalise_money(obj)
            obj.save()
            return
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in Pledge.EDITABLE_FIELDS
        }
        fresh = Pledge.objects.get(pk=obj.pk)
        services.pledge_correct(pledge=fresh, changes=changes, reason=reason, user=request.user)
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        if change and formset.model is PledgeItem and formset.has_changed():
            reason = form.cleaned_data["reason"]
            for item in formset.save(commit=False):
                item._change_reason = reason
                item.save()
            for item in formset.deleted_objects:
                item._change_reason = reason
                item.delete()
            pledge = form.instance
            pledge.locked_fields = sorted({*pledge.locked_fields, services.ITEMS_FIELD})
            Pledge.objects.filter(pk=pledge.pk).update(locked_fields=pledge.locked_fields)
            return
        super().save_formset(request, form, formset, change)

    @admin.action(description="Confirm selected pledges", permissions=["change"])
    def confirm_selected(self, request, queryset):
        for pledge in queryset.exclude(status=Pledge.Status.MERGED):
            services.pledge_confirm(pledge=pledge, user=request.user)
