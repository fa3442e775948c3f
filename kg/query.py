"""SPARQL over the store (the union of all named graphs is the default graph), with results as a
terminal table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import os

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import open_store, store_path
from kg.vocab import PREFIXES

__all__ = ["RESULT_FORMATS", "query", "run_query", "format_results"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
# "xml" is not offered by ``kg query`` but is by the SPARQL endpoint (kg.serve), which reuses
# format_results
_SOLUTION_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                     "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}


def run_query(store: ox.Store, sparql: str, source: str = "query"):
    """Evaluate ``sparql`` on ``store``; a syntax error becomes a one-line :class:`KgError`."""
    try:
        return store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid SPARQL"
        raise KgError(f"invalid SPARQL: {message}", source=source) from None
    except (OSError, ValueError) as exc:
        raise KgError(f"query failed: {exc}", source=source) from None


def query(sparql: str, store: str | os.PathLike[str] | None = None, fmt: str = "table",
          source: str = "query") -> bytes:
    """Run a SPARQL query over the store at ``store`` and format its results.

    SELECT and ASK results come as ``fmt`` (table, csv, tsv, json); CONSTRUCT and DESCRIBE
    results as Turtle.
    """
    if fmt not in RESULT_FORMATS:
        raise KgError(f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")
    db = open_store(store_path(store))
    if db is None:
        db = ox.Store()  # an empty store still answers, and still rejects bad SPARQL
    return format_results(run_query(db, sparql, source), fmt)


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def format_results(results, fmt: str) -> bytes:
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return (("true" if bool(results) else "false") + "\n").encode()
        return results.serialize(format=_SOLUTION_FORMATS[fmt])
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(list(results), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if fmt != "table":
        return results.serialize(format=_SOLUTION_FORMATS[fmt])
    columns = [v.value for v in results.variables]
    rows = [[_short(solution[c]) for c in columns] for solution in results]
    return render_table(columns, rows).encode()


def render_table(columns: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain text table with a header rule; long cells are cut with an ellipsis."""
    def cut(cell: str) -> str:
        cell = " ".join(cell.split())
        return cell if len(cell) <= max_width else cell[: max_width - 1] + "…"
    cells = [[cut(c) for c in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
