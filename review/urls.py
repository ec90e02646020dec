"""URLs of the trust & safety review UI (staff only), mounted at /review/."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("act", views.queue_act, name="queue-act"),
    path("webhooks/", views.webhooks, name="webhooks"),
    path("webhooks/<str:event_id>/", views.webhook, name="webhook"),
    path("system/", views.system, name="system"),
    path("system/retrain", views.detector_retrain, name="detector-retrain"),
    path("bulk/", views.jobs, name="jobs"),
    path("bulk/<int:job_id>/", views.job, name="job"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("campaigns/<int:campaign_id>/act", views.campaign_act, name="campaign-act"),
    path("campaigns/<int:campaign_id>/suspend", views.campaign_suspend, name="campaign-suspend"),
    path("senders/", views.senders, name="senders"),
    path("senders/<id:account_id>/", views.sender, name="sender"),
    path("senders/<id:account_id>/standing", views.sender_standing, name="sender-standing"),
    path(
        "senders/<id:account_id>/crowd-clear", views.sender_crowd_clear, name="sender-crowd-clear"
    ),
    path("senders/<id:account_id>/lift", views.sender_lift, name="sender-lift"),
    path("messages/<id:message_id>/", views.message, name="message"),
    path("messages/<id:message_id>/appeal", views.appeal_decide, name="appeal-decide"),
    path(
        "messages/<id:message_id>/clear-flag",
        views.message_clear_flag,
        name="message-clear-flag",
    ),
    path("policy/", views.policies, name="policies"),
    path("policy/new/", views.policy_new, name="policy-new"),
    path("policy/<int:number>/", views.policy, name="policy"),
    path("policy/<int:number>/what-if/", views.policy_what_if, name="policy-what-if"),
    path("policy/<int:number>/export.json", views.policy_export, name="policy-export"),
    path("policy/<int:number>/activate", views.policy_activate, name="policy-activate"),
    path("audit/", views.audit_log, name="audit"),
    path("metrics/", views.metrics, name="metrics"),
]
