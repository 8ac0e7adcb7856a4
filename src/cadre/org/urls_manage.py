"""/units/ (the unit list) and /units/manage/… (unit management). /units/tree/… is urls_tree."""

from django.urls import path

from cadre.org.views import manage

urlpatterns = [
    path("", manage.unit_list, name="manage_list"),
    path("manage/", manage.unit_list, name="manage_index"),
    path("manage/new/", manage.unit_create, name="manage_create"),
    path("manage/<str:code>/", manage.unit_detail, name="manage_detail"),
    path("manage/<str:code>/edit/", manage.unit_edit, name="manage_edit"),
    path("manage/<str:code>/move/", manage.unit_move, name="manage_move"),
    path("manage/<str:code>/close/", manage.unit_close, name="manage_close"),
    path("manage/<str:code>/reopen/", manage.unit_reopen, name="manage_reopen"),
    path(
        "manage/<str:code>/establishment/",
        manage.unit_establishment,
        name="manage_establishment",
    ),
]
