from __future__ import annotations

import pytest

from jobs.sanitize import html_to_text, sanitize_html


@pytest.mark.parametrize("dirty", [
    "<p>Hi<script>alert(1)</script></p>",
    '<p onclick="alert(1)">Hi</p>',
    '<p><a href="javascript:alert(1)">Hi</a></p>',
    '<p><img src="x" onerror="alert(1)">Hi</p>',
    '<p style="position:fixed">Hi</p>',
    '<iframe src="https://evil.example"></iframe><p>Hi</p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD4=">Hi</a></p>',
])
def test_nothing_that_runs_survives(dirty):
    clean = sanitize_html(dirty)

    for bad in ("script", "onclick", "onerror", "javascript:", "style", "iframe", "data:"):
        assert bad not in clean
    assert "Hi" in clean


def test_allowed_formatting_survives():
    html = ('<p>Join <strong>us</strong> and <em>grow</em>.</p><h3>Perks</h3>'
            '<ul><li>Paid time off</li></ul><ol><li>Apply</li></ol>'
            '<p><a href="https://example.com/benefits">Benefits</a></p>')

    clean = sanitize_html(html)

    for kept in ("<strong>us</strong>", "<em>grow</em>", "<h3>Perks</h3>",
                 "<ul><li>Paid time off</li></ul>", "<ol><li>Apply</li></ol>",
                 'href="https://example.com/benefits"'):
        assert kept in clean


def test_links_do_not_pass_on_rank_or_the_opener():
    assert 'rel="noopener noreferrer nofollow"' in sanitize_html('<a href="https://x.test">x</a>')


def test_text_of_sections_counts_words_not_tags():
    assert html_to_text("<p>Hello &amp; welcome</p><ul><li>One</li></ul>") == (
        "Hello & welcome\nOne")
