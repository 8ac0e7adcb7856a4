"""/cadres/new/, /cadres/<id>/edit/ (基本信息) and /cadres/<id>/edit/<part>/…"""

from django.urls import path

from cadre.people.views import edit

urlpatterns = [
    path("new/", edit.cadre_new, name="cadre_new"),
    path("<int:cadre_id>/edit/", edit.cadre_edit, name="cadre_edit"),
    path("<int:cadre_id>/edit/photo/", edit.photo_edit, name="photo_edit"),
    path("<int:cadre_id>/edit/photo/delete/", edit.photo_remove, name="photo_delete"),
    path("<int:cadre_id>/edit/<slug:part>/", edit.part_list, name="part_list"),
    path("<int:cadre_id>/edit/<slug:part>/<int:item_id>/", edit.part_item, name="part_item"),
    path(
        "<int:cadre_id>/edit/<slug:part>/<int:item_id>/delete/",
        edit.part_delete,
        name="part_delete",
    ),
    path(
        "<int:cadre_id>/edit/<slug:part>/<int:item_id>/move/",
        edit.part_move,
        name="part_move",
    ),
]
