"""URL configuration: each app's URLs mounted, the API's docs, the admin, the liveness probe."""

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

import inbox.urls
import preferences.urls
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


def docs_permissions() -> list[type[BasePermission]]:
    """Return who may read the API schema and its Swagger UI (settings.API_DOCS_PUBLIC)."""
    return [AllowAny] if settings.API_DOCS_PUBLIC else [IsServiceOrStaff]


docs = docs_permissions()


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 without touching the database: the process is alive and serving."""
    return JsonResponse({"status": "ok"})


# The freelancer UI and the API are one namespace each, made of every app's part.
ui = inbox.urls.ui + preferences.urls.ui
api_v1: list[URLPattern | URLResolver] = [
    *inbox.urls.api_v1,
    path(
        "freelancers/<id:account_id>/",
        include(preferences.urls.freelancer_api + inbox.urls.freelancer_api),
    ),
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
