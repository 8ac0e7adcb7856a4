"""/units/tree/…: the unit tree's lazy children and the unit search beside the roster."""

from django.urls import path

from cadre.org.views import tree

urlpatterns = [
    path("tree/children/<str:code>/", tree.children, name="tree_children"),
    path("tree/search/", tree.search, name="tree_search"),
]
