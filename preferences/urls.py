"""URLs of a freelancer's preferences: their settings pages, and their part of the API (§7).

`config/urls.py` mounts `ui` under the freelancer UI's namespace and `freelancer_api` under
/api/v1/freelancers/<account_id>/.
"""

from django.urls import URLPattern, path

from . import api, views

ui: list[URLPattern] = [
    path("settings/contact/", views.contact_settings, name="contact"),
    path("settings/blocked/", views.blocked, name="blocked"),
    path("settings/blocked/add", views.block_add, name="block-add"),
    path("settings/blocked/<int:block_id>/remove", views.block_remove, name="block-remove"),
    path("settings/senders", views.sender_search, name="sender-search"),
    path("settings/trusted/", views.trusted, name="trusted"),
    path("settings/trusted/add", views.trusted_add, name="trusted-add"),
    path("settings/trusted/<int:allowed_id>/remove", views.trusted_remove, name="trusted-remove"),
    path("settings/filters/", views.filters, name="filters"),
    path("settings/filters/add", views.filter_add, name="filter-add"),
    path("settings/filters/remove", views.filter_remove, name="filter-remove"),
    path("settings/digest/", views.digest, name="digest"),
    path("settings/export.json", views.export, name="export"),
]

freelancer_api: list[URLPattern] = [
    path("preferences", api.PreferencesApi.as_view(), name="preferences"),
    path("blocks", api.BlockListCreateApi.as_view(), name="blocks"),
    path("blocks/<int:block_id>", api.BlockDeleteApi.as_view(), name="block"),
    path("allowed", api.AllowedListCreateApi.as_view(), name="allowed"),
    path("allowed/<int:allowed_id>", api.AllowedDeleteApi.as_view(), name="allowed-one"),
]
