"""The ``kg`` command: parses arguments and calls the library; nothing else lives here.

Exit codes follow pySHACL: 0 success (or conforms), 1 does not conform, 2 error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

_STORE = click.option("--store", "store", type=click.Path(), default=None,
                      envvar="KG_STORE", help="Store folder (default .kg/, env KG_STORE).")


class _Group(click.Group):
    """Turns every error into one line on stderr and exit code 2 — never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: {exc}", err=True)
            sys.exit(2)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - last line of defence for users
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"kg: internal error: {type(exc).__name__}: {exc} "
                       "(set KG_DEBUG=1 for details)", err=True)
            sys.exit(2)

    def main(self, *args, **kwargs):
        # usage errors too are one line ("kg: Invalid value for '--format': …"), exit code 2
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "kg"
            click.echo(f"{where}: {exc.format_message()} (see --help)", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg — a linked-data knowledge graph of armed-conflict events that keeps who said what."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path())
@_STORE
@click.option("--base-iri", envvar="KG_BASE_IRI", default=None,
              help="Base of instance IRIs (env KG_BASE_IRI).")
@click.option("--replace-all", is_flag=True, help="Drop every graph not rebuilt now.")
def build(sources: tuple[str, ...], store: str | None, base_iri: str | None,
          replace_all: bool) -> None:
    """Extract SOURCES (files or folders; default seeds/) into the store."""
    from kg.build import DEFAULT_SOURCES
    from kg.build import build as run_build

    report = run_build(sources or DEFAULT_SOURCES, store=store, base_iri=base_iri,
                       replace_all=replace_all)
    click.echo(f"built {report.documents} document(s), {report.triples} triples into "
               f"{report.store}", err=True)


@main.command()
@_STORE
@click.option("--format", "fmt", type=click.Choice(["text", "ttl"]), default="text",
              show_default=True, help="A readable report, or the W3C report graph in Turtle.")
def validate(store: str | None, fmt: str) -> None:
    """Check the store against the SHACL shapes; exit 1 when it does not conform."""
    from kg.validate import format_text
    from kg.validate import validate as run_validate

    outcome = run_validate(store)
    if fmt == "ttl":
        click.echo(outcome.report.serialize(format="turtle"), nl=False)
    else:
        click.echo(format_text(outcome), nl=False)
    sys.exit(0 if outcome.conforms else 1)


@main.command()
@_STORE
@click.option("--format", "fmt", type=click.Choice(["ttl", "jsonld", "nt", "nq", "trig"]),
              default="ttl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")
def export(store: str | None, fmt: str, output: str | None) -> None:
    """Export the whole graph (building seeds/ first when the store is empty)."""
    from kg.export import export as run_export

    data = run_export(fmt, store=store, output=output)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False), default=None,
              help="Read the query from FILE.")
@_STORE
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
def query(sparql: str | None, file: str | None, store: str | None, fmt: str) -> None:
    """Run a SPARQL query (text or -f FILE) over the union of all graphs."""
    from kg.query import query as run_query

    if (sparql is None) == (file is None):
        raise KgError("give a query or -f FILE (one of them)")
    source = "query"
    if file is not None:
        source = file
        try:
            sparql = Path(file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KgError("no such file", source=file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"cannot read query: {exc}", source=file) from None
    sys.stdout.buffer.write(run_query(sparql, store=store, fmt=fmt, source=source))
    sys.stdout.flush()


def _register() -> None:
    # publishing and reporting commands live beside their libraries; imports stay light
    from kg.claims_cli import claims
    from kg.serve.commands import load, publish, serve

    for command in (claims, serve, load, publish):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
