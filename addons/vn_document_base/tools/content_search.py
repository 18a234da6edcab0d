# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The snippet of a content search (issue 17): the words of the search found in a
text without regard to accents or case, shown in their context with HTML marks.

Pure Python (no Odoo) so that it is tested alone. The text is escaped before it
is marked: a document's text never brings HTML into the page.
"""

import re
import unicodedata
from html import escape

# Characters of context on each side of the first match.
CONTEXT = 90
WORD = re.compile(r"\w+")
SPACES = re.compile(r"\s+")


def fold_char(char):
    """One character without its accents, lower case: always one character, so that
    positions in the folded text are positions in the text."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text):
    return "".join(fold_char(char) for char in text)


def words(term):
    """The words of a search term, folded (punctuation and quotes dropped)."""
    return WORD.findall(fold(term or ""))


def phrase_pattern(term_words):
    """The words in this order, separated by anything that is not a word (as
    PostgreSQL's phrase search reads them)."""
    if not term_words:
        return None
    body = r"\W+".join(re.escape(word) for word in term_words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def find_spans(text, terms):
    """The (start, end) of every match of the terms' phrases in ``text``."""
    folded = fold(text)
    spans = []
    for term in terms:
        pattern = phrase_pattern(words(term))
        if pattern:
            spans += [match.span() for match in pattern.finditer(folded)]
    return sorted(spans)


def snippet(text, terms, context=CONTEXT):
    """Escaped HTML: the text around its first match with every match in the window
    marked, or "" when the terms are not in the text."""
    if not text:
        return ""
    spans = find_spans(text, terms)
    if not spans:
        return ""
    start = max(spans[0][0] - context, 0)
    end = min(spans[0][1] + context, len(text))
    parts = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return SPACES.sub(" ", "".join(parts)).strip()
