"""The screening indicators as data."""

import re
from collections import Counter

import pytest
from django.utils.functional import Promise

from rahai.hotline import indicators
from rahai.hotline.triage import compile_keyword


def test_counts_by_source():
    counts = Counter(i.source for i in indicators.INDICATORS)
    assert counts == {"ilo": 11, "unodc": 13, "child": 3, "smuggling": 2}


def test_codes_are_stable_unique_snake_case():
    codes = [i.code for i in indicators.INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes)
    assert set(codes) == indicators.CODES
    assert indicators.INDICATORS[0].code == "abuse_of_vulnerability"
    assert "debt_bondage" in codes and "believes_debt_bonded" in codes


def test_labels_and_questions_are_translatable():
    from django.utils import translation

    for indicator in indicators.INDICATORS:
        assert isinstance(indicator.label, Promise)
        assert isinstance(indicator.question, Promise)
        with translation.override("en"):
            assert str(indicator.question).endswith("?")
        with translation.override("ur"):
            assert str(indicator.question).endswith("؟") or str(indicator.question).endswith("?")
        assert indicator.kind in indicators.KINDS
        assert indicator.source in indicators.SOURCES


def test_choices_and_lookup():
    assert [code for code, _label in indicators.INDICATOR_CHOICES] == [
        i.code for i in indicators.INDICATORS
    ]
    assert indicators.by_code("debt_bondage").source == "ilo"
    with pytest.raises(KeyError):
        indicators.by_code("nope")
    groups = indicators.choices_by_source()
    assert [len(choices) for _title, choices in groups] == [11, 13, 3, 2]


def test_every_keyword_compiles():
    for indicator in indicators.INDICATORS:
        assert indicator.keywords, indicator.code
        for keyword in indicator.keywords:
            assert compile_keyword(keyword)


def test_every_signal_has_a_reason_and_compiling_keywords():
    for code, (reason, keywords) in indicators.SIGNALS.items():
        assert isinstance(reason, Promise), code
        parsed = indicators.parse_keywords(keywords)
        assert parsed, code
        for keyword in parsed:
            assert compile_keyword(keyword)
