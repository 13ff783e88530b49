"""Editors submit an article by URL or pasted text, then follow its status on its page."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..access import editor_required
from ..forms import ArticleSubmitForm
from ..http import HtmxHttpRequest


@require_http_methods(["GET", "POST"])
@editor_required
def submit(request: HtmxHttpRequest) -> HttpResponse:
    form = ArticleSubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        from ingest.services import article_submit  # written by the ingestion branch

        data = form.cleaned_data
        try:
            article = article_submit(
                url=data["url"] or None,
                text=data["text"] or None,
                title=data["title"],
                published_on=data["published_on"],
                outlet=data["outlet"],
                user=request.user,
            )
        except ValidationError as invalid:
            form.add_error(None, " ".join(invalid.messages))
        else:
            return redirect("web:article-detail", pk=article.pk)
    status = 400 if form.errors else 200
    return render(request, "web/submit.html", {"form": form}, status=status)
