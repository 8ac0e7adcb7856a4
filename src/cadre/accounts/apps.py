from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cadre.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from cadre.accounts import signals  # noqa: F401  (login audit receivers)
