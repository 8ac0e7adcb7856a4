from django.urls import path

from cadre.core import views_home

app_name = "core"
urlpatterns = [
    path("", views_home.home, name="home"),
]
