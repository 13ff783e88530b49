from django.contrib.auth import views as auth_views
from django.urls import path

from .views import pages, review, submit

app_name = "web"

urlpatterns = [
    path("", pages.home, name="home"),
    path("pledges/<int:pk>/", pages.pledge_detail, name="pledge-detail"),
    path("articles/<int:pk>/", pages.article_detail, name="article-detail"),
    path("donors/<str:code>/", pages.donor_detail, name="donor-detail"),
    path("equipment/<slug:slug>/", pages.equipment_detail, name="equipment-detail"),
    path("categories/<slug:category>/", pages.category_detail, name="category-detail"),
    path("search/", pages.search, name="search"),
    path("review/", review.queue, name="review-queue"),
    path("review/<int:pk>/act/", review.act, name="review-act"),
    path("review/<int:pk>/correct/", review.correct, name="review-correct"),
    path("submit/", submit.submit, name="submit"),
    path("login/", auth_views.LoginView.as_view(next_page="web:home"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="web:home"), name="logout"),
]
