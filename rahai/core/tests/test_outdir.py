"""Output directories appear whole or not at all."""

import pytest

from rahai.core.outdir import atomic_output_dir


def test_the_directory_appears_only_when_everything_is_written(tmp_path):
    out = tmp_path / "release"
    with atomic_output_dir(out) as tmp:
        (tmp / "a.csv").write_text("x")
        assert not out.exists()
    assert (out / "a.csv").read_text() == "x"


def test_a_failure_leaves_nothing_behind(tmp_path):
    out = tmp_path / "release"
    with pytest.raises(RuntimeError), atomic_output_dir(out) as tmp:
        (tmp / "a.csv").write_text("x")
        raise RuntimeError("disk full")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_non_empty_directory_is_refused_unless_overwritten(tmp_path):
    out = tmp_path / "release"
    out.mkdir()
    (out / "old.csv").write_text("old")
    with pytest.raises(FileExistsError), atomic_output_dir(out):
        pass
    with atomic_output_dir(out, overwrite=True, private=True) as tmp:
        (tmp / "new.csv").write_text("new")
    assert [p.name for p in out.iterdir()] == ["new.csv"]
    assert (out.stat().st_mode & 0o777) == 0o750
