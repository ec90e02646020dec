"""URLs of the trust & safety review UI (staff only), mounted at /review/."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
