from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cadre.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        # Every rules call without explicit params uses the 政策口径 in force. The provider
        # reads the table lazily (never here, never at import), see cadre.core.policy.
        from cadre.core import lookups, policy
        from cadre.rules.params import set_default_provider

        set_default_provider(policy.current_params)
        lookups.register()
