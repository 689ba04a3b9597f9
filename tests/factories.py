"""factory_boy factories. `FACTORIES` maps each model to its factory, so generic tests
(tenant isolation) can make an object of any model a staff URL names."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from candidates.models import (
    Application,
    BulkAction,
    Candidate,
    EmailTemplate,
    Message,
    Resume,
    SavedFilter,
    Tag,
)
from hiring.models import Invitation, Membership, Practice, User
from hiring.roles import Role
from interviews.models import (
    Competency,
    CompetencyRating,
    Interview,
    InterviewDocument,
    InterviewKit,
    KitQuestion,
    Scorecard,
    Slot,
    SlotOffer,
)
from jobs.models import Job, JobDocument, JobTemplate, Location
from onboarding.models import (
    Credential,
    Employee,
    ItemKind,
    ItemOwner,
    Offer,
    Packet,
    PacketItem,
    PacketTemplate,
    PacketTemplateItem,
)

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


class JobTemplateFactory(factory.django.DjangoModelFactory):
    """A practice's own template (the shipped ones come from jobs/library/)."""

    class Meta:
        model = JobTemplate

    practice = factory.SubFactory(PracticeFactory)
    title = "Front Desk Lead"
    summary = "Runs the front desk."
    about = "<p>You run our front desk.</p>"
    responsibilities = "<ul><li>Greet patients</li></ul>"
    pay_min = Decimal("20")
    pay_max = Decimal("24")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    practice = factory.SubFactory(PracticeFactory)
    name = factory.Sequence(lambda n: f"Eastside office {n}")
    street = "500 East Avenue"
    city = "Springfield"
    state = "IL"
    postal_code = "62702"


class JobFactory(factory.django.DjangoModelFactory):
    """A job that passes the publish checklist as it is (still a draft)."""

    class Meta:
        model = Job

    practice = factory.SubFactory(PracticeFactory)
    title = "Medical Assistant"
    slug = factory.Sequence(lambda n: f"medical-assistant-{n}")
    pay_min = Decimal("19.00")
    pay_max = Decimal("24.50")
    about = "<p>" + "You will keep our clinic running smoothly for patients. " * 5 + "</p>"
    responsibilities = "<ul><li>Room patients and record vitals</li><li>Give injections</li></ul>"
    qualifications = "<ul><li>Certified medical assistant</li></ul>"


class JobDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobDocument

    practice = factory.SubFactory(PracticeFactory)
    job = factory.SubFactory(JobFactory, practice=factory.SelfAttribute("..practice"))
    kind = JobDocument.Kind.DESCRIPTION
    content_hash = factory.Sequence(lambda n: f"{n:064d}")


FACTORIES.update({
    JobTemplate: JobTemplateFactory,
    Location: LocationFactory,
    Job: JobFactory,
    JobDocument: JobDocumentFactory,
})


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    practice = factory.SubFactory(PracticeFactory)
    first_name = "Jordan"
    last_name = factory.Sequence(lambda n: f"Rivera{n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.test")
    phone = "555-0100"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    practice = factory.SubFactory(PracticeFactory)
    candidate = factory.SubFactory(CandidateFactory, practice=factory.SelfAttribute("..practice"))
    job = factory.SubFactory(JobFactory, practice=factory.SelfAttribute("..practice"),
                             status=Job.Status.PUBLISHED)
    submission_key = factory.LazyFunction(uuid.uuid4)
    consented_at = factory.LazyFunction(timezone.now)


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    practice = factory.SubFactory(PracticeFactory)
    application = factory.SubFactory(ApplicationFactory,
                                     practice=factory.SelfAttribute("..practice"))
    candidate = factory.SelfAttribute("application.candidate")
    file = factory.django.FileField(filename="resume.txt", data=b"Jordan Rivera, medical assistant")
    original_name = "resume.txt"
    content_type = "text/plain"
    extension = "txt"
    size = 32
    sha256 = "0" * 64


FACTORIES.update({Candidate: CandidateFactory, Application: ApplicationFactory,
                  Resume: ResumeFactory})


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    practice = factory.SubFactory(PracticeFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


FACTORIES[Tag] = TagFactory


class SavedFilterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedFilter

    practice = factory.SubFactory(PracticeFactory)
    owner = factory.SubFactory(UserFactory)
    name = "Shortlist"
    query = "status=active"


FACTORIES[SavedFilter] = SavedFilterFactory


class EmailTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailTemplate

    practice = factory.SubFactory(PracticeFactory)
    purpose = EmailTemplate.Purpose.CUSTOM
    name = factory.Sequence(lambda n: f"Template {n}")
    subject = "About your application for {job_title}"
    body = "Hi {candidate_first_name},\n\nThank you.\n\nThe {practice_name} team"


class MessageFactory(factory.django.DjangoModelFactory):
    """A queued e-mail to an applicant (not handed to the outbox)."""

    class Meta:
        model = Message

    practice = factory.SubFactory(PracticeFactory)
    application = factory.SubFactory(ApplicationFactory,
                                     practice=factory.SelfAttribute("..practice"))
    candidate = factory.SelfAttribute("application.candidate")
    to_email = factory.SelfAttribute("candidate.email")
    subject = "About your application"
    body = "Hi Jordan,\n\nThank you."


class BulkActionFactory(factory.django.DjangoModelFactory):
    """An export that has not run (no items, no file)."""

    class Meta:
        model = BulkAction

    practice = factory.SubFactory(PracticeFactory)
    kind = BulkAction.Kind.EXPORT


FACTORIES.update({EmailTemplate: EmailTemplateFactory, Message: MessageFactory,
                  BulkAction: BulkActionFactory})


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    practice = factory.SubFactory(PracticeFactory)
    application = factory.SubFactory(ApplicationFactory,
                                     practice=factory.SelfAttribute("..practice"))
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))


FACTORIES[Interview] = InterviewFactory


class InterviewKitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewKit

    practice = factory.SubFactory(PracticeFactory)
    job = factory.SubFactory(JobFactory, practice=factory.SelfAttribute("..practice"))
    name = factory.Sequence(lambda n: f"Kit {n}")


class KitQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KitQuestion

    practice = factory.SubFactory(PracticeFactory)
    kit = factory.SubFactory(InterviewKitFactory, practice=factory.SelfAttribute("..practice"))
    position = factory.Sequence(int)
    question = "Tell me about a busy morning at the front desk."
    listen_for = "Put the sickest patient first\nKept the waiting room informed"
    follow_ups = "What would you do differently?"


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency

    practice = factory.SubFactory(PracticeFactory)
    job = factory.SubFactory(JobFactory, practice=factory.SelfAttribute("..practice"))
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Competency {n}")
    description = "How well they do it."
    anchor_1 = "Concern."
    anchor_2 = "Mixed."
    anchor_3 = "Solid."
    anchor_4 = "Outstanding."


class ScorecardFactory(factory.django.DjangoModelFactory):
    """A draft; pass submitted_at and a recommendation for a submitted one."""

    class Meta:
        model = Scorecard

    practice = factory.SubFactory(PracticeFactory)
    interview = factory.SubFactory(InterviewFactory, practice=factory.SelfAttribute("..practice"))
    interviewer = factory.SubFactory(MembershipFactory,
                                     practice=factory.SelfAttribute("..practice"))


class CompetencyRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyRating

    practice = factory.SubFactory(PracticeFactory)
    scorecard = factory.SubFactory(ScorecardFactory, practice=factory.SelfAttribute("..practice"))
    competency = factory.SubFactory(CompetencyFactory,
                                    practice=factory.SelfAttribute("..practice"))
    rating = 3


FACTORIES.update({InterviewKit: InterviewKitFactory, KitQuestion: KitQuestionFactory,
                  Competency: CompetencyFactory, Scorecard: ScorecardFactory})


class InterviewDocumentFactory(factory.django.DjangoModelFactory):
    """A printable kit that has not been made yet (pending, no file)."""

    class Meta:
        model = InterviewDocument

    practice = factory.SubFactory(PracticeFactory)
    kind = InterviewDocument.Kind.KIT
    kit = factory.SubFactory(InterviewKitFactory, practice=factory.SelfAttribute("..practice"))
    content_hash = factory.Sequence(lambda n: f"{n:064d}")


FACTORIES[InterviewDocument] = InterviewDocumentFactory


class SlotOfferFactory(factory.django.DjangoModelFactory):
    """Times offered for a job (add slots with SlotFactory; none are made here)."""

    class Meta:
        model = SlotOffer

    practice = factory.SubFactory(PracticeFactory)
    job = factory.SubFactory(JobFactory, practice=factory.SelfAttribute("..practice"),
                             status=Job.Status.PUBLISHED)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    practice = factory.SubFactory(PracticeFactory)
    offer = factory.SubFactory(SlotOfferFactory, practice=factory.SelfAttribute("..practice"))
    starts_at = factory.Sequence(lambda n: timezone.now() + timedelta(days=2, hours=n))


FACTORIES.update({SlotOffer: SlotOfferFactory, Slot: SlotFactory})


class EmployeeFactory(factory.django.DjangoModelFactory):
    """Someone on the team roster, added by hand (no application or packet)."""

    class Meta:
        model = Employee

    practice = factory.SubFactory(PracticeFactory)
    full_name = factory.Sequence(lambda n: f"Casey Morgan{n}")
    email = factory.Sequence(lambda n: f"employee{n}@example.test")
    phone = "555-0142"
    role_title = "Medical assistant"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    practice = factory.SubFactory(PracticeFactory)
    employee = factory.SubFactory(EmployeeFactory, practice=factory.SelfAttribute("..practice"))
    name = "BLS"
    number = factory.Sequence(lambda n: f"BLS-{n:06d}")
    issuer = "American Heart Association"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=400))


FACTORIES.update({Employee: EmployeeFactory, Credential: CredentialFactory})


class PacketTemplateFactory(factory.django.DjangoModelFactory):
    """A template with no steps (add them with PacketTemplateItemFactory)."""

    class Meta:
        model = PacketTemplate

    practice = factory.SubFactory(PracticeFactory)
    name = factory.Sequence(lambda n: f"Packet template {n}")


class PacketTemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PacketTemplateItem

    practice = factory.SubFactory(PracticeFactory)
    template = factory.SubFactory(PacketTemplateFactory,
                                  practice=factory.SelfAttribute("..practice"))
    position = factory.Sequence(int)
    kind = ItemKind.EMPLOYER_TASK
    title = "Set up accounts"
    owner = ItemOwner.EMPLOYER


class PacketFactory(factory.django.DjangoModelFactory):
    """An open packet (its link not sent; add items with PacketItemFactory)."""

    class Meta:
        model = Packet

    practice = factory.SubFactory(PracticeFactory)
    application = factory.SubFactory(ApplicationFactory,
                                     practice=factory.SelfAttribute("..practice"))
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class PacketItemFactory(factory.django.DjangoModelFactory):
    """An employer task still to do (nothing signed, nothing uploaded)."""

    class Meta:
        model = PacketItem

    practice = factory.SubFactory(PracticeFactory)
    packet = factory.SubFactory(PacketFactory, practice=factory.SelfAttribute("..practice"))
    position = factory.Sequence(int)
    kind = ItemKind.EMPLOYER_TASK
    title = "Form I-9, section 2"
    owner = ItemOwner.EMPLOYER
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=17))


FACTORIES.update({PacketTemplate: PacketTemplateFactory,
                  PacketTemplateItem: PacketTemplateItemFactory,
                  Packet: PacketFactory, PacketItem: PacketItemFactory})


class OfferFactory(factory.django.DjangoModelFactory):
    """A draft offer (not sent: no letter, no link)."""

    class Meta:
        model = Offer

    practice = factory.SubFactory(PracticeFactory)
    application = factory.SubFactory(ApplicationFactory,
                                     practice=factory.SelfAttribute("..practice"))
    position_title = "Medical Assistant"
    pay_amount = Decimal("24.00")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


FACTORIES[Offer] = OfferFactory
