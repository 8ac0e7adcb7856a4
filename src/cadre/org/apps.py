from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "cadre.org"
    label = "org"
    verbose_name = "单位与编制"
