#!/usr/bin/env python3
"""Keeps Caseboard's layers: reads every `crate::…`, `super::…` and `self::…` path (in `use`
items and in code) of the library under src/ and fails, naming each offender, when

* modules under src/app/ import each other in a circle;
* src/app/state imports a view (app::results, app::editors, app::storage, app::widgets);
* src/model imports formats, explain, wire, worker or app, or a web crate;
* src/formats imports anything of the crate but model, or a web crate;
* src/explain imports the browser edges of wire (js, intl), worker or app; the protocol's pure
  types (wire::protocol, texts, value) import explain, worker or app;
* a function in src/app is longer than 120 lines (from its `fn` line to its closing brace).

A module is a file (src/app/state/mod.rs is `app::state`); a path names the longest module it
starts with. Comments and string literals are skipped. Usage: tools/check-layers.py [SRC_DIR]
"""

import os
import re
import sys

MAX_FN_LINES = 120
WEB_CRATES = {
    "leptos",
    "leptos_dom",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "gloo_storage",
    "gloo_timers",
    "gloo_utils",
    "charming",
    "serde_wasm_bindgen",
    "rlsf",
    "console_error_panic_hook",
}
VIEWS = ["app::results", "app::editors", "app::storage", "app::widgets"]
# (layer, what it must not import, why)
FORBIDDEN = [
    ("model", ["formats", "explain", "wire", "worker", "app"], "the domain imports no other layer"),
    # The protocol's types (wire::protocol, texts, value) are pure data below the words; the
    # browser edges wire::js and wire::intl (Intl.NumberFormat) sit above them.
    ("explain", ["wire::js", "wire::intl", "worker", "app"], "explanations import no browser code, worker or page"),
    ("wire::protocol", ["explain", "worker", "app"], "the protocol's types import no words, worker or page"),
    ("wire::texts", ["explain", "worker", "app"], "the protocol's types import no words, worker or page"),
    ("wire::value", ["explain", "worker", "app"], "the protocol's types import no words, worker or page"),
    ("app::state", VIEWS, "state depends on no view"),
]


def strip(text):
    """The code with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        prev = text[i - 1] if i > 0 else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif c in "rb" and not (prev.isalnum() or prev == "_"):
            m = re.match(r'(br|r|b)(#*)"', text[i:])
            if m and "r" in m.group(1):
                end = '"' + m.group(2)
                j = text.find(end, i + m.end())
                j = n if j < 0 else j + len(end)
                out.append('""' + blank(text[i + 2 : j]))
                i = j
            elif m:  # b"…"
                out.append("b")
                i += 1
            else:
                out.append(c)
                i += 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('"' + blank(text[i + 1 : j]) + '"')
            i = j + 1
        elif c == "'":
            if nxt == "\\":
                j = text.find("'", i + 3)
                j = n if j < 0 else j
                out.append("' '" + blank(text[i + 3 : j]))
                i = j + 1
            elif i + 2 < n and text[i + 2] == "'":
                out.append("' '")
                i += 3
            else:  # a lifetime
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def file_module(path, src):
    rel = os.path.relpath(path, src)[: -len(".rs")].split(os.sep)
    if rel[-1] in ("mod", "lib"):
        rel = rel[:-1]
    return tuple(rel)


def use_paths(tree):
    """The full paths of a `use` tree such as `crate::a::{b, c::{self, D}}`."""
    tree = re.sub(r"\s+as\s+\w+", "", tree)
    tree = re.sub(r"\s+", "", tree)

    def expand(prefix, t):
        t = t.strip()
        if not t:
            return []
        brace = t.find("{")
        if brace < 0:
            parts = [p for p in t.split("::") if p]
            if parts and parts[-1] == "self":
                parts = parts[:-1]
            return [prefix + parts]
        head = [p for p in t[:brace].split("::") if p]
        inner = t[brace + 1 : t.rfind("}")]
        items, depth, cur = [], 0, ""
        for ch in inner:
            if ch == "," and depth == 0:
                items.append(cur)
                cur = ""
                continue
            depth += ch == "{"
            depth -= ch == "}"
            cur += ch
        items.append(cur)
        return [p for item in items for p in expand(prefix + head, item)]

    return expand([], tree)


def line_of(code, pos):
    return code.count("\n", 0, pos) + 1


def inline_module_at(code, pos, base):
    """The module path at `pos`: the file's module and the inline `mod x { … }` around it."""
    stack = []
    for m in re.finditer(r"\bmod\s+(\w+)\s*\{", code[:pos]):
        start = m.end() - 1
        depth, j = 0, start
        while j < len(code):
            depth += code[j] == "{"
            depth -= code[j] == "}"
            if depth == 0:
                break
            j += 1
        if start < pos <= j:
            stack.append(m.group(1))
    return base + tuple(stack)


def resolve(parts, here, modules):
    """The module a path names (the longest known module it starts with), or an outside crate."""
    if not parts:
        return None
    head = parts[0]
    if head == "crate":
        full = list(parts[1:])
    elif head in ("super", "self"):
        cur = list(here)
        k = 0
        while k < len(parts) and parts[k] in ("super", "self"):
            if parts[k] == "super":
                cur = cur[:-1]
            k += 1
        full = cur + list(parts[k:])
    else:
        return ("extern", head)
    for k in range(len(full), -1, -1):
        if tuple(full[:k]) in modules:
            return ("crate", tuple(full[:k]))
    return None


def imports(path, src, modules):
    """(target, line, kind) for every crate-relative path and outside crate named in the file."""
    text = open(path, encoding="utf-8").read()
    code = strip(text)
    base = file_module(path, src)
    found = []
    spans = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        spans.append((m.start(), m.end()))
        here = inline_module_at(code, m.start(), base)
        for parts in use_paths(m.group(1)):
            parts = [p for p in parts if p]
            if parts and parts[0] == "":
                parts = parts[1:]
            r = resolve(parts, here, modules)
            if r:
                found.append((r, line_of(code, m.start())))
    inside = lambda p: any(a <= p < b for a, b in spans)
    for m in re.finditer(r"(?<![\w:])((?:crate|super|self|[a-z_][a-z0-9_]*)(?:::\w+)+)", code):
        if inside(m.start()):
            continue
        parts = m.group(1).split("::")
        if parts[0] not in ("crate", "super", "self") and parts[0] not in WEB_CRATES:
            continue
        here = inline_module_at(code, m.start(), base)
        r = resolve(parts, here, modules)
        if r:
            found.append((r, line_of(code, m.start())))
    return found, code


def under(mod, prefix):
    p = tuple(prefix.split("::"))
    return mod[: len(p)] == p


def long_functions(path, code):
    out = []
    for m in re.finditer(r"\bfn\s+(\w+)", code):
        j, depth = m.end(), 0
        while j < len(code):
            ch = code[j]
            if ch in "([<":
                depth += 1
            elif ch in ")]>":
                if ch == ">" and code[j - 1] == "-":
                    pass
                else:
                    depth -= 1
            elif ch == ";" and depth <= 0:
                j = -1
                break
            elif ch == "{" and depth <= 0:
                break
            j += 1
        if j < 0 or j >= len(code):
            continue
        k, braces = j, 0
        while k < len(code):
            braces += code[k] == "{"
            braces -= code[k] == "}"
            if braces == 0:
                break
            k += 1
        first, last = line_of(code, m.start()), line_of(code, k)
        out.append((last - first + 1, m.group(1), first))
    return out


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan), each with a cycle."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    result = []
    for comp in comps:
        members = set(comp)
        # A shortest cycle through the first module, by breadth-first search.
        start = comp[0]
        prev, queue, found = {start: None}, [start], None
        while queue and found is None:
            v = queue.pop(0)
            for w in sorted(graph.get(v, ())):
                if w == start:
                    found = v
                    break
                if w in members and w not in prev:
                    prev[w] = v
                    queue.append(w)
        path = [start]
        v = found
        while v is not None and v != start:
            path.insert(1, v)
            v = prev[v]
        result.append((comp, path + [start]))
    return result


def check(src):
    """Prints every offender under `src`; returns how many there are."""
    files = []
    for root, _, names in os.walk(src):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            # The binaries are crates of their own (they use the library by its name).
            if name.endswith(".rs") and rel != "main.rs" and not rel.startswith("bin" + os.sep):
                files.append(path)
    files.sort()
    modules = {file_module(p, src) for p in files}
    name = lambda m: "::".join(m) or "crate"
    offenders = []
    graph, where = {}, {}
    edges = 0
    for path in files:
        mod = file_module(path, src)
        rel = os.path.relpath(path, os.path.dirname(src))
        found, code = imports(path, src, modules)
        for (kind, target), line in found:
            if kind == "extern":
                if target in WEB_CRATES and (under(mod, "model") or under(mod, "formats")):
                    offenders.append(f"{rel}:{line}: {name(mod)} uses the web crate {target} ({mod[0]} is pure Rust)")
                continue
            if target == mod or target == ():
                continue
            edges += 1
            graph.setdefault(mod, set()).add(target)
            where.setdefault((mod, target), f"{rel}:{line}")
            for layer, banned, why in FORBIDDEN:
                if under(mod, layer) and any(under(target, b) for b in banned):
                    offenders.append(f"{rel}:{line}: {name(mod)} imports {name(target)} ({why})")
            if under(mod, "formats") and not (under(target, "model") or under(target, "formats")):
                offenders.append(f"{rel}:{line}: {name(mod)} imports {name(target)} (formats import only model)")
        if under(mod, "app"):
            for length, fn, line in long_functions(path, code):
                if length > MAX_FN_LINES:
                    offenders.append(f"{rel}:{line}: fn {fn} is {length} lines (at most {MAX_FN_LINES} in app)")
    app_graph = {
        v: {w for w in ws if under(w, "app")} for v, ws in graph.items() if under(v, "app")
    }
    for comp, path in cycles(app_graph):
        steps = " -> ".join(name(m) for m in path)
        at = ", ".join(where[(a, b)] for a, b in zip(path, path[1:]))
        offenders.append(f"import circle: {steps} (at {at}); the circle holds {', '.join(name(m) for m in comp)}")
    # Duplicate lines (one import line naming a banned module twice) are said once.
    seen = []
    for o in offenders:
        if o not in seen:
            seen.append(o)
    for o in seen:
        print(o)
    if seen:
        print(f"layers: {len(seen)} offender(s) in {len(files)} files")
    else:
        print(f"layers: ok ({len(files)} files, {edges} imports between modules, no circle in app, no function over {MAX_FN_LINES} lines in app)")
    return len(seen)


# A small crate with one offender of each kind (and look-alikes that are not offenders): the
# check must name each, or it is not checking anything.
SAMPLE = {
    "lib.rs": "pub mod model; pub mod formats; pub mod explain; pub mod app;",
    "model/mod.rs": 'use leptos::prelude::*;\nconst S: &str = "crate::app::shell // web_sys::x";\n',
    "formats/mod.rs": "use crate::model::Scenario;\nuse crate::explain::words as w;\n",
    "explain/mod.rs": "use crate::model::{self, Scenario};\npub fn f() { crate::app::b::g(); }\n",
    "app/mod.rs": "pub mod state; pub mod a; pub mod b; pub mod widgets;",
    "app/a.rs": "use super::{b::{self, G}, widgets};\n",
    "app/b.rs": "use crate::app::{a as other};\nfn long() {\n" + "    let _ = '{';\n" * 120 + "}\n",
    "app/widgets.rs": "#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    "app/state/mod.rs": "mod doc;\nuse crate::app::state::doc::Doc;\n",
    "app/state/doc.rs": "pub struct Doc;\nfn f() { let _ = crate::app::widgets::X; }\n",
}
EXPECTED = [
    "model uses the web crate leptos",
    "formats imports explain (formats import only model)",
    "explain imports app::b",
    "import circle: app::a -> app::b -> app::a",
    "fn long is 122 lines",
    "app::state::doc imports app::widgets (state depends on no view)",
]


def self_test():
    import tempfile
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in SAMPLE.items():
            path = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            n = check(tmp)
    said = out.getvalue()
    missing = [e for e in EXPECTED if e not in said]
    if missing or n != len(EXPECTED):
        print(said, end="")
        print(f"check-layers self-test failed: expected {len(EXPECTED)} offenders, found {n}; not found: {missing}")
        return False
    return True


def main():
    if not self_test():
        return 2
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    return 1 if check(os.path.normpath(src)) else 0


if __name__ == "__main__":
    sys.exit(main())
