"""URLs of the inbox: the messaging system's API, a freelancer's quarantine, their start page.

`config/urls.py` mounts `api` under /api/v1/, `freelancer_api` under
/api/v1/freelancers/<account_id>/ and `ui` under the freelancer UI's namespace.
"""

from django.urls import URLPattern, path

from . import api, check_endpoint, views

ui: list[URLPattern] = [
    path("", views.home, name="home"),
    path("quarantine/", views.review, name="review"),
    path("quarantine/act", views.review_act, name="review-act"),
    path("quarantine/pull-back", views.review_pull_back, name="review-pull-back"),
]

api_v1: list[URLPattern] = [
    path("senders/<id:account_id>", api.SenderUpsertApi.as_view(), name="sender"),
    path("connections", api.ConnectionCreateApi.as_view(), name="connections"),
    path("messages", check_endpoint.message_check_view(), name="messages"),
    path("messages/<id:message_id>", api.MessageStateApi.as_view(), name="message"),
    path("messages/<id:message_id>/appeal", api.MessageAppealApi.as_view(), name="appeal"),
    path("analyze", api.AnalyzeApi.as_view(), name="analyze"),
]

freelancer_api: list[URLPattern] = [
    path("quarantine", api.QuarantineListApi.as_view(), name="quarantine"),
    path(
        "quarantine/<id:message_id>/release",
        api.QuarantineReleaseApi.as_view(),
        name="quarantine-release",
    ),
]
