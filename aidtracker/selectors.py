"""Reads of the tracker shared by the API, the web pages and the admin."""

from .models import Pledge, PledgeQuerySet


def pledge_latest(*, limit: int = 50) -> PledgeQuerySet:
    """The most recently announced pledges that stand on their own, with donors and items."""
    return Pledge.objects.visible().with_related().order_by("-announced_on", "-id")[:limit]
