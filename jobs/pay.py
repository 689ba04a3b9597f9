"""How a pay range reads, in one place: the careers page, the feeds and the Word documents
must say the same thing, because pay-transparency laws care about what applicants see."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from jobs.models import PayUnit

SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "GBP": "£"}
# salaries read as whole amounts ("$65,000"); wages show cents ("$24.00") even when whole
WHOLE_UNITS = {PayUnit.MONTH, PayUnit.YEAR}
CENT = Decimal("0.01")
RANGE = " \N{EN DASH} "  # typeset ranges take an en dash, not a hyphen


def _money(amount: Decimal, currency: str, *, cents: bool) -> str:
    text = f"{amount:,.2f}" if cents else f"{amount:,.0f}"
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{text}" if symbol else f"{currency.upper()} {text}"


def pay_text(pay_min: Decimal | None, pay_max: Decimal | None, pay_unit: str,
             currency: str = "USD") -> str:
    """One line of pay: "$24.00 - $28.00 per hour" (with an en dash), "$65,000 - $80,000 per
    year", "From $20.00 per hour", "Up to $90,000 per year"; "" when neither end is set, so
    callers can leave pay out."""
    amounts = [Decimal(a).quantize(CENT, rounding=ROUND_HALF_UP) if a is not None else None
               for a in (pay_min, pay_max)]
    present = [a for a in amounts if a is not None]
    if not present:
        return ""
    unit = PayUnit(pay_unit)
    # one format for both ends: never "$65,000.50" and "$80,000" in one range
    cents = unit not in WHOLE_UNITS or any(a != a.to_integral_value() for a in present)
    low, high = (_money(a, currency, cents=cents) if a is not None else None for a in amounts)
    per = str(unit.label)
    if low and high:
        return f"{low} {per}" if low == high else f"{low}{RANGE}{high} {per}"
    if low:
        # Translators: a pay with no upper end, e.g. "From $20.00 per hour"
        return _("From %(amount)s %(period)s") % {"amount": low, "period": per}
    # Translators: a pay with no lower end, e.g. "Up to $90,000 per year"
    return _("Up to %(amount)s %(period)s") % {"amount": high, "period": per}
