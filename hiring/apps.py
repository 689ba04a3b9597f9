from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "hiring"

    def ready(self) -> None:
        from hiring import auth, outbox  # noqa: F401  (connects their signal receivers)
