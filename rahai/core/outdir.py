"""Writing a directory of output files (a release, a report) all at once or not at all.

The files are written into a hidden temporary directory beside the target, which replaces the
target only when everything is written: a failure half-way leaves no partial output, and a
reader never sees a half-written directory.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _


@contextmanager
def atomic_output_dir(
    out_dir: str | os.PathLike,
    *,
    overwrite: bool = False,
    private: bool = False,
    error: type[Exception] = FileExistsError,
) -> Iterator[Path]:
    """Yield a temporary directory to write into; on success it becomes ``out_dir``.

    A non-empty ``out_dir`` is refused with ``error`` unless ``overwrite``. ``private`` makes
    the files readable by the owner's group only (for reports that are for official use)."""
    out = Path(out_dir).resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not overwrite)):
        raise error(
            _("%(path)s already exists and is not empty; choose another directory.") % {"path": out}
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    dir_mode, file_mode = (0o750, 0o640) if private else (0o755, 0o644)
    try:
        yield tmp
        for path in tmp.rglob("*"):
            path.chmod(dir_mode if path.is_dir() else file_mode)
        tmp.chmod(dir_mode)
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
