"""What each role may do in a practice: the one table every permission check reads."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Hiring manager")
    INTERVIEWER = "interviewer", _("Interviewer")


class Perm(StrEnum):
    VIEW_DASHBOARD = "dashboard.view"
    VIEW_TEAM = "team.view"
    MANAGE_TEAM = "team.manage"  # invite, change roles, remove members
    MANAGE_PRACTICE = "practice.manage"  # profile, logo, careers page, brand
    VIEW_AUDIT = "audit.view"
    VIEW_JOBS = "jobs.view"  # interviewers: only the jobs whose hiring team they are on
    MANAGE_JOBS = "jobs.manage"
    MANAGE_CANDIDATES = "candidates.manage"
    SCORE_INTERVIEWS = "interviews.score"


GRANTS: dict[Role, frozenset[Perm]] = {
    Role.OWNER: frozenset(Perm),
    Role.MANAGER: frozenset(
        {
            Perm.VIEW_DASHBOARD,
            Perm.VIEW_TEAM,
            Perm.VIEW_JOBS,
            Perm.MANAGE_JOBS,
            Perm.MANAGE_CANDIDATES,
            Perm.SCORE_INTERVIEWS,
        }
    ),
    Role.INTERVIEWER: frozenset({Perm.VIEW_DASHBOARD, Perm.VIEW_JOBS, Perm.SCORE_INTERVIEWS}),
}


def role_can(role: str, perm: Perm) -> bool:
    return perm in GRANTS.get(Role(role), frozenset())
