from rahai.linkage import MODEL_VERSION, engine, evaluate, model, synthetic
from rahai.linkage.records import features


def test_the_model_switches_off_duckdb_extension_downloads():
    con = model.connect()
    settings = con.sql(
        "SELECT current_setting('autoinstall_known_extensions'),"
        " current_setting('autoload_known_extensions')"
    ).fetchall()[0]
    assert settings == (False, False)


def test_the_saved_model_is_versioned_and_has_a_threshold():
    saved = model.load()
    assert saved["version"] == "rahai-person-v2" == MODEL_VERSION
    assert 0.5 <= saved["default_threshold"] < 1
    assert saved["matches_per_record"] > 0


def test_a_match_on_a_rare_name_counts_for_more_than_on_a_common_one():
    background = synthetic.generate(600, seed=3)
    records = [*background]
    for i in range(40):
        records.append(
            {"record_id": f"common-{i}", "full_name": "Muhammad Ali", "age": str(20 + i)}
        )
    pair = {"age": "30", "district": "Multan"}
    records += [
        {"record_id": "c1", "full_name": "Muhammad Ali", **pair},
        {"record_id": "c2", "full_name": "Mohd Ali", **pair},
        {"record_id": "r1", "full_name": "Shehzad Vankwani", **pair},
        {"record_id": "r2", "full_name": "Shahzad Vankwani", **pair},
    ]
    scored = engine.score(features(records, reference_year=2026), keep_above=0.0)
    probability = {
        (a, b): p
        for a, b, p in zip(
            scored.column("unique_id_l").to_pylist(),
            scored.column("unique_id_r").to_pylist(),
            scored.column("match_probability").to_pylist(),
            strict=True,
        )
    }
    assert probability[("r1", "r2")] > probability[("c1", "c2")]


def test_clustering_never_joins_people_a_reviewer_said_are_different():
    edges = [("a", "b", 0.99), ("b", "c", 0.98), ("c", "d", 0.3)]
    assert len(set(engine.cluster("abcd", edges, threshold=0.9).values())) == 2
    apart = engine.cluster("abcd", edges, threshold=0.9, different=[("a", "c")])
    assert apart["a"] == apart["b"] != apart["c"]


def test_review_decisions_override_the_model():
    records = [
        {"record_id": "1", "full_name": "Ali Raza", "id_number": "35202-1234567-1"},
        {"record_id": "2", "full_name": "Ali Raza", "id_number": "35202-1234567-1"},
        {"record_id": "3", "full_name": "Bilal Ahmed", "phone": "0300-1234567"},
        {"record_id": "4", "full_name": "Zainab Bibi", "phone": "0321-7654321"},
    ]
    plain = engine.link(records)
    assert plain.clusters["1"] == plain.clusters["2"]
    reviewed = engine.link(records, same=[("3", "4")], different=[("2", "1")])
    assert reviewed.clusters["1"] != reviewed.clusters["2"]
    assert reviewed.clusters["3"] == reviewed.clusters["4"]
    assert ("3", "4", 1.0) in reviewed.pairs


def test_the_generator_is_deterministic_for_a_seed():
    assert synthetic.generate(300, seed=5) == synthetic.generate(300, seed=5)
    assert synthetic.generate(300, seed=5) != synthetic.generate(300, seed=6)


def test_metrics_on_a_hand_worked_example():
    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    clusters = {"a": "x", "b": "x", "c": "y", "d": "y"}
    pairs = evaluate.pairwise(evaluate.cluster_pairs(clusters), evaluate.true_pairs(truth))
    assert (pairs.precision, round(pairs.recall, 3)) == (0.5, 0.333)
    b3 = evaluate.bcubed(clusters, truth)
    assert round(b3.precision, 3) == 0.75 and round(b3.recall, 3) == round(
        (4 / 3 + 1 / 3 + 1) / 4, 3
    )


def _pairs(records) -> set[tuple[str, str]]:
    found = engine.candidate_pairs(features(records, reference_year=2026))
    return {
        engine._ordered(a, b)
        for a, b in zip(
            found.column("unique_id_l").to_pylist(),
            found.column("unique_id_r").to_pylist(),
            strict=True,
        )
    }


def test_a_small_block_is_compared_whole_and_a_big_one_only_by_birth_year():
    rare = [
        {
            "record_id": f"r{i}",
            "full_name": "Shehzad Vankwani",
            "district": "Lahore",
            "age": str(20 + 7 * i),
        }
        for i in range(8)
    ]
    assert len(_pairs(rare)) == 8 * 7 // 2  # every pair, however far apart the ages
    n = model.BLOCK_CAP + 30
    common = [
        {
            "record_id": f"c{i:03d}",
            "full_name": "Ali Raza",
            "district": "Lahore",
            "age": str(20 + i // 2),
        }
        for i in range(n)
    ]
    years = {r["record_id"]: 2026 - int(r["age"]) for r in common}
    found = _pairs(common)
    expected = {
        (a, b)
        for a in years
        for b in years
        if a < b and abs(years[a] - years[b]) <= model.SPLIT_YEARS
    }
    assert found == expected  # given name + district, split by birth year; nothing else


def test_a_new_record_meets_the_candidates_a_relink_would_give_it_with_the_same_scores(
    monkeypatch,
):
    # A small cap, so that this small file has big blocks too (split by birth year, dropped).
    monkeypatch.setattr(model, "BLOCK_CAP", 6)
    records = synthetic.generate(1500, seed=21, reference_year=2026)
    existing, new = records[10:], records[:10]
    index = engine.LinkIndex(features(existing, reference_year=2026))
    checked = 0
    for record in new[:8]:
        rid = record["record_id"]
        # A relink of the population plus the record: every pair it scores (keep_above=0).
        scored = engine.score(features([*existing, record], reference_year=2026), keep_above=0.0)
        relink = {
            (b if a == rid else a): p
            for a, b, p in zip(
                scored.column("unique_id_l").to_pylist(),
                scored.column("unique_id_r").to_pylist(),
                scored.column("match_probability").to_pylist(),
                strict=True,
            )
            if rid in (a, b)
        }
        rows = index.candidates(record, reference_year=2026)
        found = {index.ids[i].as_py() for i in rows.column("unique_id").to_pylist()[1:]}
        assert found == set(relink)
        for other, probability, evidence in index.match(record, reference_year=2026):
            assert abs(probability - relink[other]) < 0.002, other
            assert evidence
            checked += 1
    assert checked > 8


def test_the_blocking_keys_for_another_engine_are_the_same_keys():
    table = features(synthetic.generate(400, seed=4, reference_year=2026), reference_year=2026)
    con = model.connect()
    con.register("records", table)
    model.add_blocking_keys(con, "records", "keyed", cap=3)
    one_query = model.blocking_keys_sql("records", table.column_names, "duckdb", cap=3)
    keys = [c for c in con.sql("SELECT * FROM keyed").columns if c.startswith("bk_")]
    order = "ORDER BY unique_id"
    assert (
        keys
        and con.sql(f"SELECT {', '.join(keys)} FROM keyed {order}").fetchall()
        == con.sql(f"SELECT {', '.join(keys)} FROM ({one_query}) {order}").fetchall()
    )


def test_the_model_is_written_for_spark_when_it_runs_there():
    settings = model.settings_for(model.load(), 1000, dialect="spark")
    conditions = " ".join(
        level["sql_condition"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
    )
    assert settings["sql_dialect"] == "spark"
    assert '"' not in conditions  # Spark reads "given_raw_l" as a string, not a column
    assert "jaro_winkler(" in conditions.lower() and "jaro_winkler_similarity" not in conditions
    assert "list_has_any" not in conditions and "arrays_overlap(" in conditions.lower()
    assert all(
        rule["sql_dialect"] == "spark"
        for rule in settings["blocking_rules_to_generate_predictions"]
    )
