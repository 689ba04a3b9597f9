"""Streaming XML for the feeds: a document is written element by element to a binary file,
so a feed of 20,000 jobs costs the memory of one job, not of the whole tree.

Boards read job content from CDATA (SPECS 2.4): the HTML inside stays raw. lxml splits a
"]]>" in the text into two CDATA sections by itself, so no text can end one early. What XML
1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates) is dropped: one
stray control character pasted from a word processor would otherwise make the whole feed
unreadable to a strict parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from lxml import etree

# Characters outside XML 1.0's Char production; tab, newline and carriage return are allowed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# lxml's own declaration uses single quotes; boards' examples use double ones, so we write it
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'

Fields = Iterable[tuple[str, str]]


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (emoji and other astral characters stay:
    in a Python string they are one code point, never a surrogate pair)."""
    return _NOT_XML.sub("", text)


class XmlWriter:
    """Writes leaf elements and flat items (a <job>, a <url>) into an open document."""

    def __init__(self, xf: Any, *, namespace: str | None, cdata: bool) -> None:
        self._xf = xf
        self._ns = f"{{{namespace}}}" if namespace else ""
        self._cdata = cdata

    def field(self, tag: str, value: str, *, indent: str = "\n  ") -> None:
        """One element with text; empty text still writes the element (boards want a remote
        job's <state></state> present but empty)."""
        self._xf.write(indent)
        with self._xf.element(self._ns + tag):
            text = xml_safe(value or "")
            if text:
                self._xf.write(etree.CDATA(text) if self._cdata else text)

    def item(self, tag: str, fields: Fields) -> None:
        """One element holding a field per (tag, value); written, then gone from memory."""
        self._xf.write("\n  ")
        with self._xf.element(self._ns + tag):
            for child, value in fields:
                self.field(child, value, indent="\n    ")
            self._xf.write("\n  ")


@contextmanager
def xml_document(out: BinaryIO, root: str, *, namespace: str | None = None,
                 cdata: bool = True) -> Iterator[XmlWriter]:
    """A UTF-8 document with one root element, written to `out` as it goes."""
    out.write(DECLARATION)
    nsmap = {None: namespace} if namespace else None
    tag = f"{{{namespace}}}{root}" if namespace else root
    with etree.xmlfile(out, encoding="utf-8") as xf, xf.element(tag, nsmap=nsmap):
        yield XmlWriter(xf, namespace=namespace, cdata=cdata)
        xf.write("\n")
