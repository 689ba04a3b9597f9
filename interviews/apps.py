from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self) -> None:
        # imported for what they register: the home-page panel, the candidate page's
        # scorecards card and the blind-scoring rule, the candidate timeline's events
        from interviews import candidate_page, dashboard, timeline  # noqa: F401
