from django.urls import reverse
from rest_framework import serializers

from ingest.models import Article, Evidence

MAX_SUBMIT_CHARS = 2_000_000
ONE_OF = "Give exactly one of text or html, or a url alone."


class ArticleSubmitInput(serializers.Serializer):
    url = serializers.URLField(required=False, max_length=2000)
    text = serializers.CharField(required=False, max_length=MAX_SUBMIT_CHARS, trim_whitespace=True)
    html = serializers.CharField(required=False, max_length=MAX_SUBMIT_CHARS, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        has_body = [key for key in ("text", "html") if attrs.get(key)]
        if len(has_body) > 1 or not (has_body or attrs.get("url")):
            raise serializers.ValidationError(ONE_OF)
        return attrs


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "pledge", "sentence", "start", "end", "extractor_version"]


class ArticleListSerializer(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "language",
            "published_on",
            "status",
            "error",
            "extractor_version",
            "feed",
            "created_at",
            "updated_at",
            "status_url",
        ]

    def get_status_url(self, article: Article) -> str:
        path = reverse("api:article-detail", args=[article.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ArticleDetailSerializer(ArticleListSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "text", "evidence"]


class ArticleSubmitOutput(ArticleListSerializer):
    duplicate = serializers.SerializerMethodField()

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "duplicate"]

    def get_duplicate(self, article: Article) -> bool:
        return bool(self.context.get("duplicate"))
