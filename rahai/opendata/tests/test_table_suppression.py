"""Suppressed table cells cannot be recovered from the other cells and the totals.

The attacker here knows every published cell, row total, column total and the grand total,
and that counts are whole numbers of at least zero. Two attacks are tried: the obvious one
(a row or column with one unknown left gives it away, repeated until nothing changes) and
linear algebra (a cell is determined when it is a combination of the published equations).
A third check builds, for every suppressed cell, a different table that is consistent with
everything published — so the cell is not unique.
"""

from collections import Counter

import numpy as np

from rahai.opendata import release as r


def equations(table):
    """Every published relation as (coefficients over all cells, 0): rows and columns sum to
    their totals, the totals sum to the grand total."""
    n_rows, n_cols = table.values.shape
    rows = []
    for i in range(n_rows):
        eq = np.zeros((n_rows, n_cols))
        eq[i, : n_cols - 1] = 1
        eq[i, n_cols - 1] = -1
        rows.append(eq.ravel())
    for j in range(n_cols):
        eq = np.zeros((n_rows, n_cols))
        eq[: n_rows - 1, j] = 1
        eq[n_rows - 1, j] = -1
        rows.append(eq.ravel())
    return np.array(rows)


def naive_attack(table) -> set[tuple[int, int]]:
    """Fill in any row or column with exactly one unknown, until stuck."""
    known = table.status == r.PUBLISHED
    values = np.where(known, table.values, 0).astype(float)
    recovered = set()
    n_rows, n_cols = values.shape
    changed = True
    while changed:
        changed = False
        lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
        for line in lines:
            unknown = [cell for cell in line if not known[cell]]
            if len(unknown) != 1:
                continue
            *parts, total = line
            cell = unknown[0]
            if cell == total:
                value = sum(values[c] for c in parts)
            else:
                value = values[total] - sum(values[c] for c in parts if c != cell)
            values[cell] = value
            known[cell] = True
            recovered.add(cell)
            changed = True
    return recovered


def determined_by_algebra(table) -> set[tuple[int, int]]:
    a = equations(table)
    unknown = [tuple(map(int, c)) for c in np.argwhere(table.status != r.PUBLISHED)]
    n_cols = table.values.shape[1]
    idx = [i * n_cols + j for i, j in unknown]
    sub = a[:, idx]
    rank = np.linalg.matrix_rank(sub) if len(idx) else 0
    found = set()
    for position, cell in enumerate(unknown):
        unit = np.zeros(len(idx))
        unit[position] = 1
        # The cell's value follows from the equations iff e_cell is in the row space.
        if np.linalg.matrix_rank(np.vstack([sub, unit])) == rank:
            found.add(cell)
    return found


def alternative_exists(table, cell) -> bool:
    """A different table of whole, non-negative numbers matching every published number:
    move one victim around a cycle of suppressed cells through ``cell``."""
    a = equations(table)
    values = table.values.astype(np.int64)
    cells = {tuple(map(int, c)) for c in np.argwhere(table.status != r.PUBLISHED)}
    start, goal = ("c", cell[1]), ("r", cell[0])
    # Breadth-first search for a path of suppressed cells from the cell's column back to its
    # row, not using the cell itself; with the cell it closes an even cycle.
    previous = {start: None}
    queue = [start]
    while queue and goal not in previous:
        node = queue.pop(0)
        kind, index = node
        for rr, cc in cells:
            if (rr, cc) == cell:
                continue
            if kind == "c" and cc == index and ("r", rr) not in previous:
                previous[("r", rr)] = (node, (rr, cc))
                queue.append(("r", rr))
            elif kind == "r" and rr == index and ("c", cc) not in previous:
                previous[("c", cc)] = (node, (rr, cc))
                queue.append(("c", cc))
    if goal not in previous:
        return False
    path, node = [], goal
    while previous[node] is not None:
        node, edge = previous[node]
        path.append(edge)
    cycle = [cell, *reversed(path)]
    last_row, last_col = values.shape[0] - 1, values.shape[1] - 1
    for sign in (1, -1):
        changed = values.copy()
        for k, (rr, cc) in enumerate(cycle):
            # A row or column total moves against its cells (it is their sum); the grand
            # total is the sum of totals, so it moves with the cells again.
            flip = -1 if (rr == last_row) != (cc == last_col) else 1
            changed[rr, cc] += sign * flip * (1 if k % 2 == 0 else -1)
        if (changed >= 0).all() and not (a @ changed.ravel()).any():
            return True
    return False


def assert_protected(table):
    suppressed = {tuple(map(int, c)) for c in np.argwhere(table.status != r.PUBLISHED)}
    assert not naive_attack(table) & suppressed
    assert not determined_by_algebra(table)
    for cell in suppressed:
        assert alternative_exists(table, cell), cell


def make(counts, rows=None, cols=None, threshold=11):
    rows = rows or sorted({key[0] for key in counts})
    cols = cols or sorted({key[1] for key in counts})
    table = r.make_table("t", ["row"], Counter(counts), rows, cols)
    return r.suppress(table, threshold)


def test_the_attacker_recovers_a_cell_when_only_primary_suppression_is_applied():
    table = r.make_table(
        "t",
        ["row"],
        Counter({(("a",), "F"): 3, (("a",), "M"): 40, (("b",), "F"): 50}),
        [("a",), ("b",)],
        ["F", "M"],
    )
    table.status = np.zeros(table.values.shape, dtype=np.int8)
    table.status[0, 0] = r.PRIMARY
    assert (0, 0) in naive_attack(table)
    assert (0, 0) in determined_by_algebra(table)


def test_a_single_small_cell_gets_complements_that_hide_it():
    table = make({(("a",), "F"): 3, (("a",), "M"): 40, (("b",), "F"): 50, (("b",), "M"): 60})
    assert table.primary == 1 and table.secondary >= 3
    assert_protected(table)


def test_a_small_row_total_is_suppressed_with_its_cells():
    table = make({(("a",), "F"): 2, (("a",), "M"): 3, (("b",), "F"): 50, (("b",), "M"): 60})
    assert table.status[0, 2] != r.PUBLISHED  # the row total 5
    assert_protected(table)


def test_a_lone_small_cell_in_an_otherwise_empty_row_is_hidden():
    # Row "a" holds one victim: its total equals the cell.
    table = make({(("a",), "F"): 1, (("b",), "F"): 30, (("b",), "M"): 45, (("c",), "M"): 40})
    assert_protected(table)
    assert table.status[0, 0] != r.PUBLISHED and table.status[0, 2] != r.PUBLISHED


def test_zero_cells_are_never_used_as_complements():
    table = make({(("a",), "F"): 4, (("a",), "M"): 0, (("b",), "F"): 30, (("b",), "M"): 45})
    assert (table.values[table.status == r.SECONDARY] > 0).all()
    assert_protected(table)


def test_random_tables_are_protected():
    rng = np.random.default_rng(5)
    for _ in range(40):
        n_rows, n_cols = rng.integers(2, 7), rng.integers(2, 5)
        counts = {}
        for i in range(n_rows):
            for j in range(n_cols):
                counts[((f"r{i}",), f"c{j}")] = int(
                    rng.choice(
                        [0, 1, 2, 5, 9, 12, 30, 80], p=[0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15]
                    )
                )
        table = make(
            counts,
            rows=[(f"r{i}",) for i in range(n_rows)],
            cols=[f"c{j}" for j in range(n_cols)],
        )
        assert_protected(table)
        primary = (table.values > 0) & (table.values < 11)
        assert (table.status[primary] != r.PUBLISHED).all()


def test_a_table_too_small_to_publish_shows_nothing_but_zeros():
    table = make({(("a",), "F"): 3, (("b",), "M"): 4})
    assert (table.values[table.status == r.PUBLISHED] == 0).all()
    assert_protected(table)


def test_published_tables_mark_suppressed_cells_without_saying_which_are_primary():
    table = make({(("a",), "F"): 3, (("a",), "M"): 40, (("b",), "F"): 50, (("b",), "M"): 60})
    rows = table.published()
    assert rows[0] == ["row", "F", "M", "Total"]
    assert rows[1][1] == "x"
    assert all(cell == "x" or cell.isdigit() for line in rows[1:] for cell in line[1:])
