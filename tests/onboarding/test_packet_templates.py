"""Packet templates: the default steps for a US medical practice (who does each, when it is
due, the documents' wording) and editing a practice's templates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from onboarding import packet_templates
from onboarding.models import FormKind, ItemKind, ItemOwner, PacketTemplate
from tests.factories import PacketTemplateFactory

pytestmark = pytest.mark.django_db


def _default(practice) -> PacketTemplate:
    with scope(practice=practice):
        return packet_templates.template_default_ensure(practice)


def _steps(template) -> dict[str, object]:
    with scopes_disabled():
        return {step.title: step for step in template.items.all()}


# --- The default template -------------------------------------------------------------------

@pytest.mark.parametrize(("title", "kind", "owner"), [
    ("Offer letter", ItemKind.SIGN, ItemOwner.NEW_HIRE),
    ("Employee handbook acknowledgment", ItemKind.SIGN, ItemOwner.NEW_HIRE),
    ("HIPAA confidentiality agreement", ItemKind.SIGN, ItemOwner.NEW_HIRE),
    ("Background check: disclosure and authorization", ItemKind.SIGN, ItemOwner.NEW_HIRE),
    ("Personal details", ItemKind.FORM, ItemOwner.NEW_HIRE),
    ("Emergency contact", ItemKind.FORM, ItemOwner.NEW_HIRE),
    ("Direct deposit", ItemKind.FORM, ItemOwner.NEW_HIRE),
    ("Licence or certification", ItemKind.UPLOAD, ItemOwner.NEW_HIRE),
    ("CPR or BLS card", ItemKind.UPLOAD, ItemOwner.NEW_HIRE),
    ("Immunization records", ItemKind.UPLOAD, ItemOwner.NEW_HIRE),
    ("Identity documents for Form I-9", ItemKind.UPLOAD, ItemOwner.NEW_HIRE),
    ("HIPAA privacy and security training", ItemKind.ATTESTATION, ItemOwner.NEW_HIRE),
    ("OSHA bloodborne pathogens training", ItemKind.ATTESTATION, ItemOwner.NEW_HIRE),
    ("Form I-9, section 2", ItemKind.EMPLOYER_TASK, ItemOwner.EMPLOYER),
    ("Equipment", ItemKind.EMPLOYER_TASK, ItemOwner.EMPLOYER),
    ("Accounts", ItemKind.EMPLOYER_TASK, ItemOwner.EMPLOYER),
])
def test_the_default_template_has_every_step_of_the_issue(practice, title, kind, owner):
    step = _steps(_default(practice))[title]

    assert (step.kind, step.owner) == (kind, owner)


def test_the_forms_are_the_three_kinds(practice):
    steps = _steps(_default(practice))

    assert [steps[t].form for t in ("Personal details", "Emergency contact", "Direct deposit")] \
        == [FormKind.PERSONAL, FormKind.EMERGENCY_CONTACT, FormKind.DIRECT_DEPOSIT]


@pytest.mark.parametrize(("title", "due_days", "business_days"), [
    ("Personal details", -3, False),
    ("Direct deposit", -3, False),
    ("Form I-9, section 2", 3, True),
    ("HIPAA privacy and security training", 30, False),
    ("Employee handbook acknowledgment", 0, False),
])
def test_the_default_due_rules(practice, title, due_days, business_days):
    step = _steps(_default(practice))[title]

    assert (step.due_days, step.business_days) == (due_days, business_days)


def test_the_background_check_disclosure_stands_alone(practice):
    body = _steps(_default(practice))["Background check: disclosure and authorization"] \
        .document_body

    assert "consumer report" in body
    assert "I authorize Riverside Family Practice to obtain a consumer report" in body
    for foreign in ("release", "waive", "liab", "handbook", "HIPAA", "at will"):
        assert foreign not in body


def test_the_documents_name_the_practice(practice):
    steps = _steps(_default(practice))

    assert "Riverside Family Practice" in steps["HIPAA confidentiality agreement"].document_body
    assert "29 CFR 1910.1030" in steps["OSHA bloodborne pathogens training"].document_body


def test_the_default_is_written_once(practice):
    first, again = _default(practice), _default(practice)

    assert first == again
    with scopes_disabled():
        assert PacketTemplate.objects.filter(practice=practice).count() == 1


# --- Editing templates ----------------------------------------------------------------------

def test_a_new_template_starts_from_the_default_steps(practice, manager):
    with scope(practice=practice):
        template = packet_templates.template_create(practice=practice, name=" Front  desk ",
                                                    actor=manager)

    assert template.name == "Front desk"
    assert len(_steps(template)) == len(_steps(_default(practice)))


def test_template_names_are_unique(practice, manager):
    _default(practice)

    with scope(practice=practice), pytest.raises(ValidationError) as refused:
        packet_templates.template_create(practice=practice, name="New hire", actor=manager)

    assert "already have a template" in refused.value.message_dict["name"][0]


def test_an_attestation_needs_its_text(practice, manager):
    with scope(practice=practice), pytest.raises(ValidationError) as refused:
        packet_templates.template_item_save(template=_default(practice), actor=manager,
                                            kind=ItemKind.ATTESTATION, title="Fire safety")

    assert "document_body" in refused.value.message_dict


def test_the_owner_follows_the_kind(practice, manager):
    with scope(practice=practice):
        step = packet_templates.template_item_save(
            template=_default(practice), actor=manager, kind=ItemKind.EMPLOYER_TASK,
            title="Order scrubs", document_body="ignored", form=FormKind.PERSONAL)

    assert (step.owner, step.form, step.document_body) == (ItemOwner.EMPLOYER, "", "")
    assert step.position == len(_steps(_default(practice))) - 1  # at the end


def test_moving_a_step_reorders_the_template(practice, manager):
    template = _default(practice)
    with scopes_disabled():
        second = template.items.all()[1]
        first_title = template.items.all()[0].title

    with scope(practice=practice):
        packet_templates.template_item_move(item=second, offset=-1, actor=manager)

    with scopes_disabled():
        assert [s.title for s in template.items.all()[:2]] == [second.title, first_title]


def test_the_only_template_cannot_be_deleted(practice, manager):
    with scope(practice=practice), pytest.raises(ValidationError, match="only template"):
        packet_templates.template_delete(template=_default(practice), actor=manager)


def test_deleting_the_default_makes_another_the_default(practice, manager):
    default = _default(practice)
    with scopes_disabled():
        other = PacketTemplateFactory(practice=practice)

    with scope(practice=practice):
        packet_templates.template_delete(template=default, actor=manager)

    other.refresh_from_db()
    assert other.is_default
