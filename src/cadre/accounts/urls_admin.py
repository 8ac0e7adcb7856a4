from django.urls import path

app_name = "accounts_admin"
urlpatterns: list = []
