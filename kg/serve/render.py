"""HTML rendering: one jinja2 environment (autoescaping on, so every piece of article text is
HTML-escaped) and one :class:`Renderer` per output, server or static site."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import pyoxigraph as ox

from kg.serve.graph import StoreView
from kg.serve.ontology import ontology_view
from kg.serve.views import RDF_SUFFIXES, Linker, Views
from kg.vocab import RDFS

__all__ = ["RDF_SUFFIXES", "STATIC_DIR", "TEMPLATES_DIR", "Renderer"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"



@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template is HTML; article text must never become markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


class Renderer:
    """Renders the pages of one store for one kind of output (its :class:`Linker`)."""

    def __init__(self, view: StoreView, linker: Linker, sparql: bool = True) -> None:
        self.views = Views(view, linker)
        self.linker = linker
        self.sparql = sparql  # the static site has no endpoint to link to

    def _render(self, template: str, title: str, **context) -> str:
        linker = self.linker
        nav = [("Events", linker.path("")), ("Ontology", linker.path("ns"))]
        if self.sparql:
            nav.insert(1, ("SPARQL", linker.path("sparql")))
        nav.append(("Dataset", linker.path("dataset")))
        context.setdefault("alternates", [])
        return _environment().get_template(template).render(
            title=title, nav=nav, style=linker.static("style.css"), **context)

    def home(self) -> str:
        return self._render("home.html", "Events", view=self.views.home())

    def resource(self, iri: ox.NamedNode) -> str:
        page = self.views.page(iri)
        return self._render(f"{page['kind']}.html", page["title"], page=page,
                            alternates=page["alternates"])

    def ontology(self) -> str:
        onto = ontology_view()
        # the ontology's files sit inside its folder on both outputs: ns/kg.ttl, ns/context.jsonld
        folder = self.linker.path("ns").rstrip("/") + "/"
        alternates = [("Turtle", folder + "kg.ttl", "text/turtle"),
                      ("JSON-LD context", folder + "context.jsonld", "application/ld+json")]
        return self._render("ontology.html", onto["title"], onto=onto, alternates=alternates)

    def dataset(self, quads: list[ox.Quad], iri: ox.NamedNode) -> str:
        """The page of the dataset description (:func:`kg.void.void_description`).

        The description is not in the store, so it is shown through the generic resource page
        of a small in-memory store holding it and the labels of the resources it links to.
        """
        store = self.views.v
        labels = [label for quad in quads if isinstance(quad.object, ox.NamedNode)
                  for label in store.quads(quad.object, RDFS.label)]
        page = Renderer(StoreView([*quads, *labels], store.base), self.linker, self.sparql)
        return page.resource(iri)

    def not_found(self, path: str) -> str:
        return self._render("404.html", "Not found", path=path)

    def sparql_form(self, query: str = "", columns: list[str] | None = None,
                    rows: list[list] | None = None, graph: str | None = None,
                    boolean: bool | None = None, error: str = "") -> str:
        return self._render("sparql.html", "SPARQL", query=query, columns=columns or [],
                            rows=rows or [], graph=graph, boolean=boolean, error=error,
                            has_results=columns is not None or graph is not None
                            or boolean is not None)
