"""/cadres/corrections/ (the queue) and /cadres/<id>/corrections/ (a cadre's own requests)."""

from django.urls import path

from cadre.people.views import corrections

urlpatterns = [
    path("corrections/", corrections.queue, name="correction_queue"),
    path("corrections/<int:pk>/", corrections.correction_detail, name="correction_detail"),
    path(
        "corrections/<int:pk>/approve/",
        corrections.correction_decide,
        {"decision": "approve"},
        name="correction_approve",
    ),
    path(
        "corrections/<int:pk>/reject/",
        corrections.correction_decide,
        {"decision": "reject"},
        name="correction_reject",
    ),
    path("<int:cadre_id>/corrections/", corrections.correction_list, name="correction_list"),
    path("<int:cadre_id>/corrections/new/", corrections.correction_new, name="correction_new"),
]
