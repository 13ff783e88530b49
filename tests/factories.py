import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from aidtracker.models import Country, Equipment, Pledge, PledgeItem
from ingest.models import Article, Evidence


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass-word-123")


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "US"
    name = factory.LazyAttribute(lambda c: c.code)


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"system-{n}")
    name = factory.Sequence(lambda n: f"System {n}")
    category = "artillery"


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    donor = factory.SubFactory(CountryFactory, code="US", name="United States")
    recipient = factory.SubFactory(CountryFactory, code="UA", name="Ukraine")
    announced_on = datetime.date(2023, 6, 13)
    kind = Pledge.Kind.PACKAGE
    amount = Decimal("325000000")
    currency = "USD"
    summary = "A package of arms and equipment."


class PledgeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeItem

    pledge = factory.SubFactory(PledgeFactory)
    name = "155 mm artillery ammunition"
    category = "ammunition"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example.org/aid/{n}")
    title = factory.Sequence(lambda n: f"Aid article {n}")
    outlet = "Example News"
    language = "en"
    published_on = datetime.date(2023, 6, 16)
    text = factory.Sequence(lambda n: f"Article {n}: Washington announced a new package for Kyiv.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    status = Article.Status.EXTRACTED


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    pledge = factory.SubFactory(PledgeFactory)
    article = factory.SubFactory(ArticleFactory)
    sentence = "Washington announced a new package for Kyiv."
    start = 0
    end = 44
