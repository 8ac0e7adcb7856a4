from django.urls import path

app_name = "interchange"
urlpatterns: list = []
