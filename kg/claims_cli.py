"""The ``kg claims`` command: parses arguments and calls :func:`kg.claims.report`, nothing more.

``kg/cli.py`` registers it with ``main.add_command(claims)``; a :class:`~kg.errors.KgError`
propagates to the group, which prints it as one line with exit code 2.
"""
from __future__ import annotations

import click

__all__ = ["claims"]


@click.command()
@click.argument("event", required=False)
@click.option("--store", "store", type=click.Path(file_okay=False), default=None,
              envvar="KG_STORE", help="Store folder (default .kg/, env KG_STORE).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="A grouped table to read, or CSV / JSON to process.")
def claims(event: str | None, store: str | None, fmt: str) -> None:
    """Every casualty figure of EVENT side by side: who claimed it, when, and the quoted words.

    EVENT is an event IRI, its slug (battle-of-lere-2023) or part of its label ("Léré");
    without it, every event that has claims.
    """
    from kg.claims import report  # imported here so that `kg --help` stays quick

    # echoed as bytes, which click writes to the binary stream as they are: CSV and JSON are
    # UTF-8 whatever the terminal's locale says
    click.echo(report(event, store=store, fmt=fmt).encode("utf-8"), nl=False)
