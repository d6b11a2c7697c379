#!/usr/bin/env python3
"""Recalculate every formula of an .xlsx workbook with an independent engine; print JSON.

    .venv-recalc/bin/python tools/recalc_xlsx.py FILE.xlsx > values.json

(`bash tools/recalc-setup.sh` makes .venv-recalc from tools/requirements-recalc.txt.)

Prints {"Sheet name": {"B5": value, ...}, ...}: for every worksheet (in workbook order)
the value of EVERY formula cell (row by row), computed from the formulas alone; cached
results in the file (rust_xlsxwriter stores 0 or Caseboard's own figure) are ignored.
Values: numbers as floats, text as strings, booleans as true/false, Excel errors as
strings such as "#DIV/0!" or "#NUM!" (a non-finite number is reported as "#NUM!"); a
formula that yields an empty cell (e.g. =A1 with A1 empty) gives 0.0, as in Excel.

The engine is the `formulas` package (PyPI), which never looks at the cached values.

Exit status: 0 on success; 2 if the file cannot be opened as a workbook (it is opened
with openpyxl first); 3 if a formula cannot be evaluated: a function the engine does
not implement (e.g. OFFSET, INDIRECT, SEQUENCE), a name that is not defined, a formula
that does not parse, a #NAME? result, or a formula cell the engine gave no value for. Errors go to stderr, one "recalc_xlsx: error: ..." line first.

How: the workbook is first copied (with openpyxl) to a temporary file whose sheets are
renamed to plain names and whose formulas' sheet references are rewritten to match,
because `formulas` mishandles sheet names with apostrophes and file names with brackets;
results are mapped back to the original sheet names.
"""

import argparse
import math
import os
import re
import sys
import tempfile

os.environ.setdefault("TQDM_DISABLE", "1")  # `formulas` shows tqdm progress bars otherwise

EXIT_OPEN = 2
EXIT_EVAL = 3

# Function-like names the parser handles itself (not in get_functions()).
SPECIAL_FUNCTIONS = {"LET", "LAMBDA", "_XLFN.LET", "_XLFN.LAMBDA"}
PREFIXES = ("_XLFN._XLWS.", "_XLFN.", "_XLWS.")
# A1, $A$1, A1:B2, A:A, 1:1 (without a sheet).
CELL_RANGE = re.compile(
    r"^(\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+)$",
    re.IGNORECASE,
)


class RecalcError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def fail(code, message):
    raise RecalcError(code, message)


def load(path):
    """Open `path` with openpyxl (formulas, not cached values); fail if it is no workbook."""
    if not os.path.isfile(path):
        fail(EXIT_OPEN, f"cannot open {path!r}: no such file")
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, data_only=False)
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors...
        fail(EXIT_OPEN, f"cannot open {path!r} as an .xlsx workbook: {type(e).__name__}: {e}")
    if not wb.worksheets:
        fail(EXIT_OPEN, f"{path!r} has no worksheets")
    return wb


def formula_text(cell):
    """The formula of a formula cell ('=...'), or None."""
    if cell.data_type != "f":
        return None
    v = cell.value
    text = getattr(v, "text", v)  # ArrayFormula keeps its text in .text
    if not isinstance(text, str):
        return None
    return text if text.startswith("=") else "=" + text


def split_sheet(ref):
    """'Cash flow 1'!B4 -> ("Cash flow 1", "B4"); B4 -> (None, "B4")."""
    if "!" not in ref:
        return None, ref
    sheet, _, rest = ref.rpartition("!")
    if len(sheet) >= 2 and sheet[0] == "'" and sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, rest


def rewrite(formula, rename, functions, names, where, unknown):
    """Rewrite sheet references in `formula` by `rename`.

    Notes in `unknown` each function not in `functions` and each name that is neither a
    cell reference nor in `names` (the defined names, upper case), with where it is used.
    """
    from openpyxl.formula.tokenizer import Token, Tokenizer

    try:
        tok = Tokenizer(formula)
    except Exception as e:
        fail(EXIT_EVAL, f"{where}: cannot parse formula {formula!r}: {e}")
    # LET and LAMBDA bind names of their own: leave those to the #NAME? check after evaluation.
    binds = any(
        t.type == Token.FUNC and t.subtype == Token.OPEN and t.value[:-1].upper() in SPECIAL_FUNCTIONS
        for t in tok.items
    )
    for t in tok.items:
        if t.type == Token.FUNC and t.subtype == Token.OPEN:
            name = t.value[:-1].upper()
            bare = name
            for p in PREFIXES:
                if bare.startswith(p):
                    bare = bare[len(p):]
                    break
            if not (name in functions or bare in functions or name in SPECIAL_FUNCTIONS):
                unknown.setdefault(name, []).append(where)
        elif t.type == Token.OPERAND and t.subtype == Token.RANGE:
            # A range may be Sheet!A1, 'Sheet'!A1:B2 or (rarely) Sheet!A1:Sheet!B2.
            parts = t.value.split(":") if t.value.count("!") > 1 else [t.value]
            out = []
            for part in parts:
                sheet, rest = split_sheet(part)
                if not (binds or CELL_RANGE.match(rest) or rest.upper() in names):
                    unknown.setdefault(f"name {rest}", []).append(where)
                if sheet is not None and sheet in rename:
                    part = f"'{rename[sheet]}'!{rest}"
                out.append(part)
            t.value = ":".join(out)
    return tok.render()


def engine_functions():
    import formulas

    return set(formulas.get_functions())


def neutral_copy(wb, tmpdir):
    """Rename the sheets of `wb` to Sh_1..Sh_n, rewrite every formula to match, save a copy.

    Returns (path of the copy, [(original sheet, neutral sheet, [(coordinate, formula)])]).
    """
    functions = engine_functions()
    names = [ws.title for ws in wb.worksheets]
    neutral = {name: f"Sh_{i + 1}" for i, name in enumerate(names)}
    # Case-insensitive, like Excel: 'cash flow 1'!B4 names the sheet 'Cash flow 1'.
    lookup = _CaseInsensitive(neutral)

    # Defined names may point at sheets too.
    try:
        defined = list(wb.defined_names.values())
    except AttributeError:  # openpyxl < 3.1
        defined = list(getattr(wb.defined_names, "definedName", []))
    for ws in wb.worksheets:
        defined.extend(getattr(ws, "defined_names", {}).values())
    defined_names = {dn.name.upper() for dn in defined}

    unknown = {}
    plan = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                f = formula_text(c)
                if f is None:
                    continue
                where = f"'{ws.title}'!{c.coordinate}"
                new = rewrite(f, lookup, functions, defined_names, where, unknown)
                if hasattr(c.value, "text"):
                    c.value.text = new
                else:
                    c.value = new
                cells.append((c.coordinate, f))
        plan.append((ws.title, neutral[ws.title], cells))
    if unknown:
        lines = [
            f"  {name}: {len(at)} cell(s), e.g. {', '.join(at[:3])}"
            for name, at in sorted(unknown.items())
        ]
        fail(EXIT_EVAL, "unsupported function(s) or unknown name(s), which the engine cannot "
             "evaluate:\n" + "\n".join(lines))

    for dn in defined:
        text = dn.attr_text
        if text:
            new = rewrite("=" + text, lookup, functions, defined_names, f"defined name {dn.name}", {})
            dn.attr_text = new[1:] if new.startswith("=") else new

    # Two steps, so no new name ever clashes with an old one (openpyxl would renumber it).
    for i, ws in enumerate(wb.worksheets):
        ws.title = f"RECALC_TMP_{i}_{id(ws)}"
    for ws, name in zip(wb.worksheets, names):
        ws.title = neutral[name]
    path = os.path.join(tmpdir, "book.xlsx")
    wb.save(path)
    return path, plan


class _CaseInsensitive(dict):
    """A sheet-name map that also matches names case-insensitively."""

    def __init__(self, m):
        super().__init__(m)
        self._folded = {}
        for k, v in m.items():
            self._folded.setdefault(k.casefold(), v)

    def __contains__(self, k):
        return dict.__contains__(self, k) or k.casefold() in self._folded

    def __getitem__(self, k):
        if dict.__contains__(self, k):
            return dict.__getitem__(self, k)
        return self._folded[k.casefold()]


def to_json_value(v):
    """An engine result (1x1 array, scalar, XlError, EMPTY) as a JSON-able value."""
    import numpy as np
    import schedula as sh
    from formulas.tokens.operand import XlError

    if isinstance(v, np.ndarray):
        if v.size == 0:
            return 0.0
        v = v.ravel()[0]
    if v is sh.EMPTY:
        return 0.0
    if isinstance(v, XlError):
        return str(v)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        return x if math.isfinite(x) else "#NUM!"
    if isinstance(v, str):
        return v
    raise ValueError(f"unexpected engine value {v!r} ({type(v).__name__})")


def recalc(path):
    """{sheet: {cell: value}} for every formula cell of the workbook at `path`."""
    wb = load(path)
    with tempfile.TemporaryDirectory(prefix="recalc-") as tmp:
        copy, plan = neutral_copy(wb, tmp)
        import formulas

        try:
            model = formulas.ExcelModel().loads(copy).finish()
            solution = model.calculate()
        except Exception as e:
            fail(EXIT_EVAL, f"the engine failed on {path!r}: {type(e).__name__}: {e}")
    book = os.path.basename(copy).upper()
    results = {}
    for k, v in solution.items():
        k = str(k)
        if k.startswith("'[") and "]" in k and "'!" in k:
            head, _, ref = k.rpartition("'!")
            fname, _, sheet = head[2:].partition("]")
            if fname.upper() == book:
                results[(sheet.upper(), ref.upper())] = v

    out, missing, names = {}, [], []
    for title, neutral, cells in plan:
        values = {}
        for coord, f in cells:
            where = f"'{title}'!{coord}"
            key = (neutral.upper(), coord.upper())
            if key not in results:
                missing.append(f"{where} {f}")
                continue
            try:
                value = to_json_value(results[key].value if hasattr(results[key], "value") else results[key])
            except ValueError as e:
                fail(EXIT_EVAL, f"{where} {f}: {e}")
            if value == "#NAME?":
                names.append(f"{where} {f}")
            values[coord] = value
        out[title] = values
    if missing:
        fail(EXIT_EVAL, f"the engine gave no value for {len(missing)} formula cell(s), e.g.:\n  "
             + "\n  ".join(missing[:10]))
    if names:
        fail(EXIT_EVAL, f"{len(names)} formula cell(s) gave #NAME? (an unknown name or an "
             "unimplemented function), e.g.:\n  " + "\n  ".join(names[:10]))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Recalculate every formula cell of an .xlsx and print the values as JSON.")
    ap.add_argument("file", help="the .xlsx workbook")
    ap.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    args = ap.parse_args(argv)
    import json

    try:
        out = recalc(args.file)
    except RecalcError as e:
        print(f"recalc_xlsx: error: {e}", file=sys.stderr)
        return e.code
    json.dump(out, sys.stdout, indent=args.indent, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
