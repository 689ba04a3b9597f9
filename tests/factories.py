"""factory_boy factories. `FACTORIES` maps each model to its factory, so generic tests
(tenant isolation) can make an object of any model a staff URL names."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from hiring.models import Invitation, Membership, Practice, User
from hiring.roles import Role

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    name = factory.Sequence(lambda n: f"Riverside Family Practice {n}")
    slug = factory.Sequence(lambda n: f"riverside-{n}")
    street = "12 Main Street"
    city = "Springfield"
    state = "IL"
    postal_code = "62701"
    timezone = "America/Chicago"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    practice = factory.SubFactory(PracticeFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.INTERVIEWER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    practice = factory.SubFactory(PracticeFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    role = Role.INTERVIEWER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


FACTORIES = {
    Practice: PracticeFactory,
    User: UserFactory,
    Membership: MembershipFactory,
    Invitation: InvitationFactory,
}
