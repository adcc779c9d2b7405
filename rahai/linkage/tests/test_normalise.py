import random

import pytest

from rahai.core import names
from rahai.linkage import normalise, synthetic
from rahai.linkage.records import check_record, feature_row


def given(text: str) -> str:
    return normalise.parse_name(text).given.canon


def test_urdu_and_roman_spellings_of_known_names_agree():
    assert given("محمد یوسف") == given("Mohd Yusuf") == given("Muhammad Yousaf") == "yousaf"
    assert given("عمران") == given("Imraan") == "imran"
    assert given("Hussein") == given("حسین") == "hussain"


def test_unknown_names_still_agree_on_their_consonant_key():
    roman = normalise.parse_name("Ghulam Rasool").given
    urdu = normalise.parse_name("غلام رسول").given
    assert roman.skel == urdu.skel == "glmrsl"


def test_a_leading_muhammad_is_set_aside_when_other_names_follow():
    parsed = normalise.parse_name("M. Imran")
    assert parsed.muhammad and parsed.given.canon == "imran"
    assert given("Muhammad") == "muhammad"  # a man called just Muhammad keeps his name


def test_titles_are_dropped_at_the_start_but_a_family_name_at_the_end_is_kept():
    assert given("Ch. Aslam") == given("Malik Aslam") == "aslam"
    parsed = normalise.parse_name("Aslam Malik")
    assert parsed.given.canon == "aslam" and parsed.family.canon == "malik"


def test_female_titles_and_trailing_honorifics_are_dropped_and_hint_the_gender():
    parsed = normalise.parse_name("مسماۃ فاطمہ بی بی")
    assert parsed.given.canon == "fatima" and not parsed.family.tokens
    assert parsed.female_title
    assert (
        feature_row({"record_id": "1", "full_name": "Mst. Razia"}, reference_year=2026)["gender"]
        == "f"
    )


def test_the_fathers_name_is_its_own_evidence_with_its_relation():
    parsed = normalise.parse_name("Muhammad Imran s/o Abdul Ghafoor")
    assert parsed.father.canon == "abdghafoor" and parsed.relation == "f"
    urdu = normalise.parse_name("محمد عمران ولد عبدالغفور")
    assert urdu.father.canon == parsed.father.canon
    assert normalise.parse_name("Razia w/o Akram").relation == "h"
    columns = normalise.parse_name(given="Imran", father="Abdul Ghafoor")
    assert columns.father.canon == "abdghafoor"


def test_compound_names_are_joined_in_both_scripts():
    assert (
        normalise.parse_name("Ehsan Ullah").given.skel
        == normalise.parse_name("احسان اللہ").given.skel
    )
    assert (
        normalise.parse_name("Shams ud Din").given.skel
        == normalise.parse_name("Shamsuddin").given.skel
    )


def test_linkage_leaves_the_search_index_keys_unchanged():
    assert names.name_keys("Muhammad Imran s/o Abdul Ghafoor") == {"mhmd", "mrn", "bd", "gfr"}


@pytest.mark.parametrize(
    ("written", "full", "last4"),
    [
        ("35202-1234567-1", "3520212345671", "5671"),
        ("3520212345671", "3520212345671", "5671"),
        (" 35202 1234567 1 ", "3520212345671", "5671"),
        ("xxxxx-xxxxxxx-5671", None, "5671"),
        ("5671", None, "5671"),
        ("", None, None),
    ],
)
def test_cnics_in_every_common_form(written, full, last4):
    assert normalise.id_number(written) == (full, last4)


@pytest.mark.parametrize(
    "written",
    ["03001234567", "0300-1234567", "+92 300 1234567", "923001234567", "0092 300 1234567"],
)
def test_phones_in_every_common_form_become_e164(written):
    assert normalise.phones(written) == ["+923001234567"]


def test_several_phones_in_one_field_and_junk_is_ignored():
    assert normalise.phones("0300-1234567; 0321 7654321, not a number") == [
        "+923001234567",
        "+923217654321",
    ]


def test_districts_resolve_in_english_urdu_and_abbreviations():
    assert normalise.district("Lahore")[0] == normalise.district("لاہور")[0] == "LHR"
    assert normalise.district("D.G. Khan")[0] == normalise.district("Dera Ghazi Khan")[0] == "DGK"
    assert normalise.district("Atlantis") == ("atlantis", None)


def test_a_cnics_last_digit_gives_the_gender_when_none_is_recorded():
    row = feature_row({"record_id": "1", "id_number": "35202-1234567-2"}, reference_year=2026)
    assert row["gender"] == "f"


def test_an_age_becomes_a_birth_year():
    assert feature_row({"record_id": "1", "age": "30"}, reference_year=2026)["birth_year"] == 1996


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"record_id": "1", "birth_date": "12/03/1990"}, "YYYY-MM-DD"),
        ({"record_id": "1", "birth_date": "1990-02-30"}, "not a real date"),
        ({"record_id": "1", "age": "old"}, "age"),
        ({"record_id": ""}, "record_id"),
    ],
)
def test_malformed_values_are_refused(record, message):
    with pytest.raises(ValueError, match=message):
        check_record(record)


def test_the_fast_paths_give_exactly_what_the_slow_ones_give():
    """Phones of the common mobile shapes skip ``phonenumbers``, ASCII names skip Unicode
    normalisation; neither may change a key (the blind index and the model depend on them)."""
    rng = random.Random(4)
    numbers = [
        f"{prefix}3{rng.randrange(10**9):09d}"
        for prefix in ("0", "+92", "92", "0092", "+92 ", "0092-")
        for _ in range(400)
    ]
    numbers += ["0300-1234567", "(0300) 1234567", "0311.1234567", "03991234567", "+923991234567"]
    numbers += ["0355-1234567", "042-35761234", "0300-123456", "030012345678", "3001234567", ""]
    for number in numbers:
        assert normalise.phone(number) == normalise._phone(number), number
    texts = [
        r.get(column) or ""
        for r in synthetic.generate(400, seed=9)
        for column in ("full_name", "given_name", "family_name", "father_name", "address")
    ]
    texts += ["Muhammad Imran son of Abdul Ghafoor", "ABDUL-REHMAN", "Zain-ul-Abideen", "Ali's"]
    for text in texts:
        assert normalise.tokens(text) == names.tokens(text), text
        assert normalise.clean(text) == names._clean(text), text
