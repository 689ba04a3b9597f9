"""Panels on the practice's home page. Each later stage of the pipeline registers its own
(from its AppConfig.ready), so the core shows their news without importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hiring.http import PracticeRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelMaker = Callable[[PracticeRequest], Panel | None]
_makers: list[PanelMaker] = []


def register(maker: PanelMaker) -> PanelMaker:
    if maker not in _makers:
        _makers.append(maker)
    return maker


def panels(request: PracticeRequest) -> list[Panel]:
    return [panel for maker in _makers if (panel := maker(request)) is not None]
