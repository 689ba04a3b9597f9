"""What each job board needs of a job beyond the publish checklist (SPECS §1-3), and the
pay-transparency laws that reach every posting of a job in their state.

These are warnings: a job publishes without them, but the board may drop, demote or
misfile the posting, and a state may fine the practice. Each Problem names the field to
fix, like the publish checklist (jobs.services.job_publish_problems)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jobs.models import Board, Job
from jobs.sanitize import html_to_text
from jobs.services import SECTION_FIELDS, Problem, practice_today
from jobs.syndication.boards import job_boards

# Problem.field for what is fixed on the practice's Settings page, not in the job editor
PRACTICE_NAME = "practice_name"
PRACTICE_COUNTRY = "practice_country"

# US states, DC included, by postal code: a job's state may be typed either way
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
_STATE_NAMES = {name.lower(): code for code, name in US_STATES.items()}
_STATE_NAMES.update({"washington dc": "DC", "washington d.c.": "DC", "washington, dc": "DC",
                     "washington, d.c.": "DC", "d.c.": "DC"})

# States whose law requires the pay range (lowest and highest pay) in a job posting,
# including postings a third party such as a job board publishes for the employer. Most
# laws apply from a number of employees (in brackets); a warning costs a small practice
# nothing, a missing range costs a covered one a fine, so every posting there is checked.
# Laws that only require the range on request (CT, NV, RI) are not listed.
PAY_RANGE_STATES: dict[str, str] = {
    "CA": "Cal. Labor Code §432.3(c)(3), SB 1162, from Jan 1, 2023 (15+)",
    "CO": "Equal Pay for Equal Work Act, C.R.S. §8-5-201, from Jan 1, 2021 (1+)",
    "WA": "RCW 49.58.110 as amended by SB 5761, from Jan 1, 2023 (15+)",
    "NY": "N.Y. Labor Law §194-b, from Sep 17, 2023 (4+)",
    "HI": "Haw. Rev. Stat. §378-2.8, Act 203 of 2023 (SB 1057), from Jan 1, 2024 (50+)",
    "DC": "Wage Transparency Omnibus Amendment Act of 2023, from Jun 30, 2024 (1+)",
    "MD": "Md. Code, Lab. & Empl. §3-304.2, SB 525 of 2024, from Oct 1, 2024 (1+)",
    "IL": "Equal Pay Act, 820 ILCS 112/10(b-25), HB 3129, from Jan 1, 2025 (15+)",
    "MN": "Minn. Stat. §181.173, from Jan 1, 2025 (30+)",
    "NJ": "P.L. 2024, c. 91 (S2310), from Jun 1, 2025 (10+)",
    "VT": "21 V.S.A. §495o, Act 155 of 2024 (H.704), from Jul 1, 2025 (5+)",
    "MA": "M.G.L. c. 149 §105F, St. 2024 c. 141, from Oct 29, 2025 (25+)",
}

# Aggregators' minimum description length in characters of text (SPECS §3.2, §3.4)
ADZUNA_MIN_CHARS = 100
TALENT_MIN_CHARS = 50
# "Company" values search engines blacklist (SPECS §3.1): the real practice name is needed
PLACEHOLDER_COMPANIES = frozenset({"confidential", "unknown", "anonymous", "n/a", "na",
                                   "none", "tbd", "company", "employer", "private"})

_PAY_IN_TITLE = re.compile(
    r"[$€£]|\d\s*k\b|\d[\d,.]*\s*(?:/|per|an|a)\s*(?:hr|hour|yr|year|annum|week|wk)\b"
    r"|\b(?:salary|pay|wage)\b", re.IGNORECASE)
_HEADLINE_IN_TITLE = re.compile(
    r"\b(?:now\s+hiring|hiring|urgent(?:ly)?|immediate(?:ly)?|asap|apply\s+(?:now|today)"
    r"|sign[-\s]?on\s+bonus|bonus|full[-\s]?time|part[-\s]?time)\b|!", re.IGNORECASE)
_HTML_IN_TITLE = re.compile(r"<[^>]*>|&[#\w]+;")


# --- Reading the job ------------------------------------------------------------------------

def state_code(state: str) -> str:
    """A US state's postal code from what was typed ("IL", "il", "Illinois"); "" when it
    is not a US state."""
    typed = " ".join(state.split()).strip()
    if typed.upper() in US_STATES:
        return typed.upper()
    return _STATE_NAMES.get(typed.lower().rstrip("."), _STATE_NAMES.get(typed.lower(), ""))


def _country(job: Job) -> str:
    return (job.site.country or job.practice.country or "").strip()


def _description_text(job: Job) -> str:
    return "\n".join(html_to_text(getattr(job, name)) for name in SECTION_FIELDS).strip()


def _title_shows_place(job: Job) -> bool:
    """The city, the state's name or "remote" typed into the title. Two-letter codes are
    not matched: "MA" in a title is a medical assistant more often than Massachusetts."""
    place = job.site
    title = f" {job.title.lower()} "
    words = {"remote"}
    if len(place.city.strip()) >= 3:
        words.add(place.city.strip().lower())
    if code := state_code(place.state):
        words.add(US_STATES[code].lower())
    return any(re.search(rf"\b{re.escape(word)}\b", title) for word in words)


def _is_shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 8 and title.upper() == title


# --- One rule set per board -----------------------------------------------------------------

def _indeed(job: Job) -> list[Problem]:
    problems = []
    if _PAY_IN_TITLE.search(job.title):
        problems.append(Problem("title", _(
            "Indeed: take the pay out of the title; it belongs in the pay fields, which "
            "Indeed shows on its own.")))
    if _title_shows_place(job):
        problems.append(Problem("title", _(
            "Indeed: take the place (city, state or “remote”) out of the title; Indeed "
            "takes it from the job's address and workplace.")))
    if _HEADLINE_IN_TITLE.search(job.title) or _is_shouting(job.title):
        problems.append(Problem("title", _(
            "Indeed: the title should be the job's name only, without “hiring”, “urgent”, "
            "bonuses, hours, exclamation marks or capitals throughout.")))
    place = job.site
    if not job.is_remote and not (place.city.strip() and place.state.strip()):
        problems.append(Problem("location", _(
            "Indeed needs the job's city and state: complete the address of its site, or of "
            "the practice in Settings.")))
    elif (not job.is_remote and _country(job).upper() == "US"
          and not state_code(place.state)):
        problems.append(Problem("location", _(
            "Indeed needs a US state it knows: write the state of the job's address as its "
            "two-letter code, such as IL.")))
    if not _country(job):
        problems.append(Problem(PRACTICE_COUNTRY, _(
            "Indeed needs the country: set it in the practice's Settings.")))
    if job.pay_min is None and job.pay_max is None:
        problems.append(Problem("pay_min", _("Indeed: show the pay; postings with pay get "
                                             "more applicants there.")))
    if not _description_text(job):
        problems.append(Problem("about", _("Indeed needs a description: write about the "
                                           "role.")))
    return problems


def _ziprecruiter(job: Job) -> list[Problem]:
    problems = []
    company = " ".join(job.practice.name.lower().split())
    if not company or company in PLACEHOLDER_COMPANIES or "confidential" in company:
        problems.append(Problem(PRACTICE_NAME, _(
            "ZipRecruiter needs the practice's real name (search engines ignore "
            "“confidential” or “unknown”): change it in Settings.")))
    place = job.site
    city, state = place.city.strip(), place.state.strip()
    if not place.postal_code.strip() and not (city and state):
        problems.append(Problem("location", _(
            "ZipRecruiter needs the postal code, or the city and the state, of the job's "
            "address.")))
    elif bool(city) != bool(state):
        problems.append(Problem("location", _(
            "ZipRecruiter takes the city only with the state: give both in the job's "
            "address.")))
    if not re.fullmatch(r"[A-Za-z]{2}", _country(job)):
        problems.append(Problem(PRACTICE_COUNTRY, _(
            "ZipRecruiter needs the country as a two-letter code (US): set it in the "
            "practice's Settings.")))
    return problems


def _google(job: Job) -> list[Problem]:
    problems = []
    if _HTML_IN_TITLE.search(job.title):
        problems.append(Problem("title", _("Google: the title must be plain text; remove "
                                           "the HTML tags or codes from it.")))
    text = _description_text(job)
    if " ".join(text.lower().split()) == " ".join(job.title.lower().split()):
        problems.append(Problem("about", _(
            "Google: the description cannot just repeat the title; describe the role.")))
    if not html_to_text(job.qualifications):
        problems.append(Problem("qualifications", _(
            "Google wants a complete description: add who you are looking for "
            "(qualifications, education, experience).")))
    if job.closes_on and job.closes_on < practice_today(job.practice):
        problems.append(Problem("closes_on", _(
            "Google: the closing date has passed, so Google drops the job; choose a later "
            "date or leave it empty.")))
    if not _country(job):
        problems.append(Problem(PRACTICE_COUNTRY, _(
            "Google needs the job's country: set it in the practice's Settings.")))
    return problems


def _generic(job: Job) -> list[Problem]:
    length = len(_description_text(job))
    if length < TALENT_MIN_CHARS:
        return [Problem("about", _(
            "Other job sites: Talent.com needs a description of at least %(talent)d "
            "characters and Adzuna %(adzuna)d (now %(n)d).")
            % {"talent": TALENT_MIN_CHARS, "adzuna": ADZUNA_MIN_CHARS, "n": length})]
    if length < ADZUNA_MIN_CHARS:
        return [Problem("about", _(
            "Other job sites: Adzuna needs a description of at least %(adzuna)d characters "
            "(now %(n)d).") % {"adzuna": ADZUNA_MIN_CHARS, "n": length})]
    return []


RULES = {Board.INDEED: _indeed, Board.ZIPRECRUITER: _ziprecruiter, Board.GOOGLE: _google,
         Board.GENERIC: _generic}


def pay_range_problem(job: Job) -> Problem | None:
    """The pay range a pay-transparency law asks of a posting in the job's state (the
    site's, else the practice's): both ends, the lowest and the highest pay."""
    if _country(job).upper() not in ("US", ""):
        return None
    code = state_code(job.site.state)
    if code not in PAY_RANGE_STATES or (job.pay_min is not None and job.pay_max is not None):
        return None
    field = "pay_min" if job.pay_min is None else "pay_max"
    return Problem(field, _(
        "Give both ends of the pay range, from and up to: %(state)s's pay-transparency law "
        "requires the range in job postings, including on job boards.")
        % {"state": US_STATES[code]})


# --- The API --------------------------------------------------------------------------------

def board_problems(job: Job, board: str) -> list[Problem]:
    """What `board` needs of this job beyond the publish checklist, and the pay range a
    state law asks of every posting there."""
    problems = RULES[board](job)
    if pay := pay_range_problem(job):
        # the law's demand (both ends) includes a board's wish for some pay: say it once
        problems = [p for p in problems if p.field != pay.field] + [pay]
    return problems


def problems_for(job: Job, boards: Iterable[str]) -> dict[str, list[Problem]]:
    """Board → problems, for boards the caller already knows the job goes to (the status
    card has read them; no query here beyond the job's own site and practice)."""
    return {board: board_problems(job, board) for board in boards}


def all_board_problems(job: Job) -> dict[str, list[Problem]]:
    """Board → problems, for every board the job goes to (empty list: ready for it)."""
    return problems_for(job, [board for board, goes in job_boards(job).items() if goes])


@dataclass(frozen=True)
class BoardChecklist:
    """The "Job boards" part of a job's checklist: what every board listed needs (a state's
    pay range) once, then each board with its own problems; no problems reads "Ready"."""

    shared: list[Problem]
    boards: list[tuple[str, str, list[Problem]]]  # (board, its name, its own problems)

    @property
    def ready(self) -> bool:
        return not self.shared and not any(problems for _b, _l, problems in self.boards)


def checklist(by_board: dict[str, list[Problem]]) -> BoardChecklist:
    lists = list(by_board.values())
    shared = ([p for p in lists[0] if all(p in other for other in lists[1:])]
              if len(lists) > 1 else [])
    return BoardChecklist(shared=shared, boards=[
        (board, str(Board(board).label), [p for p in problems if p not in shared])
        for board, problems in by_board.items()])
