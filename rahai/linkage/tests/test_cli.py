import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rahai.linkage import cli, evaluate, synthetic


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A small synthetic file with known truth, linked once through the command."""
    folder = tmp_path_factory.mktemp("link")
    records = synthetic.generate(1500, seed=11)
    synthetic.write_csv(records, folder / "people.csv")
    assert cli.main([str(folder / "people.csv"), "--out", str(folder / "out"), "--quiet"]) == 0
    return records, folder / "out"


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_command_finds_most_true_pairs_and_few_false_ones(linked):
    records, out = linked
    truth = {r["record_id"]: r["entity_id"] for r in records}
    clusters = {row["record_id"]: row["cluster_id"] for row in read(out / "clusters.csv")}
    scores = evaluate.pairwise(evaluate.cluster_pairs(clusters), evaluate.true_pairs(truth))
    # Measured 0.95 / 0.84 / B-cubed 0.95 on this file; the floors leave room for retraining.
    assert scores.precision >= 0.78
    assert scores.recall >= 0.75
    assert evaluate.bcubed(clusters, truth).f1 >= 0.9


def test_every_input_record_is_in_the_clusters_exactly_once_in_input_order(linked):
    records, out = linked
    rows = read(out / "clusters.csv")
    assert [row["record_id"] for row in rows] == [r["record_id"] for r in records]


def test_pairs_are_highest_first_and_at_or_above_the_threshold(linked):
    _records, out = linked
    probabilities = [float(row["match_probability"]) for row in read(out / "pairs.csv")]
    assert probabilities == sorted(probabilities, reverse=True)
    assert probabilities and min(probabilities) >= 0.5


def test_a_higher_threshold_gives_fewer_pairs(linked, tmp_path):
    _records, out = linked
    source = out.parent / "people.csv"
    assert cli.main([str(source), "--out", str(tmp_path), "--threshold", "0.999", "--quiet"]) == 0
    assert len(read(tmp_path / "pairs.csv")) < len(read(out / "pairs.csv"))


def test_unknown_columns_are_ignored_and_urdu_names_link(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "record_id,full_name,phone,district,notes\n"
        "a,محمد عمران ولد عبدالغفور,0300-1234567,لاہور,x\n"
        "b,M. Imran s/o Abdul Ghafoor,+92 300 1234567,Lahore,y\n"
        "c,Fatima Bibi d/o Aslam,0321-7654321,Quetta,z\n",
        encoding="utf-8",
    )
    assert cli.main([str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    clusters = {
        row["record_id"]: row["cluster_id"] for row in read(tmp_path / "out" / "clusters.csv")
    }
    assert clusters["a"] == clusters["b"] != clusters["c"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("record_id,full_name\n1,Ali\n2,Ali,extra\n", "line 3: 3 fields"),
        ("record_id,birth_date\n1,1990-01-01\n2,01/02/1990\n", "line 3: birth_date must be"),
        ("record_id,full_name\n1,Ali\n1,Hassan\n", "line 3: record_id '1' repeats line 2"),
        ("full_name\nAli\n", "line 1: no record_id column"),
        ('record_id,full_name\n1,"Ali\n', "line 2"),
        ("", "the file is empty"),
    ],
)
def test_a_malformed_file_names_the_line_and_writes_nothing(tmp_path, capsys, content, message):
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    assert cli.main([str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_utf8_is_refused(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_bytes("record_id,full_name\n1,Al\xed\n".encode("latin-1"))
    assert cli.main([str(source), "--out", str(tmp_path / "out")]) == 1
    assert "not UTF-8" in capsys.readouterr().err


def test_rahai_link_runs_without_keys_or_a_database(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("record_id,full_name\n1,Ali Raza\n2,Ali Raza\n", encoding="utf-8")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RAHAI_", "DJANGO_", "DATABASE"))
    }
    env.update(RAHAI_ENV_FILE=str(tmp_path / "missing.env"), RAHAI_VAR_DIR=str(tmp_path / "var"))
    done = subprocess.run(
        [sys.executable, "-m", "rahai.cli", "link", str(source), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "rahai link: wrote" in done.stderr
    assert not (tmp_path / "var").exists()  # no settings were loaded, no database made
