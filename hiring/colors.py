"""Brand colours that stay readable: WCAG 2.1 contrast against white text and background."""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(hex_colour: str) -> float:
    r, g, b = (_channel(v) for v in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


def readable_on_white(hex_colour: str, minimum: float = AA_NORMAL_TEXT) -> str:
    """The colour itself when white text on it (and it as text on white) meets `minimum`;
    otherwise the same hue darkened step by step until it does."""
    try:
        r, g, b = _rgb(hex_colour)
    except (ValueError, IndexError):
        return "#0f766e"
    colour = f"#{r:02x}{g:02x}{b:02x}"
    while contrast_with_white(colour) < minimum:
        r, g, b = int(r * 0.92), int(g * 0.92), int(b * 0.92)
        colour = f"#{r:02x}{g:02x}{b:02x}"
    return colour
