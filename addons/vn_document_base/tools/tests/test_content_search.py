# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The snippet of a content search (issue 17, ND 30 Phụ lục VI III.6): words found
without regard to accents or case, marked, the text escaped."""

import content_search


def test_fold_keeps_positions():
    text = "Quyết định ĐIỀU ƯỚC"
    folded = content_search.fold(text)
    assert folded == "quyet dinh dieu uoc"
    assert len(folded) == len(text)


def test_words_of_a_term():
    assert content_search.words('"Quyết định" giao, số 12/QĐ') == [
        "quyet",
        "dinh",
        "giao",
        "so",
        "12",
        "qd",
    ]


def test_snippet_marks_the_phrase_in_its_accents():
    text = "Căn cứ Luật; QUYẾT ĐỊNH giao nhiệm vụ cho phường Bến Thành."
    html = content_search.snippet(text, ["quyet dinh giao"])
    assert "<mark>QUYẾT ĐỊNH giao</mark>" in html
    assert html.startswith("Căn cứ")


def test_words_in_another_order_or_inside_a_word_are_not_found():
    text = "giao quyết định; quyết định giao"
    assert content_search.find_spans(text, ["quyet dinh giao"]) == [(17, 32)]
    assert content_search.snippet("chuyển đổi sốt", ["doi so"]) == ""


def test_snippet_escapes_the_text():
    text = "<img src=x onerror=alert(1)> quyết định & <b>giao</b>"
    html = content_search.snippet(text, ["quyet dinh"])
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>quyết định</mark> &amp;" in html


def test_snippet_is_a_window_around_the_first_match():
    text = "a " * 200 + "quyết định" + " b" * 200
    html = content_search.snippet(text, ["quyết định"], context=20)
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 80
    assert content_search.snippet("", ["x"]) == ""
    assert content_search.snippet("abc", ["  "]) == ""
