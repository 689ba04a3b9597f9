"""Cards on the candidate page that later apps add (interviews: scorecards), registered
from their AppConfig.ready so the candidates app imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from candidates.models import Application
from hiring.http import PracticeRequest


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any]


# (request, application, blind) -> a card, or None; `blind` is True while the member may
# see no one else's scores of this candidate
SectionMaker = Callable[[PracticeRequest, Application, bool], Section | None]
_makers: list[SectionMaker] = []


def register(maker: SectionMaker) -> SectionMaker:
    if maker not in _makers:
        _makers.append(maker)
    return maker


def profile_sections(request: PracticeRequest, application: Application, *, blind: bool
                     ) -> list[Section]:
    return [section for maker in _makers
            if (section := maker(request, application, blind)) is not None]
