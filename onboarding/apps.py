from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"

    def ready(self) -> None:
        # imported for what they register: the offers card of the candidate page, the
        # e-signature checks run after a restore
        from onboarding import offer_sections, restore_checks  # noqa: F401
