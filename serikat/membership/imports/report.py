"""The problems of an import as an xlsx workbook, for the officer who fixes the file.

Two sheets: "Problems" (errors, which skipped their row, and warnings, which kept it) and "Changes"
(every change made, or to be made, to a recorded member). Written row by row in XlsxWriter's
constant-memory mode, so a million problems take little memory.

Every text cell is written as text, and text that a spreadsheet could take for a formula
(starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe: the file's own
cells come back in messages, and a crafted cell must not become a formula in the officer's Excel
(CSV/formula injection, OWASP).
"""

from __future__ import annotations

from typing import IO, Any

import xlsxwriter
from django.utils.translation import gettext as _

from serikat.membership.imports.pipeline import CHANGE
from serikat.membership.models import ImportBatch, ImportProblem

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: Any) -> str:
    """Text that no spreadsheet will evaluate."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_problems_xlsx(batch: ImportBatch, target: str | IO[bytes]) -> None:
    """Write every problem and change of `batch`, in row order, to `target` (a path or a binary file)."""
    workbook = xlsxwriter.Workbook(
        target,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "in_memory": False},
    )
    bold = workbook.add_format({"bold": True})
    problems = workbook.add_worksheet(_("Problems")[:31])
    changes = workbook.add_worksheet(_("Changes")[:31])
    problem_headers = [_("Row"), _("Column"), _("Severity"), _("Code"), _("Problem")]
    change_headers = [_("Row"), _("Column"), _("Change")]
    for sheet, headers, widths in (
        (problems, problem_headers, (8, 24, 12, 24, 90)),
        (changes, change_headers, (8, 24, 60)),
    ):
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write_string(0, col, header, bold)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
    error, warning = _("error"), _("warning")
    next_problem = next_change = 1
    rows = (
        ImportProblem.objects.filter(batch=batch)
        .order_by("row", "id")
        .values_list("row", "column", "code", "message", "is_error")
        .iterator(chunk_size=5000)
    )
    for row, column, code, message, is_error in rows:
        if code == CHANGE:
            changes.write_number(next_change, 0, row)
            changes.write_string(next_change, 1, neutralised(column))
            changes.write_string(next_change, 2, neutralised(message))
            next_change += 1
        else:
            problems.write_number(next_problem, 0, row)
            problems.write_string(next_problem, 1, neutralised(column))
            problems.write_string(next_problem, 2, error if is_error else warning)
            problems.write_string(next_problem, 3, code)
            problems.write_string(next_problem, 4, neutralised(message))
            next_problem += 1
    problems.autofilter(0, 0, max(next_problem - 1, 1), len(problem_headers) - 1)
    workbook.close()
