"""Forms of the web pages: page options, editors' corrections and actions, submissions."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from aidtracker.models import Category, Country, Equipment, Pledge
from aidtracker.services import REASON_REQUIRED

UNKNOWN_EQUIPMENT = "No such entry in the equipment catalogue."
ITEM_NEEDS_NAME = "An item needs a name or a catalogue entry."
SUBMIT_NEEDS_ONE = "Give either the article's URL or its text, not both and not neither."


class PageOptionsForm(forms.Form):
    """Options of a list page that are not pledge filters: they stay out of API links."""

    currency = forms.ChoiceField(choices=[("usd", "USD"), ("eur", "EUR")], required=False)
    interval = forms.ChoiceField(
        choices=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")], required=False
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    OPTION_NAMES = ("currency", "interval", "page")

    def cleaned(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "currency": data.get("currency") or "usd",
            "interval": data.get("interval") or "month",
            "page": data.get("page") or 1,
        }


class PledgeCorrectForm(forms.ModelForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this change? It is kept in the pledge's history.",
        error_messages={"required": REASON_REQUIRED},
    )

    class Meta:
        model = Pledge
        fields = list(Pledge.EDITABLE_FIELDS)
        widgets = {
            "announced_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = Country.objects.order_by("name")
        for name in ("donor", "recipient"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = countries

    def _post_clean(self) -> None:
        # The service validates the whole pledge; the form must not touch the instance.
        pass

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "reason"}


class ItemForm(forms.Form):
    # A text input with the catalogue as a <datalist> (rendered once per page, not once
    # per row): quick to render and to type into.
    equipment = forms.ModelChoiceField(
        queryset=Equipment.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.TextInput(
            attrs={"list": "equipment-catalogue", "placeholder": "catalogue slug, or empty"}
        ),
        error_messages={"invalid_choice": UNKNOWN_EQUIPMENT},
    )
    name = forms.CharField(max_length=200, required=False)
    category = forms.ChoiceField(choices=Category.choices, initial=Category.OTHER)
    quantity = forms.IntegerField(min_value=0, required=False)
    unit = forms.CharField(max_length=32, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        empty = not data.get("equipment") and not data.get("name")
        if empty and not data.get("DELETE") and self.has_changed():
            raise ValidationError("An item needs a name or a catalogue entry.")
        return data

    def item(self) -> dict[str, Any]:
        data = self.cleaned_data
        equipment = data.get("equipment")
        return {
            "name": data.get("name") or (equipment.name if equipment else ""),
            "category": data["category"],
            "quantity": data.get("quantity"),
            "unit": data.get("unit") or "",
            "equipment_slug": equipment.slug if equipment else None,
        }


ItemFormSet = forms.formset_factory(ItemForm, extra=1, can_delete=True, max_num=200)


def item_initial(pledge: Pledge) -> list[dict[str, Any]]:
    return [
        {
            "equipment": item.equipment.slug if item.equipment else None,
            "name": item.name,
            "category": item.category,
            "quantity": item.quantity,
            "unit": item.unit,
        }
        for item in pledge.items.all()
    ]


def formset_items(formset: Any) -> list[dict[str, Any]]:
    return [
        form.item()
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (form.cleaned_data.get("name") or form.cleaned_data.get("equipment"))
    ]


class ReviewActionForm(forms.Form):
    """Confirm, reject or merge from the queue; the reason is checked by the service."""

    ACTIONS = ("confirm", "reject", "merge")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    reason = forms.CharField(max_length=2000, required=False)
    target = forms.IntegerField(min_value=1, required=False, label="Merge into pledge")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "merge" and not data.get("target"):
            raise ValidationError({"target": "Give the number of the pledge to merge into."})
        return data


class ArticleSubmitForm(forms.Form):
    url = forms.URLField(max_length=2000, required=False, label="Article URL")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}), required=False, label="Or paste its text"
    )
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False)
    published_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("url")) == bool((data.get("text") or "").strip()):
            raise ValidationError(SUBMIT_NEEDS_ONE)
        return data


def country_options(choices: list[tuple[str, str]], current: Any) -> SafeString:
    """<option>s of a country select, built in Python: hundreds of them render in a
    fraction of the time a template loop or a Select widget takes. Values are escaped."""
    current = str(current or "")
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        ((code, " selected" if code == current else "", name, code) for code, name in choices),
    )


def datalist_options(choices: list[tuple[str, str]]) -> SafeString:
    return format_html_join("", '<option value="{}">{}</option>', choices)
