"""Articles under /api/articles/: read for everyone, submit and retry for editors."""

import django_filters
from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from ingest.models import Article
from ingest.services import article_retry, article_submit_outcome

from .permissions import EditorOrReadOnly
from .serializers import (
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleSubmitInput,
    ArticleSubmitOutput,
)


class ArticleCursorPagination(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Article.Status.choices)
    language = django_filters.CharFilter()
    outlet = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Article
        fields = ["status", "language", "outlet"]


def _messages(exc: ValidationError):
    return exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}


@extend_schema_view(
    list=extend_schema(summary="Articles, newest first (cursor pagination)"),
    retrieve=extend_schema(summary="One article with its text and evidence"),
)
class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Article.objects.all()
    permission_classes = [EditorOrReadOnly]
    pagination_class = ArticleCursorPagination
    filterset_class = ArticleFilter

    def get_queryset(self):
        queryset = Article.objects.all()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("evidence")
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleSubmitInput
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleListSerializer

    @extend_schema(
        summary="Submit a URL, pasted text or HTML for ingestion",
        request=ArticleSubmitInput,
        responses={
            202: ArticleSubmitOutput,
            200: OpenApiResponse(ArticleSubmitOutput, description="Already stored (duplicate)"),
            400: OpenApiResponse(description="Invalid input, with the reason"),
        },
    )
    def create(self, request, *args, **kwargs):
        data = ArticleSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            outcome = article_submit_outcome(**data.validated_data, user=request.user)
        except ValidationError as exc:
            raise ApiValidationError(_messages(exc)) from exc
        context = {"request": request, "duplicate": not outcome.created}
        body = ArticleSubmitOutput(outcome.article, context=context).data
        code = status.HTTP_202_ACCEPTED if outcome.created else status.HTTP_200_OK
        return Response(body, status=code, headers={"Location": body["status_url"]})

    @extend_schema(
        summary="Queue a failed article again",
        request=None,
        responses={202: ArticleListSerializer, 409: OpenApiResponse(description="Not failed")},
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        article = self.get_object()
        try:
            article = article_retry(article=article)
        except ValidationError as exc:
            return Response({"detail": exc.messages[0]}, status=status.HTTP_409_CONFLICT)
        body = ArticleListSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)
