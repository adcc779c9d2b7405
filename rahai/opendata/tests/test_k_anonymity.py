"""k-anonymity holds on adversarial data: every combination of quasi-identifiers in the
microdata is shared by at least k records, checked on the written lines themselves."""

import csv
import io
import random
from collections import Counter

import pytest

from rahai.opendata import release as r
from rahai.opendata.codebook import codebook


def row(**overrides):
    data = {
        "year": 2025,
        "month": 3,
        "gender": "female",
        "age": 15,
        "citizenship": "PK",
        "province": "PB",
        "district": "LHR",
        "country_of_exploitation": "PK",
        "exploitation_types": ["servitude"],
        "means_of_control": ["withholds_documents"],
        "recruiter_relationship": "agent",
    }
    data.update(overrides)
    return data


def random_rows(n, seed):
    rng = random.Random(seed)
    places = {"PB": ["LHR", "KSR", "FSD"], "SD": ["KSO", "HYD"], "GB": ["GLT"]}
    out = []
    for _ in range(n):
        province = rng.choice(list(places))
        out.append(
            row(
                month=rng.randint(1, 12),
                gender=rng.choice(["female", "male", "transgender", "unknown"]),
                age=rng.choice([None, *range(0, 70)]),
                citizenship=rng.choice(["PK", "PK", "AF", "BD", ""]),
                province=province,
                district=rng.choice(places[province]),
                country_of_exploitation=rng.choice(["PK", "AE", "IR", "GR", ""]),
                exploitation_types=rng.sample(
                    ["forced_labour", "bonded_labour", "sexual", "servitude", "organ_removal"],
                    rng.randint(0, 2),
                ),
                means_of_control=rng.sample(["threats", "debt_bondage", "uses_children"], 1),
                recruiter_relationship=rng.choice(["family", "agent", ""]),
            )
        )
    return out


def qi_columns(micro):
    entries = codebook(micro.node, "2025")
    return [e["column"] for e in entries if e["quasi_identifier"] == "yes"]


def released_classes(micro) -> Counter:
    """Class sizes as an outsider would count them from microdata.csv."""
    text = ",".join(micro.columns) + "\n" + "\n".join(micro.lines)
    records = list(csv.DictReader(io.StringIO(text)))
    qis = qi_columns(micro)
    return Counter(tuple(record[c] for c in qis) for record in records)


def assert_k_anonymous(micro, k):
    classes = released_classes(micro)
    assert all(size >= k for size in classes.values()), min(classes.values())
    assert sum(classes.values()) == len(micro.lines)


def test_every_released_class_has_at_least_k_records_on_random_data():
    for seed in range(5):
        micro = r.anonymise(random_rows(600, seed), k=11, period_label="2025")
        assert micro.lines, "something should be released from 600 records"
        assert_k_anonymous(micro, 11)
        assert micro.k_achieved >= 11


def test_unique_combinations_are_generalised_or_suppressed():
    # 40 records, each one of a kind at the most detailed level.
    rows = [
        row(
            age=i, month=1 + i % 12, district=["LHR", "KSR"][i % 2], citizenship=["PK", "AF"][i % 2]
        )
        for i in range(40)
    ]
    micro = r.anonymise(rows, k=11, period_label="2025")
    assert_k_anonymous(micro, 11)
    assert micro.node["age"] != "exact age"
    assert micro.suppressed + len(micro.lines) == 40


def test_a_district_with_three_victims_never_appears():
    rows = [row(district="LHR", age=20 + i % 5) for i in range(60)]
    rows += [row(district="GLT", province="GB", age=30) for _ in range(3)]
    for allow_district in (False, True):
        micro = r.anonymise(rows, k=11, period_label="2025", allow_district=allow_district)
        assert_k_anonymous(micro, 11)
        text = "\n".join(micro.lines)
        assert "GLT" not in text
        assert "PK-GB" not in text  # the province holds only those three
    micro = r.anonymise(rows, k=11, period_label="2025")
    assert "LHR" not in "\n".join(micro.lines), "districts only with an explicit override"


def test_all_same_data_is_released_whole_at_the_most_detailed_level():
    micro = r.anonymise([row() for _ in range(30)], k=11, period_label="2025")
    assert len(micro.lines) == 30 and micro.suppressed == 0
    assert micro.k_achieved == 30
    assert micro.node["age"] == "exact age" and micro.node["period"] == "month"
    assert micro.node["place"] == "province"


def test_a_tiny_year_releases_nothing():
    release = r.build_release([row(year=2019) for _ in range(5)], years=[2019])
    assert release.microdata.lines == []
    assert release.microdata.suppressed == 5
    for table in release.tables:
        published = table.values[table.status == r.PUBLISHED]
        assert (published == 0).all(), table.name  # only zeros are shown


def test_a_tiny_year_among_big_ones_stays_k_anonymous():
    rows = random_rows(500, 7)
    rows += [row(year=2019, age=44, gender="male") for _ in range(4)]
    release = r.build_release(rows, years=[2019, 2025])
    assert_k_anonymous(release.microdata, 11)
    years = {line.split(",")[0] for line in release.microdata.lines}
    assert "2019" not in years


def test_fewer_than_k_records_release_nothing_at_all():
    micro = r.anonymise([row() for _ in range(10)], k=11, period_label="2025")
    assert micro.lines == [] and micro.suppressed == 10 and not micro.feasible


def test_k_below_11_needs_an_explicit_override():
    with pytest.raises(ValueError):
        r.anonymise([row()] * 20, k=5)
    micro = r.anonymise([row()] * 20, k=5, allow_k_below_minimum=True)
    assert micro.k_achieved == 20


def test_suppression_stays_within_the_budget_when_generalising_can_avoid_it():
    rows = random_rows(2000, 3)
    micro = r.anonymise(rows, k=11, period_label="2025", max_suppression=0.02)
    assert micro.suppressed <= 0.02 * 2000
    assert_k_anonymous(micro, 11)


def test_the_search_prefers_the_least_generalised_node():
    # Ages 20..24 with 15 records each: bands keep them all; exact ages would too.
    rows = [row(age=20 + i % 5) for i in range(75)]
    micro = r.anonymise(rows, k=11, period_label="2025")
    assert micro.node["age"] == "exact age" and micro.suppressed == 0


def test_microdata_rows_are_in_content_order_not_case_order():
    rows = random_rows(400, 11)
    micro = r.anonymise(rows, k=11, period_label="2025")
    shuffled = list(rows)
    random.Random(5).shuffle(shuffled)
    assert r.anonymise(shuffled, k=11, period_label="2025").lines == micro.lines


def test_residual_risk_is_one_over_the_class_size():
    micro = r.anonymise([row()] * 12 + [row(gender="male")] * 20, k=11, period_label="2025")
    risk = micro.risk()
    assert risk["max"] == round(1 / 12, 6)
    assert risk["mean"] == pytest.approx(2 / 32, abs=1e-6)
    assert risk["share_in_classes_below_20"] == pytest.approx(12 / 32, abs=1e-6)
    assert risk["classes"] == 2


def test_ladders_are_nested():
    rows = random_rows(300, 2)
    for ladder in r.make_ladders("2025"):
        r.encode(ladder, rows)  # raises when a level is not a function of the one below
