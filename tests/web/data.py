"""Demo data for the page tests: the demo pledges, plus articles that carry evidence."""

import datetime
import hashlib

from aidtracker.demo import demo_pledges_load
from aidtracker.models import Pledge
from aidtracker.reference import reference_load
from ingest.models import Article, Evidence

OUTLETS = ("Example Wire", "Daily Example", "The Example Post")
HOSTILE_TEXT = (
    "Officials met in Brussels. <script>alert('x')</script> A new <b>package</b> was "
    "announced & more would follow."
)


def _article(pledge: Pledge, number: int) -> Article:
    sentence = pledge.summary or f"{pledge.donor.name} announced new aid."
    before = f"{pledge.donor.name} made an announcement on {pledge.announced_on:%d %B %Y}. "
    after = " Officials said more support would follow in the coming months."
    url = f"https://news.example.org/{pledge.donor_id.lower()}/{number}"
    article = Article.objects.create(
        url=url,
        title=f"{pledge.donor.name} announces military aid for Ukraine",
        outlet=OUTLETS[number % len(OUTLETS)],
        language="en",
        published_on=pledge.announced_on + datetime.timedelta(days=1),
        text=before + sentence + after,
        content_hash=hashlib.sha256(url.encode()).hexdigest(),
        status=Article.Status.EXTRACTED,
    )
    Evidence.objects.create(
        pledge=pledge,
        article=article,
        sentence=sentence,
        start=len(before),
        end=len(before) + len(sentence),
    )
    return article


def site_load() -> dict:
    """Reference data, the demo pledges, one article per pledge, and a hostile article."""
    reference_load()
    demo_pledges_load()
    articles = [_article(p, n) for n, p in enumerate(Pledge.objects.order_by("id"))]
    hostile = Article.objects.create(
        url="https://news.example.org/hostile",
        title="<i>Brussels</i> meeting",
        outlet="Example Wire",
        text=HOSTILE_TEXT,
        content_hash=hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest(),
        status=Article.Status.EXTRACTED,
    )
    start = HOSTILE_TEXT.index("A new")
    Evidence.objects.create(
        pledge=Pledge.objects.order_by("id").first(),
        article=hostile,
        sentence=HOSTILE_TEXT[start:],
        start=start,
        end=len(HOSTILE_TEXT),
    )
    return {"articles": articles, "hostile": hostile}
