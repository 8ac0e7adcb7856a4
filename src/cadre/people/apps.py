from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cadre.people"
    label = "people"
    verbose_name = "干部信息"
