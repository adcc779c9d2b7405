"""Code outside the access modules must not query the protected models directly.

Like Zulip's lint rule for ``access_message``: views, API, exports and jobs fetch cases and
persons through ``rahai.cases.access`` and ``rahai.people.access`` (or through related managers
of an object those returned), so one place decides every read and write.
"""

import ast
from pathlib import Path

PROTECTED = {
    "Case",
    "CaseRole",
    "CaseShare",
    "Event",
    "Note",
    "Person",
    "Contact",
    "ContactMessage",
    "Attachment",
    "Consent",
    "Referral",
    "ReferralEvent",
    "CaseTransfer",
    "ImportMapping",
    "ImportBatch",
    "ImportedRecord",
    "SupportPlan",
    "PlannedService",
    "FollowUp",
    "ClosureCheck",
    "Committee",
    "CommitteeMember",
    "CommitteeMeeting",
    "AgendaItem",
    "MeetingAttendance",
    "CommitteeDecision",
    "CommitteeAction",
    "CommitteeActionUpdate",
    "Charge",
    "Hearing",
}
MANAGER_ATTRS = {"objects", "_default_manager", "_base_manager"}
ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"access.py", "testing.py", "conftest.py"}


def offending_lines(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGER_ATTRS
            and isinstance(node.value, ast.Name)
            and node.value.id in PROTECTED
        ):
            found.append(
                f"{path.relative_to(ROOT.parent)}:{node.lineno}: {node.value.id}.{node.attr}"
            )
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {"raw", "extra"}:
            found.append(
                f"{path.relative_to(ROOT.parent)}:{node.lineno}: .{node.func.attr}() query"
            )
    return found


def python_sources():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if "migrations" in parts or "tests" in parts or path.name in ALLOWED:
            continue
        yield path


def test_no_code_queries_protected_models_around_the_access_layer():
    offences = [line for path in python_sources() for line in offending_lines(path)]
    assert offences == [], "Use rahai.cases.access / rahai.people.access instead:\n" + "\n".join(
        offences
    )


def test_the_check_catches_a_direct_query(tmp_path):
    sample = ROOT / "core" / "_sample_direct_query.py"
    try:
        sample.write_text(
            "from rahai.cases.models import Case\nCase.objects.all()\n", encoding="utf-8"
        )
        assert offending_lines(sample) == ["rahai/core/_sample_direct_query.py:2: Case.objects"]
    finally:
        sample.unlink()
