"""What `manage.py restore` reports of this stage (registered with hiring.backups from
CandidatesConfig.ready): how many applications and résumés came back."""

from __future__ import annotations

from candidates.models import Application, Resume
from hiring.backups import CheckResult, restore_check_register


@restore_check_register
def applications_counted() -> CheckResult:
    return CheckResult(counts={"applications": Application.objects.count(),
                               "résumés": Resume.objects.count()})
