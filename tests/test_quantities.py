"""Casualty figures: numbers in words and digits, infobox items, prose sentences, and non-figures.

Every example is made up for this file (invented places and groups), in the shapes real
infoboxes and articles use.
"""
from __future__ import annotations


import pytest

from kg.extract import quantities
from kg.extract.quantities import (
    CATEGORIES,
    Figure,
    find_figures,
    parse_casualty_item,
    parse_number,
)
from kg.model import Quantity


def q(**fields) -> Quantity:
    return Quantity(**fields)


def check(text: str, figures: list[Figure], expected: list[tuple]) -> None:
    """Compare (category, quantity, noun, evidence text[, qualifier]) rows, in order."""
    got = []
    for f in figures:
        evidence = text[f.start:f.end]
        assert evidence == evidence.strip(" ,;.\"'"), f"untidy evidence {evidence!r}"
        got.append((f.category, f.quantity, f.noun, evidence, f.qualifier))
    want = [(*row, None) if len(row) == 4 else row for row in expected]
    assert got == want


# -- parse_number ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("5", 5), ("0", 0), ("1,190", 1190), ("4,783", 4783), ("300,000", 300000),
    ("thirty-five", 35), ("Thirty five", 35), ("twenty", 20), ("eleven", 11), ("zero", 0),
    ("one hundred and twelve", 112), ("a hundred", 100), ("two hundred fifty", 250),
    ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6), ("a thousand", 1000),
    ("3 thousand", 3000), ("1.5 million", 1500000), ("2.25 thousand", 2250),
    ("five thousand", 5000), ("one thousand two hundred", 1200), ("  seven  ", 7),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "", "many", "several dozen", "dozens", "one two", "ten five", "2.5", "a", "and",
    "hundred and", "five apples", "1:30", "13th", "twenty and five",
])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# -- parse_casualty_item -----------------------------------------------------------------------

ITEMS = [
    # plain counts
    ("4 killed", [("Killed", q(count=4), None, "4 killed")]),
    ("13 injured", [("Injured", q(count=13), None, "13 injured")]),
    ("9 missing", [("Missing", q(count=9), None, "9 missing")]),
    ("2 wounded", [("Injured", q(count=2), None, "2 wounded")]),
    ("3 POWs", [("Captured", q(count=3), None, "3 POWs")]),
    ("8 prisoners", [("Captured", q(count=8), None, "8 prisoners")]),
    ("1 prisoner", [("Captured", q(count=1), None, "1 prisoner")]),
    ("40 dead", [("Killed", q(count=40), None, "40 dead")]),
    ("7 deaths", [("Killed", q(count=7), None, "7 deaths")]),
    ("2 died", [("Killed", q(count=2), None, "2 died")]),
    ("6 killed in action", [("Killed", q(count=6), None, "6 killed in action")]),
    ("12 KIA", [("Killed", q(count=12), None, "12 KIA")]),
    ("4 WIA", [("Injured", q(count=4), None, "4 WIA")]),
    ("5 arrested", [("Captured", q(count=5), None, "5 arrested")]),
    ("3 detained", [("Captured", q(count=3), None, "3 detained")]),
    ("2 taken prisoner", [("Captured", q(count=2), None, "2 taken prisoner")]),
    ("14 captured", [("Captured", q(count=14), None, "14 captured")]),
    ("900 surrendered", [("Captured", q(count=900), None, "900 surrendered")]),
    ("2,500 displaced", [("Displaced", q(count=2500), None, "2,500 displaced")]),
    # numbers in words
    ("seven killed", [("Killed", q(count=7), None, "seven killed")]),
    ("forty-two killed", [("Killed", q(count=42), None, "forty-two killed")]),
    ("Sixty one wounded", [("Injured", q(count=61), None, "Sixty one wounded")]),
    ("a dozen killed", [("Killed", q(count=12), None, "a dozen killed")]),
    # approximate, bounded, ranges
    ("~40 killed", [("Killed", q(count=40, approximate=True), None, "~40 killed")]),
    ("about 25 killed", [("Killed", q(count=25, approximate=True), None, "about 25 killed")]),
    ("around 60", [("Killed", q(count=60, approximate=True), None, "around 60")]),
    ("approximately 15", [("Killed", q(count=15, approximate=True), None, "approximately 15")]),
    ("c. 200", [("Killed", q(count=200, approximate=True), None, "c. 200")]),
    ("some 70 wounded", [("Injured", q(count=70, approximate=True), None, "some 70 wounded")]),
    ("9+ killed", [("Killed", q(min=9), None, "9+ killed")]),
    ("3,400+ killed", [("Killed", q(min=3400), None, "3,400+ killed")]),
    ("over 30 killed", [("Killed", q(min=30), None, "over 30 killed")]),
    ("more than 50", [("Killed", q(min=50), None, "more than 50")]),
    ("at least 16 killed", [("Killed", q(min=16), None, "at least 16 killed")]),
    ("At least one jeep destroyed",
     [("VehiclesDestroyed", q(min=1), "jeep", "At least one jeep destroyed")]),
    ("up to 45", [("Killed", q(max=45), None, "up to 45")]),
    ("at most 8 injured", [("Injured", q(max=8), None, "at most 8 injured")]),
    ("10–14 killed", [("Killed", q(min=10, max=14), None, "10–14 killed")]),
    ("10-14", [("Killed", q(min=10, max=14), None, "10-14")]),
    ("10 to 14", [("Killed", q(min=10, max=14), None, "10 to 14")]),
    ("between 10 and 14 killed", [("Killed", q(min=10, max=14), None, "between 10 and 14 killed")]),
    ("six to eight wounded", [("Injured", q(min=6, max=8), None, "six to eight wounded")]),
    ("40–95", [("Killed", q(min=40, max=95), None, "40–95")]),
    ("12–60+ killed", [("Killed", q(min=12), None, "12–60+ killed")]),
    # vague amounts keep their words
    ("several dozen wounded",
     [("Injured", q(text="several dozen"), None, "several dozen wounded")]),
    ("Dozens", [("KilledOrInjured", q(text="Dozens"), None, "Dozens")]),
    ("Dozens killed", [("Killed", q(text="Dozens"), None, "Dozens killed")]),
    ("hundreds wounded", [("Injured", q(text="hundreds"), None, "hundreds wounded")]),
    ("Several missing", [("Missing", q(text="Several"), None, "Several missing")]),
    ("heavy", [("KilledOrInjured", q(text="heavy"), None, "heavy")]),
    ("Heavy casualties", [("KilledOrInjured", q(text="Heavy"), None, "Heavy casualties")]),
    ("Light losses", [("KilledOrInjured", q(text="Light"), None, "Light losses")]),
    ("Many killed", [("Killed", q(text="Many"), None, "Many killed")]),
    ("a large number of casualties",
     [("KilledOrInjured", q(text="a large number"), None, "a large number of casualties")]),
    ("Several villagers wounded",
     [("Injured", q(text="Several"), "villagers", "Several villagers wounded")]),
    # alternatives and combinations
    ("Dozens killed and injured",
     [("KilledOrInjured", q(text="Dozens"), None, "Dozens killed and injured")]),
    ("dozens killed or wounded",
     [("KilledOrInjured", q(text="dozens"), None, "dozens killed or wounded")]),
    ("1 jet damaged or shot down",
     [("AircraftDamaged", q(count=1), "jet", "1 jet damaged or shot down")]),
    ("640+ civilians killed and 12,000 displaced", [
        ("Killed", q(min=640), "civilians", "640+ civilians killed"),
        ("Displaced", q(count=12000), None, "12,000 displaced")]),
    ("9 killed and 21 injured", [
        ("Killed", q(count=9), None, "9 killed"), ("Injured", q(count=21), None, "21 injured")]),
    ("1,320 surrendered (including 400 officers)",
     [("Captured", q(count=1320), None, "1,320 surrendered", "including 400 officers")]),
    # objects
    ("1 drone downed", [("AircraftDestroyed", q(count=1), "drone", "1 drone downed")]),
    ("helicopter shot down",
     [("AircraftDestroyed", q(count=1), "helicopter", "helicopter shot down")]),
    ("2 planes destroyed", [("AircraftDestroyed", q(count=2), "planes", "2 planes destroyed")]),
    ("1 aircraft damaged", [("AircraftDamaged", q(count=1), "aircraft", "1 aircraft damaged")]),
    ("11 vehicles destroyed",
     [("VehiclesDestroyed", q(count=11), "vehicles", "11 vehicles destroyed")]),
    ("4 tanks destroyed", [("VehiclesDestroyed", q(count=4), "tanks", "4 tanks destroyed")]),
    ("3 trucks destroyed", [("VehiclesDestroyed", q(count=3), "trucks", "3 trucks destroyed")]),
    ("technicals destroyed",
     [("VehiclesDestroyed", q(), "technicals", "technicals destroyed")]),
    ("6 APCs destroyed", [("VehiclesDestroyed", q(count=6), "APCs", "6 APCs destroyed")]),
    ("several vehicles captured",
     [("VehiclesCaptured", q(text="several"), "vehicles", "several vehicles captured")]),
    ("3 pick-up trucks seized",
     [("VehiclesCaptured", q(count=3), "pick-up trucks", "3 pick-up trucks seized")]),
    ("5 boats destroyed", [("VesselsDestroyed", q(count=5), "boats", "5 boats destroyed")]),
    # nouns are kept as written
    ("22 Karvano Front fighters killed",
     [("Killed", q(count=22), "Karvano Front fighters", "22 Karvano Front fighters killed")]),
    ("2 UN soldiers wounded", [("Injured", q(count=2), "UN soldiers", "2 UN soldiers wounded")]),
    ("1 US soldier wounded", [("Injured", q(count=1), "US soldier", "1 US soldier wounded")]),
    ("9 Tolu militiamen killed",
     [("Killed", q(count=9), "Tolu militiamen", "9 Tolu militiamen killed")]),
    ("4 civilians killed in the market",
     [("Killed", q(count=4), "civilians", "4 civilians killed")]),
    ("2 GIGN operators killed",
     [("Killed", q(count=2), "GIGN operators", "2 GIGN operators killed")]),
    # a bare figure
    ("87", [("Killed", q(count=87), None, "87")]),
    ("Thirty five", [("Killed", q(count=35), None, "Thirty five")]),
    ("300 civilians", [("Killed", q(count=300), "civilians", "300 civilians")]),
    # footnotes and qualifiers
    ("12 killed[3]", [("Killed", q(count=12), None, "12 killed")]),
    ("12 killed (unconfirmed)", [("Killed", q(count=12), None, "12 killed", "unconfirmed")]),
    # equipment named by its model counts vehicles or aircraft, not people
    ("5 BMP-2s destroyed", [("VehiclesDestroyed", q(count=5), "BMP-2s", "5 BMP-2s destroyed")]),
    ("4 BTR-80s captured", [("VehiclesCaptured", q(count=4), "BTR-80s", "4 BTR-80s captured")]),
    ("2 Su-25s shot down", [("AircraftDestroyed", q(count=2), "Su-25s", "2 Su-25s shot down")]),
    ("1 SF-260 crashed", [("AircraftDestroyed", q(count=1), "SF-260", "1 SF-260 crashed")]),
]


@pytest.mark.parametrize("text, expected", ITEMS, ids=[t for t, _ in ITEMS])
def test_parse_casualty_item(text: str, expected: list[tuple]) -> None:
    check(text, parse_casualty_item(text), expected)


@pytest.mark.parametrize("text", [
    "Unknown", "unknown", "None", "N/A", "n/a", "nil", "?", "", "  ", "–",
    "No casualties", "0 killed", "none killed", "3 boats", "2 bridges destroyed",
    "1 tanker possibly hijacked", "killed or wounded", "Unknown killed", "two hours",
    "5 heavy weapons",
])
def test_parse_casualty_item_no_figure(text: str) -> None:
    assert parse_casualty_item(text) == []


def test_parse_casualty_item_returns_fresh_lists() -> None:
    first = parse_casualty_item("3 killed")
    first.clear()
    assert len(parse_casualty_item("3 killed")) == 1


# -- find_figures ------------------------------------------------------------------------------

PROSE = [
    ("The army said the attack caused the deaths of four Tolu soldiers, nine injured, and two "
     "missing.", [
         ("Killed", q(count=4), "Tolu soldiers", "deaths of four Tolu soldiers"),
         ("Injured", q(count=9), None, "nine injured"),
         ("Missing", q(count=2), None, "two missing")]),
    ("Officials said six rebel trucks were destroyed, with twenty men killed or injured.", [
        ("VehiclesDestroyed", q(count=6), "rebel trucks", "six rebel trucks were destroyed"),
        ("KilledOrInjured", q(count=20), "men", "twenty men killed or injured")]),
    ("Soldiers only found the bodies of three militants near the river.", [
        ("Killed", q(count=3), "militants", "bodies of three militants")]),
    ("The front reported forty-one soldiers dead in the fighting, as well as nine taken prisoner, "
     "several dozen wounded and several trucks captured; a large number of rifles were seized.", [
         ("Killed", q(count=41), "soldiers", "forty-one soldiers dead"),
         ("Captured", q(count=9), None, "nine taken prisoner"),
         ("Injured", q(text="several dozen"), None, "several dozen wounded"),
         ("VehiclesCaptured", q(text="several"), "trucks", "several trucks captured")]),
    ("They said seven fighters were killed and fourteen were wounded.", [
        ("Killed", q(count=7), "fighters", "seven fighters were killed"),
        ("Injured", q(count=14), None, "fourteen were wounded")]),
    ("Some 40 rebel and allied gunmen, together with six loyalist guards, were killed overnight.", [
        ("Killed", q(count=40, approximate=True), "rebel and allied gunmen",
         "Some 40 rebel and allied gunmen"),
        ("Killed", q(count=6), "loyalist guards", "six loyalist guards, were killed")]),
    ("At least eight gendarmes were injured in the blast.", [
        ("Injured", q(min=8), "gendarmes", "At least eight gendarmes were injured")]),
    ("The first assault killed 48 attackers.", [
        ("Killed", q(count=48), "attackers", "killed 48 attackers")]),
    ("Bombs went off in Arvo and Teslin, wounding six in Arvo and two in Teslin.", [
        ("Injured", q(count=6), None, "wounding six"), ("Injured", q(count=2), None, "two")]),
    ("Nine insurgents were killed in the raid, and four others arrested.", [
        ("Killed", q(count=9), "insurgents", "Nine insurgents were killed"),
        ("Captured", q(count=4), "others", "four others arrested")]),
    ("The clash left twelve bandits and five herders and guards dead.", [
        ("Killed", q(count=12), "bandits", "twelve bandits"),
        ("Killed", q(count=5), "herders and guards", "five herders and guards dead")]),
    ("The raiders escaped on three seized pick-up trucks.", [
        ("VehiclesCaptured", q(count=3), "pick-up trucks", "three seized pick-up trucks")]),
    ("Four wounded policemen were flown to the capital.", [
        ("Injured", q(count=4), "policemen", "Four wounded policemen")]),
    ("The ministry gave a toll of 31 killed and 12 wounded.", [
        ("Killed", q(count=31), None, "31 killed"), ("Injured", q(count=12), None, "12 wounded")]),
    ("One guard was killed and one was injured.", [
        ("Killed", q(count=1), "guard", "One guard was killed"),
        ("Injured", q(count=1), None, "one was injured")]),
    ("The group said it had killed 90 Tolu soldiers.", [
        ("Killed", q(count=90), "Tolu soldiers", "killed 90 Tolu soldiers")]),
    ("Witnesses counted the bodies of 45 soldiers at the bridge.", [
        ("Killed", q(count=45), "soldiers", "bodies of 45 soldiers")]),
    ("Ambushers were repelled, killing one officer and injuring five others.", [
        ("Killed", q(count=1), "officer", "killing one officer"),
        ("Injured", q(count=5), "others", "injuring five others")]),
    ("The shelling killed eight soldiers and three civilians.", [
        ("Killed", q(count=8), "soldiers", "killed eight soldiers"),
        ("Killed", q(count=3), "civilians", "three civilians")]),
    ("The rebels said two traders were killed along with four guards.", [
        ("Killed", q(count=2), "traders", "two traders were killed"),
        ("Killed", q(count=4), "guards", "four guards")]),
    ("Both sides suffered \"heavy casualties\" in the town.", [
        ("KilledOrInjured", q(text="heavy"), None, "heavy casualties")]),
    ("They claimed the downing of a Tolu Mi-24 helicopter over the pass.", [
        ("AircraftDestroyed", q(count=1), "Tolu Mi-24 helicopter",
         "downing of a Tolu Mi-24 helicopter")]),
    ("The fighters destroyed several tanks near the airport.", [
        ("VehiclesDestroyed", q(text="several"), "tanks", "destroyed several tanks")]),
    ("Troops captured 120 militants and seized two villages.", [
        ("Captured", q(count=120), "militants", "captured 120 militants")]),
    ("An estimated 3,000 residents were displaced.", [
        ("Displaced", q(count=3000, approximate=True), "residents",
         "An estimated 3,000 residents were displaced")]),
    ("Between 10 and 15 soldiers were reported killed.", [
        ("Killed", q(min=10, max=15), "soldiers",
         "Between 10 and 15 soldiers were reported killed")]),
    ("The militia killed hundreds of civilians.", [
        ("Killed", q(text="hundreds"), "civilians", "killed hundreds of civilians")]),
    ("Two of their commanders were killed.", [
        ("Killed", q(count=2), "commanders", "Two of their commanders were killed")]),
    # army communiqués' words
    ("The army said 37 attackers had been neutralised.", [
        ("Killed", q(count=37), "attackers", "37 attackers had been neutralised")]),
    ("Nine soldiers lost their lives and 30 were still unaccounted for.", [
        ("Killed", q(count=9), "soldiers", "Nine soldiers lost their lives"),
        ("Missing", q(count=30), None, "30 were still unaccounted for")]),
    ("JNIM said it had killed or wounded 80 soldiers.", [
        ("KilledOrInjured", q(count=80), "soldiers", "killed or wounded 80 soldiers")]),
    ("The Taliban said they had lost only 15 fighters.", [
        ("Killed", q(count=15), "fighters", "lost only 15 fighters")]),
    ("Reuters put the toll at more than 70 soldiers.", [
        ("Killed", q(min=70), "soldiers", "put the toll at more than 70 soldiers")]),
    ("The death toll rose to 42.", [("Killed", q(count=42), None, "death toll rose to 42")]),
    # an amount in quote marks, as claims are often quoted
    ('The group said it had killed "dozens" of soldiers.', [
        ("Killed", q(text="dozens"), "soldiers", 'killed "dozens" of soldiers')]),
    ("Boko Haram claimed to have killed “many” Chadian soldiers.", [
        ("Killed", q(text="many"), "Chadian soldiers", "killed “many” Chadian soldiers")]),
]


@pytest.mark.parametrize("text, expected", PROSE, ids=[t[:40] for t, _ in PROSE])
def test_find_figures(text: str, expected: list[tuple]) -> None:
    check(text, find_figures(text), expected)


@pytest.mark.parametrize("text", [
    "The rebels seized 20 M16s and 4 RPG-7s.",  # weapons are no casualty
    "In 2019 the front took the town.",
    "On September 17 the rebels attacked.",
    "The attack began on 3 March, 2021.",
    "At 2:15 local time the shelling began; it stopped between 4 and 5am.",
    "The siege lasted three hours and resumed a few weeks later.",
    "The 512th company held the line.",
    "It was one of the largest battles of the war.",
    "The rebels' Operation 2044 continued with K12 units and an L-59 jet.",
    "Rebels raided two army depots in the north.",
    "About fifty men joined the raid on nine motorbikes.",
    "The fighters destroyed several bridges and captured two towns.",
    "No guards were hurt.",
    "The convoy drove 25 kilometres (16 miles) to the border.",
    "They held at least 70% of the district.",
    "The Three Rivers Alliance attacked the city.",
    "A statement was released by the army.",
    "The town of about 2,000 people was shelled.",
    "Several dozen gunmen arrived by boat.",
    "They brought heavy weapons to the front.",
    "30 attackers killed the commander.",
    "The 2,000 residents fled.",
    "Around 6am, rebels entered the city.",
    "The group of 300 fighters crossed the river in 2015.",
])
def test_find_figures_none(text: str) -> None:
    assert find_figures(text) == []


def test_active_subject_is_not_a_victim() -> None:
    text = "Twenty raiders killed five herders."
    check(text, find_figures(text), [("Killed", q(count=5), "herders", "killed five herders")])


def test_offsets_point_into_a_longer_text() -> None:
    text = "Lead.\n\nOn the second day, eleven guards were wounded. Later, two more died."
    figures = find_figures(text)
    assert [text[f.start:f.end] for f in figures] == ["eleven guards were wounded", "two more died"]
    assert [f.category for f in figures] == ["Injured", "Killed"]


# -- the word table ------------------------------------------------------------------------------

def test_word_table_is_well_formed() -> None:
    path = quantities._TABLE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[0].split("\t") == ["role", "word", "applies_to", "category"]
    roles = {"after", "before", "both", "noun", "combine", "thing", "person", "ignore"}
    for line in lines[1:]:
        role, word, applies_to, category = line.split("\t")
        assert role in roles, line
        assert word.strip() == word and word, line
        if role in ("thing",):
            assert applies_to in ("aircraft", "vehicle", "vessel"), line
        if role in ("after", "before", "both", "noun", "combine"):
            assert applies_to in ("person", "aircraft", "vehicle", "vessel"), line
            assert category in CATEGORIES, line
        else:
            assert category == "-", line


def test_every_category_is_reachable_from_the_table() -> None:
    reachable = {cat for rows in quantities._CATS.values() for cat in rows.values()}
    reachable |= {cat for rows in quantities._COMBINE.values() for cat in rows.values()}
    assert reachable == CATEGORIES
