"""/units/…: the unit tree (lazy-loaded) and unit management."""

from cadre.org import urls_manage, urls_tree

app_name = "org"
urlpatterns = urls_tree.urlpatterns + urls_manage.urlpatterns
