from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self) -> None:
        # imported for what they register: the home-page panel, the restore summary
        from candidates import dashboard, restore_checks  # noqa: F401
