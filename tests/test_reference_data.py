"""The reference data in ``ontology/reference/`` (countries and actors) is well-formed and
consistent: the contract in ``ontology/reference/README.md`` that the loader relies on."""
from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "ontology" / "reference"
FILES = ("countries.ttl", "actors.ttl")
BASE = "https://w3id.org/conflict-kg/id/"

KG = Namespace("https://w3id.org/conflict-kg/ns#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = "http://www.wikidata.org/entity/"

ACTOR_CLASSES = {KG.State, KG.Government, KG.MilitaryForce, KG.ArmedGroup, KG.Coalition,
                 KG.PrivateMilitaryCompany, KG.InternationalOrganization,
                 KG.MediaOrganization, KG.Person}
PLACE_CLASSES = {KG.Country}
ALLOWED_PREDICATES = {RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, KG.countryCode,
                      KG.demonym, KG.timeZone, ORG.memberOf, ORG.subOrganizationOf,
                      SCHEMA.location, RDFS.comment}
MARKUP = re.compile(r"\||\[\[|\]\]|\{\{|\}\}|\bpx\b|_|\s{2,}|^\s|\s$")
# Demonyms that really belong to two countries; a loader must not resolve them alone.
SHARED_DEMONYMS = {"congolese": 2, "dominican": 2}


def slugify(text: str) -> str:
    """Lower case, accents stripped (NFKD), every run of non-alphanumerics to "-", trimmed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "-", plain.casefold()).strip("-")


def squash(text: str) -> str:
    """Letters and digits only, accents stripped, case folded (how the name index compares)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    out = {}
    for name in FILES:
        g = Graph()
        g.parse(REFERENCE_DIR / name, format="turtle")
        out[name] = g
    return out


@pytest.fixture(scope="module")
def graph(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for g in graphs.values():
        union += g
    return union


def subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef)}


def names(g: Graph, s: URIRef) -> list[Literal]:
    return [*g.objects(s, RDFS.label), *g.objects(s, SKOS.altLabel)]


def test_files_parse_and_are_not_empty(graphs: dict[str, Graph]) -> None:
    for name, g in graphs.items():
        assert len(g) > 50, name


def test_no_blank_nodes_and_only_allowed_predicates(graph: Graph) -> None:
    for s, p, o in graph:
        assert isinstance(s, URIRef), s
        assert p in ALLOWED_PREDICATES, p


def test_countries_file_has_only_countries_and_actors_file_only_actors(
        graphs: dict[str, Graph]) -> None:
    for name, classes, kind in (("countries.ttl", PLACE_CLASSES, "place/"),
                                ("actors.ttl", ACTOR_CLASSES, "actor/")):
        g = graphs[name]
        for s in subjects(g):
            assert str(s).startswith(BASE + kind), s
            types = set(g.objects(s, RDF.type))
            assert len(types) == 1 and types <= classes, (s, types)


def test_every_subject_has_exactly_one_english_label(graph: Graph) -> None:
    for s in subjects(graph):
        labels = list(graph.objects(s, RDFS.label))
        assert len(labels) == 1, (s, labels)
        assert labels[0].language == "en", s


def test_alt_labels_demonyms_and_comments_are_english(graph: Graph) -> None:
    for p in (SKOS.altLabel, KG.demonym, RDFS.comment):
        for s, o in graph.subject_objects(p):
            assert isinstance(o, Literal) and o.language == "en", (s, p, o)


def test_iri_slug_is_the_slug_of_the_label(graph: Graph) -> None:
    for s in subjects(graph):
        label = str(graph.value(s, RDFS.label))
        kind, _, slug = str(s)[len(BASE):].partition("/")
        assert kind in ("actor", "place"), s
        assert slug == slugify(label), (s, label)


def test_slugify_examples() -> None:
    assert slugify("Côte d'Ivoire") == "cote-d-ivoire"
    assert slugify("Jama'at Nasr al-Islam wal Muslimin") == "jama-at-nasr-al-islam-wal-muslimin"
    assert slugify("CJTF–OIR") == "cjtf-oir"


def test_labels_are_ascii_once_accents_are_stripped(graph: Graph) -> None:
    # so that no slugify variant (ASCII-only or Unicode isalnum) can disagree on an IRI
    for s in subjects(graph):
        label = str(graph.value(s, RDFS.label))
        plain = "".join(c for c in unicodedata.normalize("NFKD", label)
                        if not unicodedata.combining(c))
        assert all(c.isascii() or not c.isalnum() for c in plain), label


def test_names_are_clean(graph: Graph) -> None:
    for p in (RDFS.label, SKOS.altLabel, KG.demonym):
        for s, o in graph.subject_objects(p):
            assert not MARKUP.search(str(o)), (s, o)
            assert str(o) == unicodedata.normalize("NFC", str(o)), (s, o)


def _location_pairs(graph: Graph) -> set[frozenset[URIRef]]:
    return {frozenset((s, o)) for s, o in graph.subject_objects(SCHEMA.location)
            if (s, RDF.type, KG.State) in graph and (o, RDF.type, KG.Country) in graph}


@pytest.mark.parametrize("normalise", [str.casefold, squash], ids=["casefold", "squash"])
def test_no_alias_names_two_entities(graph: Graph, normalise) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for s in subjects(graph):
        for name in names(graph, s):
            owners[normalise(str(name))].add(s)
    allowed = _location_pairs(graph)
    clashes = {n: sorted(o) for n, o in owners.items()
               if len(o) > 1 and frozenset(o) not in allowed}
    assert not clashes


def test_no_duplicate_names_on_one_entity(graph: Graph) -> None:
    for s in subjects(graph):
        exact = [str(n) for n in names(graph, s)]
        assert len(exact) == len(set(exact)), (s, exact)


def test_time_zones_are_valid_zoneinfo_zones(graph: Graph) -> None:
    zones = list(graph.subject_objects(KG.timeZone))
    assert zones
    for s, zone in zones:
        assert (s, RDF.type, KG.Country) in graph, s
        zoneinfo.ZoneInfo(str(zone))  # raises ZoneInfoNotFoundError if unknown


def test_every_country_has_one_zone_and_a_demonym(graph: Graph) -> None:
    for s in graph.subjects(RDF.type, KG.Country):
        assert len(list(graph.objects(s, KG.timeZone))) == 1, s
        assert list(graph.objects(s, KG.demonym)), s


def test_country_codes_are_two_capitals_and_unique(graph: Graph) -> None:
    seen: dict[str, URIRef] = {}
    for s, code in graph.subject_objects(KG.countryCode):
        assert (s, RDF.type, KG.Country) in graph, s
        assert re.fullmatch(r"[A-Z]{2}", str(code)), code
        assert str(code) not in seen, (code, s, seen.get(str(code)))
        seen[str(code)] = s
    assert len(seen) >= 197  # 193 UN members, Vatican City, Palestine, Kosovo, Taiwan, W. Sahara


def test_well_known_countries(graph: Graph) -> None:
    place = lambda slug: URIRef(BASE + "place/" + slug)  # noqa: E731
    expected = {"mali": ("ML", "Africa/Bamako"), "burkina-faso": ("BF", "Africa/Ouagadougou"),
                "ivory-coast": ("CI", "Africa/Abidjan"), "myanmar": ("MM", "Asia/Yangon"),
                "democratic-republic-of-the-congo": ("CD", "Africa/Kinshasa"),
                "south-sudan": ("SS", "Africa/Juba"), "kosovo": ("XK", "Europe/Belgrade")}
    for slug, (code, zone) in expected.items():
        assert str(graph.value(place(slug), KG.countryCode)) == code
        assert str(graph.value(place(slug), KG.timeZone)) == zone
    burkina = {str(d) for d in graph.objects(place("burkina-faso"), KG.demonym)}
    assert {"Burkinabe", "Burkinabè"} <= burkina


def test_demonyms_are_unique_except_the_known_shared_ones(graph: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for s, d in graph.subject_objects(KG.demonym):
        assert (s, RDF.type, KG.Country) in graph, s
        owners[str(d).casefold()].add(s)
    shared = {d: len(o) for d, o in owners.items() if len(o) > 1}
    assert shared == SHARED_DEMONYMS


def test_link_targets_exist_and_have_the_right_kind(graph: Graph) -> None:
    actors = {s for c in ACTOR_CLASSES for s in graph.subjects(RDF.type, c)}
    for p in (ORG.memberOf, ORG.subOrganizationOf):
        for s, o in graph.subject_objects(p):
            assert s in actors and o in actors, (s, p, o)
            assert s != o
    # a coalition, or a group formed as an alliance of groups (JNIM)
    for s, o in graph.subject_objects(ORG.memberOf):
        assert set(graph.objects(o, RDF.type)) & {KG.Coalition, KG.ArmedGroup}, (s, o)
    for s, o in graph.subject_objects(SCHEMA.location):
        assert (s, RDF.type, KG.State) in graph and (o, RDF.type, KG.Country) in graph, (s, o)


def test_at_most_one_parent_and_no_cycles(graph: Graph) -> None:
    for s in subjects(graph):
        parents = list(graph.objects(s, ORG.subOrganizationOf))
        assert len(parents) <= 1, (s, parents)
        seen, node = {s}, s
        while (node := graph.value(node, ORG.subOrganizationOf) or
               graph.value(node, ORG.memberOf)) is not None:
            assert node not in seen, f"cycle through {node}"
            seen.add(node)


def test_states_mirror_their_country(graph: Graph) -> None:
    states = set(graph.subjects(RDF.type, KG.State))
    assert states
    for state in states:
        countries = list(graph.objects(state, SCHEMA.location))
        assert len(countries) == 1, state
        country = countries[0]
        assert graph.value(state, RDFS.label) == graph.value(country, RDFS.label)
        assert set(graph.objects(state, OWL.sameAs)) == set(graph.objects(country, OWL.sameAs))
        assert set(graph.objects(state, SKOS.altLabel)) <= set(graph.objects(country, SKOS.altLabel))


def test_same_as_points_to_wikidata_items_and_is_unique(graph: Graph) -> None:
    owners: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in graph.subject_objects(OWL.sameAs):
        assert re.fullmatch(re.escape(WD) + r"Q[1-9][0-9]*", str(o)), o
        owners[o].add(s)
    allowed = _location_pairs(graph)
    assert not {o: s for o, s in owners.items() if len(s) > 1 and frozenset(s) not in allowed}


def test_aliases_resolve_as_the_brief_requires(graph: Graph) -> None:
    index = {str(n).casefold(): s for s in subjects(graph) if "/actor/" in str(s)
             for n in names(graph, s)}
    actor = lambda slug: URIRef(BASE + "actor/" + slug)  # noqa: E731
    same = {
        "malian-armed-forces": ["FAMa", "Malian Armed Forces", "Malian army", "Malian Army"],
        "government-of-mali": ["Malian junta", "Malian government", "Government of Mali"],
        "csp-psd": ["CSP", "Permanent Strategic Framework for Peace, Security, and Development"],
        "jnim": ["Jama'at Nasr al-Islam wal Muslimin", "Jama'at Nusrat al-Islam wal-Muslimin"],
        "wagner-group": ["Wagner", "Wagner PMC"],
        "islamic-state": ["ISIL", "ISIS", "IS", "Islamic State of Iraq and the Levant"],
        "al-shabaab": ["al-Shabab", "Harakat al-Shabaab al-Mujahideen"],
        "houthis": ["Ansar Allah"],
        "tatmadaw": ["Myanmar Armed Forces", "Myanmar military"],
        "m23": ["March 23 Movement"],
        "united-nations": ["UN"],
    }
    for slug, aliases in same.items():
        for alias in aliases:
            assert index.get(alias.casefold()) == actor(slug), alias
    member_of = {"mnla": "cma", "hcua": "cma", "cma": "csp-psd", "platform": "csp-psd",
                 "gatia": "platform", "katibat-macina": "jnim", "ansar-dine": "jnim",
                 "mndaa": "three-brotherhood-alliance", "tnla": "three-brotherhood-alliance",
                 "arakan-army": "three-brotherhood-alliance"}
    for child, parent in member_of.items():
        assert (actor(child), ORG.memberOf, actor(parent)) in graph, child
    part_of = {"minusma": "united-nations", "maa-loyalist": "maa", "maa-dissident": "maa",
               "malian-armed-forces": "mali"}
    for child, parent in part_of.items():
        assert (actor(child), ORG.subOrganizationOf, actor(parent)) in graph, child
