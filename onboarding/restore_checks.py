"""The e-signature checks, run by `manage.py restore` on the restored copy (registered with
hiring.backups from OnboardingConfig.ready: the core cannot import this later stage). A
signature restored with its files must still match the SHA-256 taken when it was made, and
each practice's signing trail must still chain."""

from __future__ import annotations

from hiring.backups import CheckResult, restore_check_register
from hiring.models import Practice
from onboarding import esign
from onboarding.models import SignableDocument, Signature


@restore_check_register
def esign_check() -> CheckResult:
    problems: list[str] = []
    signatures = Signature.objects.select_related("document").order_by("pk")
    for signature in signatures.iterator():
        try:
            found = esign.signature_problems(signature)
        except Exception as exc:  # a missing or unreadable file is a finding, not a crash
            found = [f"A file could not be read ({type(exc).__name__}: {exc})."]
        problems += [f"Signature {signature.public_id}: {problem}" for problem in found]
    documents = SignableDocument.objects.order_by("pk")
    for document in documents.iterator():
        try:
            intact = esign.stored_bytes_intact(document)
        except Exception:  # as above
            intact = False
        if not intact:
            problems.append(f"Document {document.public_id}: the stored file does not match "
                            "its SHA-256.")
    practices = list(Practice.objects.order_by("pk"))
    for practice in practices:
        if broken := esign.chain_problems(practice):
            problems.append(f"Practice {practice.slug}: signing trail rows {broken} do not "
                            "chain.")
    return CheckResult(counts={"signatures verified": signatures.count(),
                               "signable documents verified": documents.count(),
                               "signing trails verified": len(practices)},
                       problems=problems)
