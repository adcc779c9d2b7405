"""The Splink model: comparisons, blocking rules, training, and the saved versioned model.

Two models share one feature table (see ``records.FEATURE_SCHEMA``):

* ``rahai_settings`` — Pakistani normalisation: given/family/father name keys in both scripts
  with term-frequency adjustment, CNIC full / one digit off / last four, phones in E.164,
  birth date against estimated age, district with neighbours by centroid distance.
* ``baseline_settings`` — a plain Splink model for comparison in the benchmark: Splink's
  default name comparison on the full name as written, exact ID and exact phone as written.

A trained model is saved as JSON beside this module (``data/<version>.json``): the Splink
settings with their m and u values, plus the matches-per-record rate used to set the prior
for an input of any size, and the default threshold chosen from the evaluation.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.exceptions import EMTrainingException

from rahai.linkage import MODEL_VERSION

MODEL_DIR = Path(__file__).resolve().parent / "data"
NEIGHBOUR_KM = 80  # centroid distance under which two districts count as neighbours
# Term-frequency adjustment: a name shared by fewer than 1 record in 1,000 counts as if it
# were that common. Without the floor a rare spelling (or a slip) shared by two records of
# one household added up to 14 bits, and siblings sharing father, family name and district
# were linked; with it, pairwise F1 at a million records rose from 0.70 to 0.73
# (docs/performance.md).
TF_MINIMUM_U = 0.001
log = logging.getLogger(__name__)


def connect(*, threads: int | None = None, memory_limit: str | None = None):
    """An in-process DuckDB that never downloads or loads an extension by itself."""
    config = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    con = duckdb.connect(":memory:", config=config)
    con.execute(
        "SET autoinstall_known_extensions=false; SET autoload_known_extensions=false;"
        " SET enable_progress_bar=false"
    )
    return con


def _given() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="given",
        comparison_description="given name (titles and a leading Muhammad set aside)",
        comparison_levels=[
            cll.NullLevel("given_skel"),
            cll.ExactMatchLevel("given_raw").configure(
                tf_adjustment_column="given_raw",
                tf_minimum_u_value=TF_MINIMUM_U,
                label_for_charts="same spelling",
            ),
            cll.ExactMatchLevel("given_canon").configure(
                tf_adjustment_column="given_canon",
                tf_minimum_u_value=TF_MINIMUM_U,
                label_for_charts="same name (variant table)",
            ),
            cll.CustomLevel(
                "given_known_l AND given_known_r AND given_canon_l <> given_canon_r",
                label_for_charts="two different known names (Hassan, Hussain)",
            ),
            cll.ExactMatchLevel("given_skel").configure(label_for_charts="same consonant key"),
            cll.JaroWinklerLevel("given_raw", 0.9),
            cll.DamerauLevenshteinLevel("given_skel", 1),
            cll.CustomLevel(
                "list_contains(name_skels_r, given_skel_l) OR list_contains(name_skels_l, given_skel_r)",
                label_for_charts="given name elsewhere in the other name (swapped parts)",
            ),
            cll.ElseLevel(),
        ],
    )


def _family() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="family",
        comparison_description="family name / further names",
        comparison_levels=[
            cll.NullLevel("family_skel"),
            cll.ExactMatchLevel("family_canon").configure(
                tf_adjustment_column="family_canon", tf_minimum_u_value=TF_MINIMUM_U
            ),
            cll.ExactMatchLevel("family_skel"),
            cll.JaroWinklerLevel("family_skel", 0.88),
            cll.CustomLevel(
                "list_has_any(string_split(family_skel_l, ' '), string_split(family_skel_r, ' '))",
                label_for_charts="a family-name word in common",
            ),
            cll.ElseLevel(),
        ],
    )


def _father() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="father",
        comparison_description="father's or husband's name",
        comparison_levels=[
            cll.NullLevel("father_skel"),
            cll.CustomLevel(
                "father_rel_l <> father_rel_r", label_for_charts="father vs husband"
            ).configure(is_null_level=True),
            cll.ExactMatchLevel("father_canon").configure(
                tf_adjustment_column="father_canon", tf_minimum_u_value=TF_MINIMUM_U
            ),
            cll.ExactMatchLevel("father_skel"),
            cll.JaroWinklerLevel("father_skel", 0.88),
            cll.ArrayIntersectLevel("father_tokens", 1),
            cll.ElseLevel(),
        ],
    )


def _birth() -> cl.CustomComparison:
    year_diff = "abs(birth_year_l - birth_year_r)"
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_description="birth date, birth year or estimated age",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.CustomLevel("birth_date_l = birth_date_r", label_for_charts="same birth date"),
            cll.CustomLevel(
                # One keystroke in a valid YYYY-MM-DD date leaves its first or its last five
                # characters alone: the cheap test first, the edit distance only then.
                "(left(birth_date_l, 5) = left(birth_date_r, 5)"
                " OR right(birth_date_l, 5) = right(birth_date_r, 5))"
                " AND damerau_levenshtein(birth_date_l, birth_date_r) <= 1",
                label_for_charts="birth date one keystroke apart",
            ),
            cll.CustomLevel(f"{year_diff} <= 1", label_for_charts="within 1 year"),
            cll.CustomLevel(f"{year_diff} <= 3", label_for_charts="within 3 years"),
            cll.CustomLevel(f"{year_diff} <= 6", label_for_charts="within 6 years"),
            cll.ElseLevel(),
        ],
    )


def _cnic() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="cnic",
        comparison_description="CNIC or other ID number",
        comparison_levels=[
            cll.NullLevel("cnic_last4"),
            cll.ExactMatchLevel("cnic"),
            cll.CustomLevel(
                # One keystroke in a 13-digit CNIC leaves its first or its last six digits
                # alone (shorter ID numbers go straight to the edit distance).
                "(left(cnic_l, 6) = left(cnic_r, 6) OR right(cnic_l, 6) = right(cnic_r, 6)"
                " OR length(cnic_l) < 13 OR length(cnic_r) < 13)"
                " AND damerau_levenshtein(cnic_l, cnic_r) <= 1",
                label_for_charts="one digit off",
            ),
            cll.CustomLevel(
                "(cnic_l IS NULL OR cnic_r IS NULL) AND cnic_last4_l = cnic_last4_r",
                label_for_charts="same last four (one side partial)",
            ),
            # Two full CNICs more than one keystroke apart: fixed, not estimated, because EM
            # mixes in namesakes; errors beyond one keystroke are taken to be rare (1 in 100).
            cll.ElseLevel().configure(m_probability=0.01, fix_m_probability=True),
        ],
    )


# The given names agree in some way: used to tell a person's own phone or address from their
# household's (siblings share father, family name, district, phone and address).
GIVEN_AGREES = (
    "(given_skel_l = given_skel_r OR given_canon_l = given_canon_r"
    " OR jaro_winkler_similarity(given_raw_l, given_raw_r) >= 0.9"
    " OR list_contains(name_skels_r, given_skel_l) OR list_contains(name_skels_l, given_skel_r))"
)


def _contact() -> cl.CustomComparison:
    shared_phone = "list_has_any(phones_l, phones_r)"
    same_address = (
        "(address_l = address_r OR jaro_winkler_similarity(address_l, address_r) >= 0.92)"
    )
    return cl.CustomComparison(
        output_column_name="contact",
        comparison_description="phone and address, told apart from a household's",
        comparison_levels=[
            cll.CustomLevel(
                "(phone1_l IS NULL OR phone1_r IS NULL) AND (address_l IS NULL OR address_r IS NULL)"
            ).configure(is_null_level=True),
            cll.CustomLevel(f"{shared_phone} AND {GIVEN_AGREES}", label_for_charts="own phone"),
            cll.CustomLevel(f"{same_address} AND {GIVEN_AGREES}", label_for_charts="own address"),
            cll.CustomLevel(
                f"{shared_phone} AND (given_skel_l IS NULL OR given_skel_r IS NULL)",
                label_for_charts="same phone, a given name missing",
            ),
            # A phone or address shared while the given names disagree is a household's (a
            # brother's, a sister's): it falls here, with the mismatches, on purpose.
            cll.ElseLevel(),
        ],
    )


def _place() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="district",
        comparison_description="district, neighbouring district, province",
        comparison_levels=[
            cll.NullLevel("district"),
            cll.ExactMatchLevel("district"),
            cll.DistanceInKMLevel("lat", "lon", NEIGHBOUR_KM),
            cll.ExactMatchLevel("province"),
            cll.ElseLevel(),
        ],
    )


# --- blocking: which pairs are scored at all --------------------------------------------------
#
# A blocking key is a set of columns; two records sharing all of them are a candidate pair.
# Common values make blocks that grow with the square of their size ("Muhammad" + Lahore, a
# placeholder CNIC), so every key is frequency-aware: a block of at most ``BLOCK_CAP`` records
# is compared whole; a larger one is, for the keys marked ``split``, compared only between
# records born within ``SPLIT_YEARS`` years of each other, and for the others not at all (a
# pair in such a block is nearly always found by another key, see docs/performance.md). Keys
# are 64-bit hashes of the columns, computed in DuckDB (``add_blocking_keys``).
BLOCK_CAP = 50
SPLIT_YEARS = 3


@dataclass(frozen=True)
class BlockingKey:
    name: str
    columns: tuple[str, ...]  # column names or SQL expressions over one record
    split: bool = False  # big blocks: compared by birth year instead of dropped


BLOCKING_KEYS = (
    BlockingKey("cnic", ("cnic",)),
    BlockingKey("phone", ("phone1",)),
    BlockingKey("last4_given", ("cnic_last4", "given_skel")),
    # A CNIC one keystroke off keeps its first seven or its last six digits.
    BlockingKey("cnic_head", ("left(cnic, 7)",)),
    BlockingKey("cnic_tail", ("right(cnic, 6)",)),
    BlockingKey("father_family_district", ("father_skel", "family_skel", "district")),
    BlockingKey("birth_date", ("birth_date",)),
    BlockingKey("given_district", ("given_skel", "district"), split=True),
    BlockingKey("given_canon_district", ("given_canon", "district"), split=True),
    BlockingKey("given_family", ("given_skel", "family_skel")),
    BlockingKey("name_sig", ("name_sig",)),
    BlockingKey("given_father", ("given_canon", "father_canon")),
    BlockingKey("address_given", ("address", "given_skel")),
)


# DuckDB's SQL and Spark's differ in the hash function and integer division; nothing else in
# the key definitions does (``left``/``right`` exist in both). Any 64-bit hash will do: keys
# are only compared with each other.
_HASH = {"duckdb": "hash", "spark": "xxhash64"}
_DIV = {"duckdb": "//", "spark": "div"}


def _key_sql(key: BlockingKey, dialect: str = "duckdb") -> str:
    present = " AND ".join(f"({c}) IS NOT NULL" for c in key.columns)
    return f"CASE WHEN {present} THEN {_HASH[dialect]}({', '.join(key.columns)}) END"


def _grid(column: str, offset: int, dialect: str = "duckdb") -> str:
    # Two grids of width 2·SPLIT_YEARS, the second shifted by SPLIT_YEARS: any two years at
    # most SPLIT_YEARS apart share a cell in at least one of them.
    return f"({column} + {offset}) {_DIV[dialect]} {2 * SPLIT_YEARS}"


def _keyed_select(hashed: str, cap: int, dialect: str) -> tuple[list[str], list[str]]:
    """The ``bk_*`` select items and the block-size joins over the relation ``hashed``
    (aliased ``t``, with the ``h_*`` columns of ``key_hashes_sql``)."""
    selects, joins = [], []
    for k in BLOCKING_KEYS:
        h, n = f"t.h_{k.name}", f"c_{k.name}.n"
        joins.append(
            f"LEFT JOIN (SELECT h_{k.name} AS h, count(*) AS n FROM {hashed}"  # noqa: S608
            f" WHERE h_{k.name} IS NOT NULL GROUP BY h_{k.name}) AS c_{k.name}"
            f" ON c_{k.name}.h = {h}"
        )
        selects.append(f"CASE WHEN {n} <= {cap} THEN {h} END AS bk_{k.name}")
        if k.split:
            for suffix, offset in (("a", 0), ("b", SPLIT_YEARS)):
                cell = _grid("t.birth_year", offset, dialect)
                selects.append(
                    f"CASE WHEN {n} > {cap} AND t.birth_year IS NOT NULL"
                    f" THEN {_HASH[dialect]}({h}, {cell}) END AS bk_{k.name}_{suffix}"
                )
    return selects, joins


def add_blocking_keys(con, source: str, target: str, *, cap: int | None = None) -> None:
    """Create table ``target``: ``source`` plus, per blocking key, ``bk_<name>`` (the key of a
    block of at most ``cap`` records, else NULL) and for split keys ``bk_<name>_a`` / ``_b``
    (key and birth-year cell, for bigger blocks only). Hashes, one GROUP BY per key and joins:
    a few seconds for a million records on two cores. Table names are the caller's constants.
    """
    cap = BLOCK_CAP if cap is None else cap
    hashed = key_hashes_sql()
    con.execute(f"CREATE OR REPLACE TEMP TABLE __rahai_hashed AS SELECT *, {hashed} FROM {source}")  # noqa: S608
    selects, joins = _keyed_select("__rahai_hashed", cap, "duckdb")
    hashes = ", ".join(f"h_{k.name}" for k in BLOCKING_KEYS)
    con.execute(
        f"CREATE OR REPLACE TABLE {target} AS SELECT t.* EXCLUDE ({hashes}),"  # noqa: S608
        f" {', '.join(selects)} FROM __rahai_hashed AS t {' '.join(joins)}"
    )
    con.execute("DROP TABLE __rahai_hashed")


def blocking_keys_sql(
    source: str, columns: list[str], dialect: str = "spark", *, cap: int | None = None
) -> str:
    """The same keys as ``add_blocking_keys`` as one SELECT over ``source`` (its ``columns``
    plus the ``bk_*`` columns), for another engine: Spark SQL for running the model on Spark
    (docs/linkage.md)."""
    cap = BLOCK_CAP if cap is None else cap
    hashed = f"(SELECT *, {key_hashes_sql(dialect)} FROM {source})"  # noqa: S608
    selects, joins = _keyed_select(hashed, cap, dialect)
    kept = ", ".join(f"t.{c}" for c in columns)
    return f"SELECT {kept}, {', '.join(selects)} FROM {hashed} AS t {' '.join(joins)}"  # noqa: S608


def key_hashes_sql(dialect: str = "duckdb") -> str:
    """The select list of every blocking key's hash (``h_<name>``) over feature columns."""
    return ", ".join(f"{_key_sql(k, dialect)} AS h_{k.name}" for k in BLOCKING_KEYS)


def blocking_rules(dialect: str = "duckdb") -> list[dict]:
    """The Splink blocking rules over the ``bk_*`` columns of ``add_blocking_keys``."""
    rules = []
    for k in BLOCKING_KEYS:
        rules.append(block_on(f"bk_{k.name}"))
        if k.split:
            for suffix in ("a", "b"):
                rules.append(
                    CustomRule(
                        f"l.bk_{k.name}_{suffix} = r.bk_{k.name}_{suffix}"
                        f" AND abs(l.birth_year - r.birth_year) <= {SPLIT_YEARS}",
                        sql_dialect=dialect,
                    )
                )
    return [rule.create_blocking_rule_dict(dialect) for rule in rules]


def rahai_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            _given(),
            _family(),
            _father(),
            cl.ExactMatch("gender"),
            _birth(),
            _cnic(),
            _contact(),
            _place(),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )


def baseline_settings() -> SettingsCreator:
    """Plain Splink: default name comparison on the full name, exact ID and phone as written."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("full_name"),
            cl.ExactMatch("gender"),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("id_number"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("district"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("full_name"),
            block_on("id_number"),
            block_on("phone"),
            block_on("birth_date"),
            block_on("substr(full_name, 1, 3)", "district"),
        ],
        retain_matching_columns=False,
        max_iterations=20,
    )


TRAINING_RULES = {
    "rahai": [
        block_on("cnic"),
        block_on("given_canon", "father_canon"),
        block_on("given_skel", "family_skel"),
        block_on("birth_date"),
    ],
    "baseline": [block_on("id_number"), block_on("full_name"), block_on("phone")],
}
DETERMINISTIC = {
    "rahai": ["l.cnic = r.cnic", "l.phone1 = r.phone1 AND l.given_canon = r.given_canon"],
    "baseline": ["l.id_number = r.id_number"],
}


def train(table, kind: str = "rahai", *, seed: int = 1, max_pairs: float = 3e6, con=None):
    """Estimate a model on ``table`` without labels: u by random sampling, m by EM.

    Returns ``(settings_dict, matches_per_record)``.
    """
    settings = rahai_settings() if kind == "rahai" else baseline_settings()
    db = DuckDBAPI(con or connect())
    linker = Linker(db.register(table), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(DETERMINISTIC[kind], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    sessions = 0
    for rule in TRAINING_RULES[kind]:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except EMTrainingException:
            continue  # no pairs under this rule in this data (no fathers' names, say)
        sessions += 1
        if sessions == 2:
            break
    trained = smooth(linker.misc.save_model_to_json())
    if kind == "rahai":
        _address_given_district(trained, db.duckdb_con, table)
    n = table.num_rows
    lam = trained["probability_two_random_records_match"]
    return trained, lam * (n - 1) / 2


OWN_ADDRESS = "own address"


def _address_given_district(trained: dict, con, table) -> None:
    """Set the u of "own address" to how often two *different people of one district* have
    similar addresses, instead of two random records.

    The level needs the given names to agree and, in practice, the same district: both are
    already counted by their own comparisons, so a u from random pairs (5e-5 on the synthetic
    data) counted them twice and made a namesake in the same mohalla look like the same
    person (+12 bits; at a million records most false links came from this). Pairs within a
    district are nearly all non-matches, so no labels are needed.
    """
    con.register("__rahai_training", table)
    share = con.sql(
        "WITH s AS (SELECT unique_id, district, address FROM __rahai_training"
        " WHERE district IS NOT NULL AND address IS NOT NULL)"
        " SELECT avg((l.address = r.address"
        " OR jaro_winkler_similarity(l.address, r.address) >= 0.92)::INTEGER)"
        " FROM s AS l JOIN s AS r ON l.district = r.district AND l.unique_id < r.unique_id"
        " WHERE hash(l.unique_id, r.unique_id) % 10 = 0"
    ).fetchall()[0][0]
    con.unregister("__rahai_training")
    if not share:
        return
    for comparison in trained["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("label_for_charts") == OWN_ADDRESS:
                level["u_probability"] = max(level["u_probability"], share)


def smooth(trained: dict, m_floor: float = 0.002, u_floor: float = 1e-7) -> dict:
    """Keep every m probability above ``m_floor``: a level never seen among the training
    matches (an agency that never mistypes, say) must not become proof of a non-match."""
    for comparison in trained["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for key, floor in (("m_probability", m_floor), ("u_probability", u_floor)):
            values = [max(lv.get(key) or 0.0, floor) for lv in levels]
            total = sum(values)
            for lv, value in zip(levels, values, strict=True):
                lv[key] = value / total
    return trained


def save(
    trained: dict,
    matches_per_record: float,
    *,
    threshold: float,
    notes: str = "",
    version: str = MODEL_VERSION,
    directory: Path = MODEL_DIR,
) -> Path:
    payload = {
        "version": version,
        "matches_per_record": matches_per_record,
        "default_threshold": threshold,
        "notes": notes,
        "splink": trained,
    }
    path = directory / f"{version}.json"
    path.write_text(
        json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def load(version: str = MODEL_VERSION, *, directory: Path = MODEL_DIR) -> dict[str, Any]:
    path = directory / f"{version}.json"
    return json.loads(path.read_text(encoding="utf-8"))


# DuckDB functions in the saved comparisons that sqlglot does not write as Spark has them:
# Splink's Spark jar registers ``jaro_winkler`` (and ``damerau_levenshtein``, same name).
_SPARK_NAMES = {
    "jaro_winkler_similarity(": "jaro_winkler(",
    "list_has_any(": "arrays_overlap(",
    "list_intersect(": "array_intersect(",
}


def _translate(settings: dict, dialect: str) -> None:
    """Rewrite the saved comparisons (DuckDB SQL) for another engine, in place."""
    import sqlglot

    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            condition = level["sql_condition"]
            if condition.strip().upper() == "ELSE":
                continue
            for duckdb_name, spark_name in _SPARK_NAMES.items():
                condition = condition.replace(duckdb_name, spark_name)
            level["sql_condition"] = sqlglot.transpile(condition, read="duckdb", write=dialect)[0]
    settings["sql_dialect"] = dialect


def settings_for(
    model: dict[str, Any],
    n_records: int,
    *,
    rahai_blocking: bool = True,
    dialect: str = "duckdb",
) -> dict[str, Any]:
    """The saved Splink settings with the prior set for an input of ``n_records`` and (unless
    ``rahai_blocking`` is false: the benchmark's baseline) the blocking rules of this code,
    over the columns ``add_blocking_keys`` adds. ``dialect="spark"``: for Splink's Spark
    backend (the blocking rules are written for Spark; the comparisons are DuckDB SQL, which
    Splink translates)."""
    settings = json.loads(json.dumps(model["splink"]))
    if dialect != "duckdb":
        _translate(settings, dialect)
    if rahai_blocking:
        settings["blocking_rules_to_generate_predictions"] = blocking_rules(dialect)
    pairs = max(n_records * (n_records - 1) / 2, 1)
    prior = min(model["matches_per_record"] * n_records / pairs, 0.5)
    settings["probability_two_random_records_match"] = max(prior, 1e-12)
    settings.pop("linker_uid", None)
    return settings
