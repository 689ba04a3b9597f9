"""Packet templates: the practice's list of onboarding steps, and the default a US medical
practice starts from (SPECS §4.5).

Each step says what is done (read and sign, fill in a form, upload a file, attest to a
training, or a task for the practice), who does it, and when it is due relative to the
start date. Documents to sign and attestations carry their text here; a packet signs an
exact version of that text (`esign.document_version`), so editing a template never
touches what someone already signed.

A document to sign with no text stands for the offer letter: its text is the offer's own
letter, signed when the offer was accepted (see `packets.packet_create`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hiring.models import Practice, User
from hiring.ordering import move_one_step
from hiring.services import audit_log
from onboarding.models import FormKind, ItemKind, ItemOwner, PacketTemplate, PacketTemplateItem

DUE_DAYS_LIMIT = 365  # a year either side of the start date is already generous


@dataclass(frozen=True)
class DefaultItem:
    kind: str
    title: str
    description: str
    due_days: int
    form: str = ""
    document_body: str = ""
    business_days: bool = False

    @property
    def owner(self) -> str:
        return owner_for(self.kind)


def owner_for(kind: str) -> str:
    """Employer tasks are ticked off by the practice; every other step is the new hire's,
    done in their checklist."""
    return ItemOwner.EMPLOYER if kind == ItemKind.EMPLOYER_TASK else ItemOwner.NEW_HIRE


def due_rule(step: PacketTemplateItem) -> str:
    """When a step is due, in words: "3 business days after the start date"."""
    n = abs(step.due_days)
    if n == 0:
        return _("due on the start date")
    if step.business_days:
        if step.due_days < 0:
            return ngettext("due %(n)s business day before the start date",
                            "due %(n)s business days before the start date", n) % {"n": n}
        return ngettext("due %(n)s business day after the start date",
                        "due %(n)s business days after the start date", n) % {"n": n}
    if step.due_days < 0:
        return ngettext("due %(n)s day before the start date",
                        "due %(n)s days before the start date", n) % {"n": n}
    return ngettext("due %(n)s day after the start date",
                    "due %(n)s days after the start date", n) % {"n": n}


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


# --- The documents of the default template ------------------------------------------------------

def handbook_acknowledgment(practice_name: str) -> str:
    values = {"practice": practice_name}
    return _paragraphs(
        _("I have received the employee handbook of %(practice)s, or been told where I can "
          "read it. I understand that it is my responsibility to read it and to ask my "
          "manager about anything I do not understand.") % values,
        _("I understand that the handbook describes the practice's policies, benefits and "
          "expectations as they stand today, and that the practice may change them. The "
          "practice will tell employees about changes."),
        _("I understand that the handbook is not a contract of employment and does not "
          "promise employment for any length of time. Unless I have a separate written "
          "agreement signed by the practice that says otherwise, and where state law allows, "
          "either I or the practice may end my employment at any time."),
        _("Nothing in the handbook or in this acknowledgment limits my rights under federal "
          "or state law, including my right to discuss my pay and working conditions with "
          "co-workers and others, and to report possible violations of law to a government "
          "agency."),
    )


def hipaa_confidentiality(practice_name: str) -> str:
    values = {"practice": practice_name}
    return _paragraphs(
        _("As a member of the workforce of %(practice)s, I may see or hear protected health "
          "information: information about a patient's health, care or payment for care that "
          "identifies the patient, whether it is spoken, on paper or electronic.") % values,
        _("I agree that I will:"),
        _("\u2022 look at, use and share patient information only as my job requires, and "
          "only as much of it as the task needs;"),
        _("\u2022 not look up information about any patient \u2014 including myself, my "
          "family, friends, co-workers or people in the news \u2014 unless my job requires "
          "it;"),
        _("\u2022 not talk about patients where others can overhear, and not post anything "
          "about patients on social media, even without names;"),
        _("\u2022 keep my passwords to myself, lock or sign out of screens I leave, and not "
          "copy patient information to personal devices, e-mail or storage;"),
        _("\u2022 follow the practice's privacy and security policies and complete the "
          "training the practice provides;"),
        _("\u2022 tell the practice's privacy officer or my manager straight away about any "
          "use or sharing of patient information I believe was not allowed, and about a lost "
          "device, a suspicious e-mail or any other security concern."),
        _("I understand that these duties continue after my employment ends, that the "
          "practice may review access to its records, and that breaking this agreement may "
          "lead to discipline up to and including the end of my employment, and may carry "
          "penalties under federal and state law."),
        _("Nothing in this agreement stops me from reporting a possible violation of law to "
          "a government agency."),
    )


def fcra_disclosure(practice_name: str) -> str:
    """Only the disclosure and the authorization: the Fair Credit Reporting Act wants the
    disclosure in a document that consists solely of it (15 U.S.C. 1681b(b)(2)); no
    waivers, no state notices, nothing else belongs here."""
    values = {"practice": practice_name}
    return _paragraphs(
        _("Disclosure"),
        _("%(practice)s may obtain a consumer report about you from a consumer reporting "
          "agency for employment purposes. A consumer report for employment purposes is "
          "often called a background check.") % values,
        _("The report may include information about your identity and past addresses, your "
          "criminal history, your past employment and education, and your professional "
          "licences and certifications."),
        _("Authorization"),
        _("I have read this disclosure. I authorize %(practice)s to obtain a consumer report "
          "about me for employment purposes.") % values,
    )


def hipaa_training_attestation(practice_name: str) -> str:
    values = {"practice": practice_name}
    return _paragraphs(
        _("I confirm that I have completed the HIPAA privacy and security training of "
          "%(practice)s.") % values,
        _("The training covered what protected health information is; using and sharing it "
          "only as my job requires; patients' rights to their own records; protecting "
          "passwords, devices, e-mail and paper records; recognising phishing and other "
          "security threats; and how and to whom to report a privacy or security concern."),
        _("I had the chance to ask questions, and I know where to find the practice's "
          "privacy and security policies."),
    )


def osha_bloodborne_attestation(practice_name: str) -> str:
    values = {"practice": practice_name}
    return _paragraphs(
        _("I confirm that I have completed the bloodborne pathogens training of %(practice)s "
          "required by the OSHA Bloodborne Pathogens Standard (29 CFR 1910.1030).") % values,
        _("The training covered how bloodborne diseases such as hepatitis B, hepatitis C "
          "and HIV are spread, and their symptoms; the practice's exposure control plan and "
          "where to find it; the tasks that may expose me to blood or other potentially "
          "infectious materials; the engineering controls, safe work practices and "
          "protective equipment that reduce exposure; the hepatitis B vaccine, which the "
          "practice offers at no cost to employees at risk of exposure; what to do and whom "
          "to tell after an exposure, and the medical follow-up available; and the labels "
          "and colours that warn of biohazards."),
        _("I had the chance to ask questions of the person who gave the training."),
    )


def default_items(practice_name: str) -> list[DefaultItem]:
    """The steps a new practice starts from, in the order the new hire sees them."""
    sign, form, upload = ItemKind.SIGN, ItemKind.FORM, ItemKind.UPLOAD
    attest, task = ItemKind.ATTESTATION, ItemKind.EMPLOYER_TASK
    return [
        DefaultItem(sign, _("Offer letter"), _(
            "Your signed offer letter. When the packet follows an offer accepted here, this "
            "step is already done."), due_days=-7),
        DefaultItem(sign, _("Background check: disclosure and authorization"), _(
            "A stand-alone disclosure that the practice may obtain a background check, with "
            "your authorization. It contains nothing else."), due_days=-7,
            document_body=fcra_disclosure(practice_name)),
        DefaultItem(form, _("Personal details"), _(
            "Your legal name, address, date of birth and phone number for payroll and "
            "records."), due_days=-3, form=FormKind.PERSONAL),
        DefaultItem(form, _("Emergency contact"), _(
            "Someone the practice may call if you are hurt or taken ill at work."),
            due_days=-3, form=FormKind.EMERGENCY_CONTACT),
        DefaultItem(form, _("Direct deposit"), _(
            "The bank account your pay goes to. The account number is stored encrypted and "
            "shown to the practice only as its last four digits."), due_days=-3,
            form=FormKind.DIRECT_DEPOSIT),
        DefaultItem(upload, _("Licence or certification"), _(
            "A copy of the licence or certification your role requires (for example RN, "
            "LPN, CMA or RMA). Skip this step if your role needs none; tell the practice."),
            due_days=-3),
        DefaultItem(upload, _("CPR or BLS card"), _(
            "Both sides of your current CPR or Basic Life Support card."), due_days=-3),
        DefaultItem(upload, _("Immunization records"), _(
            "Your records of vaccination or immunity (for example hepatitis B, MMR, "
            "varicella, Tdap and influenza) and your most recent tuberculosis test. These "
            "are kept apart from your personnel file."), due_days=-3),
        DefaultItem(upload, _("Identity documents for Form I-9"), _(
            "Copies, front and back, of the documents you choose to present for Form I-9 "
            "from the lists of acceptable documents. Bring the originals on your first day: "
            "the practice must examine them."), due_days=0),
        DefaultItem(sign, _("Employee handbook acknowledgment"), _(
            "Confirm that you received the employee handbook."), due_days=0,
            document_body=handbook_acknowledgment(practice_name)),
        DefaultItem(sign, _("HIPAA confidentiality agreement"), _(
            "How you will protect patient information."), due_days=0,
            document_body=hipaa_confidentiality(practice_name)),
        DefaultItem(attest, _("OSHA bloodborne pathogens training"), _(
            "For staff whose work may expose them to blood or other potentially infectious "
            "materials: complete the training before those tasks, then confirm it here. It "
            "is repeated every year."), due_days=0,
            document_body=osha_bloodborne_attestation(practice_name)),
        DefaultItem(attest, _("HIPAA privacy and security training"), _(
            "Complete the practice's HIPAA training within your first 30 days, then confirm "
            "it here."), due_days=30,
            document_body=hipaa_training_attestation(practice_name)),
        DefaultItem(task, _("Accounts"), _(
            "Set up the new hire's accounts: electronic health record, practice management, "
            "e-mail and phone, with only the access the role needs."), due_days=-1,
            business_days=True),
        DefaultItem(task, _("Equipment"), _(
            "Have the badge, keys, computer and any uniform ready for the first day."),
            due_days=-1, business_days=True),
        DefaultItem(task, _("Licence and exclusion checks"), _(
            "Verify the licence with the issuing board and check the OIG and SAM exclusion "
            "lists before the first day."), due_days=-1, business_days=True),
        DefaultItem(task, _("Form I-9, section 2"), _(
            "Examine the original identity documents in person and complete section 2 of "
            "Form I-9 within three business days of the start date. Keep the I-9 apart "
            "from the personnel file."), due_days=3, business_days=True),
        DefaultItem(task, _("Offer the hepatitis B vaccine"), _(
            "For staff at risk of exposure: offer the vaccine at no cost within 10 working "
            "days of their first such tasks, after the bloodborne pathogens training; keep "
            "a signed declination if they decline."), due_days=10, business_days=True),
    ]


# --- Services -----------------------------------------------------------------------------------

def template_default_ensure(practice: Practice) -> PacketTemplate:
    """The practice's default template, written from `default_items` on first use. The
    practice's row lock makes two first visits write one copy."""
    template = PacketTemplate.objects.filter(practice=practice, is_default=True).first()
    if template:
        return template
    with transaction.atomic():
        Practice.objects.select_for_update().get(pk=practice.pk)
        template = PacketTemplate.objects.filter(practice=practice, is_default=True).first()
        if template:
            return template
        existing = PacketTemplate.objects.filter(practice=practice).first()
        if existing:  # the default was deleted: the first remaining one takes its place
            existing.is_default = True
            existing.save(update_fields=["is_default", "updated_at"])
            return existing
        template = PacketTemplate.objects.create(practice=practice, name=_("New hire"),
                                                 is_default=True)
        _items_create(template, default_items(practice.name))
    return template


def _items_create(template: PacketTemplate, items: list[DefaultItem]) -> None:
    PacketTemplateItem.objects.bulk_create(
        PacketTemplateItem(practice=template.practice, template=template, position=i,
                           kind=item.kind, form=item.form, title=item.title,
                           description=item.description, document_body=item.document_body,
                           owner=item.owner, due_days=item.due_days,
                           business_days=item.business_days)
        for i, item in enumerate(items))


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the template a name.")})
    return name


@transaction.atomic
def template_create(*, practice: Practice, name: str, actor: User,
                    copy_from: PacketTemplate | None = None) -> PacketTemplate:
    """A new template with the steps of `copy_from`, or of the built-in default."""
    if copy_from is not None and copy_from.practice_id != practice.pk:
        raise ValidationError({"copy_from": _("Choose one of your practice's templates.")})
    try:
        with transaction.atomic():
            template = PacketTemplate.objects.create(practice=practice, name=_name(name))
    except IntegrityError as exc:
        raise ValidationError({"name": _("You already have a template with this name.")}
                              ) from exc
    if copy_from is None:
        _items_create(template, default_items(practice.name))
    else:
        _items_create(template, [
            DefaultItem(kind=i.kind, title=i.title, description=i.description,
                        due_days=i.due_days, form=i.form, document_body=i.document_body,
                        business_days=i.business_days) for i in copy_from.items.all()])
    audit_log(action="onboarding.packet_template.created", actor=actor, obj=template,
              data={"copied_from": str(copy_from.public_id) if copy_from else "default"})
    return template


@transaction.atomic
def template_rename(*, template: PacketTemplate, name: str, actor: User) -> PacketTemplate:
    template.name = _name(name)
    try:
        with transaction.atomic():
            template.save(update_fields=["name", "updated_at"])
    except IntegrityError as exc:
        raise ValidationError({"name": _("You already have a template with this name.")}
                              ) from exc
    audit_log(action="onboarding.packet_template.renamed", actor=actor, obj=template)
    return template


@transaction.atomic
def template_make_default(*, template: PacketTemplate, actor: User) -> PacketTemplate:
    """Offer this template first when a packet is sent."""
    PacketTemplate.objects.filter(practice=template.practice_id, is_default=True).exclude(
        pk=template.pk).update(is_default=False)
    PacketTemplate.objects.filter(pk=template.pk).update(is_default=True)
    template.is_default = True
    audit_log(action="onboarding.packet_template.made_default", actor=actor, obj=template)
    return template


@transaction.atomic
def template_delete(*, template: PacketTemplate, actor: User) -> None:
    """Delete a template. Packets made from it keep their own copy of its steps."""
    if not PacketTemplate.objects.filter(practice=template.practice_id).exclude(
            pk=template.pk).exists():
        raise ValidationError(_("This is your only template. Create another before you "
                                "delete this one."))
    audit_log(action="onboarding.packet_template.deleted", actor=actor, obj=template,
              data={"name": template.name})
    was_default = template.is_default
    template.delete()
    if was_default:
        template_default_ensure(template.practice)


def _touch(template: PacketTemplate) -> None:
    template.save(update_fields=["updated_at"])


@transaction.atomic
def template_item_save(*, template: PacketTemplate, actor: User, kind: str, title: str,
                       description: str = "", document_body: str = "", form: str = "",
                       due_days: int = 0, business_days: bool = False,
                       instance: PacketTemplateItem | None = None) -> PacketTemplateItem:
    """Add a step at the end, or change one. Who does it follows from its kind."""
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    document_body = document_body.strip()
    if not title:
        errors["title"] = _("Give the step a title.")
    if kind == ItemKind.FORM and form not in FormKind.values:
        errors["form"] = _("Choose which form the new hire fills in.")
    if kind == ItemKind.ATTESTATION and not document_body:
        errors["document_body"] = _("Write what the new hire confirms, for example which "
                                    "training they completed and what it covered.")
    if not -DUE_DAYS_LIMIT <= due_days <= DUE_DAYS_LIMIT:
        errors["due_days"] = _("Choose a number of days between -%(n)s and %(n)s.") % {
            "n": DUE_DAYS_LIMIT}
    if errors:
        raise ValidationError(errors)
    if instance is None:
        last = template.items.aggregate(last=Max("position"))["last"]
        instance = PacketTemplateItem(practice=template.practice, template=template,
                                      position=0 if last is None else last + 1)
    instance.kind, instance.title, instance.description = kind, title, description.strip()
    instance.form = form if kind == ItemKind.FORM else ""
    instance.document_body = document_body if kind in {ItemKind.SIGN,
                                                       ItemKind.ATTESTATION} else ""
    instance.owner = owner_for(kind)
    instance.due_days, instance.business_days = due_days, business_days
    created = instance.pk is None
    instance.save()
    _touch(template)
    audit_log(action="onboarding.packet_template.item_saved", actor=actor, obj=template,
              data={"item": str(instance.public_id), "created": created})
    return instance


@transaction.atomic
def template_item_remove(*, item: PacketTemplateItem, actor: User) -> None:
    """Remove a step. Packets already sent keep it."""
    template = item.template
    audit_log(action="onboarding.packet_template.item_removed", actor=actor, obj=template,
              data={"item": str(item.public_id)})
    item.delete()
    _touch(template)


@transaction.atomic
def template_item_move(*, item: PacketTemplateItem, offset: int, actor: User) -> None:
    """Move a step up (-1) or down (+1): the no-JavaScript way to reorder."""
    if not move_one_step(item.template.items.all(), item, offset):
        return
    _touch(item.template)
    audit_log(action="onboarding.packet_template.reordered", actor=actor, obj=item.template)
