"""/policy/ (mounted by cadre.urls): the 政策口径 page and its row actions."""

from django.urls import path

from cadre.core import views_policy

app_name = "policy"
urlpatterns = [
    path("", views_policy.policy_list, name="list"),
    path("row/", views_policy.policy_row, name="row"),
    path("set/", views_policy.policy_set, name="set"),
    path("reset/", views_policy.policy_reset, name="reset"),
]
