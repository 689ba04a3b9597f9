"""Reordering rows that carry a `position` (kit questions, competencies, packet steps) one
step at a time: the buttons that make lists reorderable without JavaScript."""

from __future__ import annotations

from django.db import models


def move_one_step(siblings: models.QuerySet, item: models.Model, offset: int) -> bool:
    """Swap `item` with its neighbour above (-1) or below (+1) among `siblings` (rows locked
    for the transaction the caller runs in) and renumber them 0..n-1. False at either end."""
    rows = list(siblings.select_for_update())
    index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    model = type(item)
    for position, row in enumerate(rows):
        if row.position != position:
            model.objects.filter(pk=row.pk).update(position=position)
    return True
