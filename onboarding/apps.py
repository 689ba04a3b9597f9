from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"

    def ready(self) -> None:
        # imported for what it registers: the offers card of the candidate page
        from onboarding import offer_sections  # noqa: F401
