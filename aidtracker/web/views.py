from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aidtracker import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"pledges": selectors.pledge_latest(limit=50)})
