"""Edit pages of the cadre record: /cadres/new/, /cadres/<id>/edit/ and one page per part."""

from cadre.people.views.edit.basic import cadre_edit, cadre_new
from cadre.people.views.edit.parts import part_delete, part_item, part_list, part_move
from cadre.people.views.edit.photo import photo_edit, photo_remove

__all__ = [
    "cadre_edit",
    "cadre_new",
    "part_delete",
    "part_item",
    "part_list",
    "part_move",
    "photo_edit",
    "photo_remove",
]
