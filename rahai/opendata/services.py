"""Publishing an open data release: one audited system read, the pure release, atomic output."""

from __future__ import annotations

from pathlib import Path

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.opendata import selectors
from rahai.opendata.output import write_release
from rahai.opendata.release import MIN_K, Release, build_release, period_label


def release_publish(
    *,
    years,
    out_dir,
    k: int = MIN_K,
    threshold: int | None = None,
    max_suppression: float = 0.05,
    allow_district: bool = False,
    allow_k_below_minimum: bool = False,
    overwrite: bool = False,
    actor=None,
    actor_label: str = "rahai release",
) -> tuple[Path, Release]:
    """Read the victims registered in ``years``, anonymise, write to ``out_dir``; one audit
    entry records the read, the parameters and the outcome, whether or not it succeeded."""
    if k < MIN_K and not allow_k_below_minimum:
        raise ValueError(f"k must be at least {MIN_K} unless explicitly overridden")
    years = sorted(set(int(y) for y in years))
    rows, excluded = selectors.victim_rows(years=years)
    details: dict = {
        "purpose": selectors.PURPOSE,
        "years": years,
        "k": k,
        "records_read": len(rows) + sum(excluded.values()),
        "outcome": "failed",
    }
    try:
        release = build_release(
            rows,
            years=years,
            k=k,
            threshold=threshold,
            max_suppression=max_suppression,
            allow_district=allow_district,
            allow_k_below_minimum=allow_k_below_minimum,
            excluded=excluded,
        )
        summary = release.summary()
        details.update(
            {
                "k_achieved": summary["k_achieved"],
                "records_released": summary["records_released"],
                "records_suppressed": summary["records_suppressed"],
                "generalisation": summary["generalisation"],
            }
        )
        path = write_release(release, out_dir, overwrite=overwrite)
        details["outcome"] = "written"
        details["out"] = str(path)
    finally:
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action=AuditAction.SYSTEM,
            object_type="open_data_release",
            object_id=period_label(years),
            details=details,
        )
    return path, release
