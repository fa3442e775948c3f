"""Publishing the graph over HTTP: dereferenceable linked data, HTML pages and a SPARQL endpoint.

``create_app`` is imported lazily, so that ``kg.serve.commands`` (loaded by the ``kg`` command
line on every run) does not pull in Starlette and jinja2 until ``kg serve`` is used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kg.serve.app import create_app

        return create_app
    raise AttributeError(name)
