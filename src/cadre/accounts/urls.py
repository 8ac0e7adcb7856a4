from django.urls import path

from cadre.accounts import views_auth

app_name = "accounts"
urlpatterns = [
    path("login/", views_auth.login_view, name="login"),
    path("logout/", views_auth.logout_view, name="logout"),
]
