"""/accounts/users/…: account administration (mounted at /accounts/ by cadre.urls)."""

from django.urls import path

from cadre.accounts import views_admin

app_name = "accounts_admin"
urlpatterns = [
    path("users/", views_admin.user_list, name="user_list"),
    path("users/new/", views_admin.user_create, name="user_create"),
    path("users/<int:pk>/", views_admin.user_detail, name="user_detail"),
    path("users/<int:pk>/disable/", views_admin.user_disable, name="user_disable"),
    path("users/<int:pk>/enable/", views_admin.user_enable, name="user_enable"),
    path("users/<int:pk>/password/", views_admin.user_password, name="user_password"),
    path("users/<int:pk>/scope/", views_admin.user_scope, name="user_scope"),
    path("users/<int:pk>/cadre/", views_admin.user_cadre, name="user_cadre"),
    path("users/<int:pk>/cadre/unlink/", views_admin.user_cadre_unlink, name="user_cadre_unlink"),
]
