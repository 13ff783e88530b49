from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("pledges", views.PledgeViewSet, basename="pledge")
router.register("countries", views.CountryViewSet, basename="country")
router.register("equipment", views.EquipmentViewSet, basename="equipment")

urlpatterns = [
    path("", include("ingest.api.urls")),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
