"""The editors' review queue: confirm, correct, reject or merge reported pledges.

Every write is a call to aidtracker.services, which keeps the history and locks fields.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from aidtracker import services
from aidtracker.models import Pledge

from .. import queries
from ..access import editor_required
from ..cache import data_version
from ..forms import (
    ItemFormSet,
    PledgeCorrectForm,
    ReviewActionForm,
    country_options,
    datalist_options,
    formset_items,
    item_initial,
)
from ..http import HtmxHttpRequest
from ..listing import api_downloads

DONE = {"confirm": "Confirmed", "reject": "Rejected", "merge": "Merged"}


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@editor_required
def queue(request: HtmxHttpRequest) -> HttpResponse:
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    page = queries.review_queue(number=number, version=data_version())
    downloads = api_downloads("status=reported&ordering=-announced_on")
    return render(request, "web/review_queue.html", {"page": page, "downloads": downloads})


def _act(request: HtmxHttpRequest, pledge: Pledge, form: ReviewActionForm) -> str:
    data, user = form.cleaned_data, request.user
    reason = data.get("reason") or ""
    if data["action"] == "confirm":
        services.pledge_confirm(pledge=pledge, user=user, **({"reason": reason} if reason else {}))
    elif data["action"] == "reject":
        services.pledge_reject(pledge=pledge, reason=reason, user=user)
    else:
        target = Pledge.objects.filter(pk=data["target"]).first()
        if target is None:
            raise ValidationError(f"There is no pledge {data['target']}.")
        services.pledge_merge(source=pledge, target=target, reason=reason, user=user)
    return f"{DONE[data['action']]} pledge {pledge.pk}."


@require_POST
@editor_required
def act(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge, pk=pk)
    form = ReviewActionForm(request.POST)
    status, error, done = 200, "", ""
    if not form.is_valid():
        status, error = 400, " ".join(str(m) for ms in form.errors.values() for m in ms)
    else:
        try:
            done = _act(request, pledge, form)
        except ValidationError as invalid:
            status, error = 400, _error_text(invalid)
    if request.htmx:
        context = {"pledge": pledge, "error": error, "done": done, "form": form}
        return render(request, "web/_review_result.html", context, status=status)
    if error:
        messages.error(request, f"Pledge {pledge.pk}: {error}")
    else:
        messages.success(request, done)
    return redirect(request.POST.get("next") or reverse("web:review-queue"))


@require_http_methods(["GET", "POST"])
@editor_required
def correct(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge.objects.prefetch_related("items__equipment"), pk=pk)
    initial_items = item_initial(pledge)
    data = request.POST if request.method == "POST" else None
    form = PledgeCorrectForm(data, instance=pledge)
    items = ItemFormSet(data, initial=initial_items, prefix="items")
    status = 200
    if request.method == "POST":
        if form.is_valid() and items.is_valid():
            try:
                with transaction.atomic():
                    services.pledge_correct(
                        pledge=pledge,
                        reason=form.cleaned_data["reason"],
                        changes=form.changes(),
                        items=formset_items(items) if items.has_changed() else None,
                        user=request.user,
                    )
            except ValidationError as invalid:
                form.add_error(None, _error_text(invalid))
            else:
                messages.success(request, f"Corrected pledge {pledge.pk}.")
                return redirect("web:pledge-detail", pk=pledge.pk)
        status = 400
    countries = queries.country_choices()
    context = {
        "pledge": pledge,
        "form": form,
        "items": items,
        "country_options": {
            name: country_options(countries, form[name].value()) for name in ("donor", "recipient")
        },
        "catalogue": datalist_options(queries.catalogue_choices()),
    }
    return render(request, "web/review_correct.html", context, status=status)
