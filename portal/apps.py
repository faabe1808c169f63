from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户基础"

    def ready(self) -> None:
        from portal import checks, signals  # noqa: F401 - registers system checks and signal handlers
        from portal.search import startup  # noqa: F401 - loads jieba and the user dictionary before workers fork
