"""URL configuration: the API under /api/v1/, its docs, the admin and the liveness probe."""

import sys

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, include, path
from django.views.defaults import bad_request, page_not_found, server_error
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, BasePermission

import review.metrics
from common.api_errors import (
    json_bad_request,
    json_not_found,
    json_server_error,
    json_unavailable,
    page_unavailable,
)
from common.errors import DATABASE_UNAVAILABLE
from common.permissions import IsServiceOrStaff
from inbox import api as inbox_api
from inbox import views as inbox_views
from preferences import api as preferences_api
from preferences import views as preferences_views


def docs_permissions() -> list[type[BasePermission]]:
    """Return who may read the API schema and its Swagger UI (settings.API_DOCS_PUBLIC)."""
    return [AllowAny] if settings.API_DOCS_PUBLIC else [IsServiceOrStaff]


docs = docs_permissions()


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 without touching the database: the process is alive and serving."""
    return JsonResponse({"status": "ok"})


freelancer_urls = [
    path("preferences", preferences_api.PreferencesApi.as_view(), name="preferences"),
    path("blocks", preferences_api.BlockListCreateApi.as_view(), name="blocks"),
    path("blocks/<int:block_id>", preferences_api.BlockDeleteApi.as_view(), name="block"),
    path("allowed", preferences_api.AllowedListCreateApi.as_view(), name="allowed"),
    path(
        "allowed/<int:allowed_id>", preferences_api.AllowedDeleteApi.as_view(), name="allowed-one"
    ),
    path("quarantine", inbox_api.QuarantineListApi.as_view(), name="quarantine"),
    path(
        "quarantine/<id:message_id>/release",
        inbox_api.QuarantineReleaseApi.as_view(),
        name="quarantine-release",
    ),
]

api_v1: list[URLPattern | URLResolver] = [
    path("senders/<id:account_id>", inbox_api.SenderUpsertApi.as_view(), name="sender"),
    path("connections", inbox_api.ConnectionCreateApi.as_view(), name="connections"),
    path("messages", inbox_api.MessageCheckApi.as_view(), name="messages"),
    path("messages/<id:message_id>", inbox_api.MessageStateApi.as_view(), name="message"),
    path("analyze", inbox_api.AnalyzeApi.as_view(), name="analyze"),
    path("freelancers/<id:account_id>/", include(freelancer_urls)),
]

ui = [
    path("", inbox_views.home, name="home"),
    path("quarantine/", inbox_views.review, name="review"),
    path("quarantine/act", inbox_views.review_act, name="review-act"),
    path("settings/contact/", preferences_views.contact_settings, name="contact"),
    path("settings/blocked/", preferences_views.blocked, name="blocked"),
    path("settings/blocked/add", preferences_views.block_add, name="block-add"),
    path(
        "settings/blocked/<int:block_id>/remove",
        preferences_views.block_remove,
        name="block-remove",
    ),
    path("settings/trusted/", preferences_views.trusted, name="trusted"),
    path("settings/trusted/add", preferences_views.trusted_add, name="trusted-add"),
    path(
        "settings/trusted/<int:allowed_id>/remove",
        preferences_views.trusted_remove,
        name="trusted-remove",
    ),
    path("settings/filters/", preferences_views.filters, name="filters"),
    path("settings/filters/add", preferences_views.filter_add, name="filter-add"),
    path("settings/filters/remove", preferences_views.filter_remove, name="filter-remove"),
    path("settings/digest/", preferences_views.digest, name="digest"),
    path("settings/export.json", preferences_views.export, name="export"),
]

urlpatterns = [
    path("", include((ui, "ui"), namespace="ui")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("metrics", review.metrics.metrics_view, name="metrics"),
    path("review/", include(("review.urls", "review"), namespace="review")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=docs), name="schema"),
    path(
        "api/docs/",
        # Swagger UI sets inline styles; its script is a separate request (no inline script).
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema", permission_classes=docs)
        ),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_bad_request(request, exception)
    return bad_request(request, exception)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    # Called while the failure is being handled, wherever it was raised (a view, a middleware).
    failure = sys.exc_info()[1]
    api = request.path.startswith("/api/")
    if isinstance(failure, DATABASE_UNAVAILABLE):
        return json_unavailable(request, failure) if api else page_unavailable(request, failure)
    if api:
        return json_server_error(request)
    return server_error(request)
