import subprocess
import sys


def test_rahai_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "rahai.cli", "--help"], capture_output=True, text=True, check=True
    )
    for command in ["migrate", "demo", "audit", "keys", "serve", "load_reference"]:
        assert command in result.stdout


def test_rahai_setup_writes_keys_once(tmp_path, monkeypatch):
    from rahai.cli import setup_env

    assert setup_env(tmp_path) is True
    content = (tmp_path / "rahai.env").read_text()
    assert "RAHAI_DATA_KEYS=demo1:" in content
    assert (tmp_path / "rahai.env").stat().st_mode & 0o777 == 0o600
    assert setup_env(tmp_path) is False
    assert (tmp_path / "rahai.env").read_text() == content
