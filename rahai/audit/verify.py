"""Checking the audit chain: every entry's digest, its link to the previous one, and the head."""

from __future__ import annotations

from dataclasses import dataclass

from rahai.audit.models import AuditEntry, AuditHead
from rahai.audit.services import GENESIS, entry_digest
from rahai.core.crypto import DecryptionError


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str  # altered | inserted | deleted | unreadable | head
    message: str


def verify_chain(*, batch_size: int = 2000) -> tuple[int, list[Problem]]:
    """Walk the whole chain in order; return the number of entries checked and any problems."""
    problems: list[Problem] = []
    expected_seq = 1
    prev_digest = GENESIS
    checked = 0
    last_seq = 0
    queryset = AuditEntry.objects.order_by("seq")
    start = 0
    while True:
        batch = list(queryset.filter(seq__gt=start)[:batch_size])
        if not batch:
            break
        for entry in batch:
            checked += 1
            if entry.seq > expected_seq:
                problems.append(
                    Problem(
                        expected_seq,
                        "deleted",
                        f"entries {expected_seq}..{entry.seq - 1} are missing (deleted)"
                        if entry.seq - 1 > expected_seq
                        else f"entry {expected_seq} is missing (deleted)",
                    )
                )
            try:
                digest = entry_digest(entry)
            except DecryptionError:
                problems.append(
                    Problem(
                        entry.seq,
                        "unreadable",
                        f"entry {entry.seq}: details fail authentication (altered)",
                    )
                )
                digest = None
            if digest is not None and digest != entry.digest:
                problems.append(
                    Problem(
                        entry.seq,
                        "altered",
                        f"entry {entry.seq} was altered: its digest does not match its content",
                    )
                )
            elif entry.prev_digest != prev_digest:
                problems.append(
                    Problem(
                        entry.seq,
                        "inserted",
                        f"entry {entry.seq} does not follow entry {entry.seq - 1} "
                        "(inserted or re-chained)",
                    )
                )
            prev_digest = entry.digest
            expected_seq = entry.seq + 1
            last_seq = entry.seq
        start = batch[-1].seq
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None:
        if head.seq > last_seq:
            problems.append(
                Problem(
                    last_seq + 1,
                    "deleted",
                    f"entries {last_seq + 1}..{head.seq} at the end of the log are missing (deleted)",
                )
            )
        elif head.seq < last_seq:
            problems.append(
                Problem(
                    head.seq + 1,
                    "inserted",
                    f"entries after {head.seq} were appended outside Rahai (inserted)",
                )
            )
        elif head.digest != prev_digest:
            problems.append(
                Problem(last_seq, "head", f"entry {last_seq} does not match the chain head")
            )
    return checked, problems
