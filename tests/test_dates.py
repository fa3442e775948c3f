"""Dates: single dates, infobox date ranges, dates in prose, relative phrases, clock times, zones.

Every example is made up for this file, in the shapes real infoboxes and articles use.
"""
from __future__ import annotations

import pytest

from kg.extract.dates import (
    find_date_ranges,
    find_dates,
    find_relative_phrases,
    find_times,
    local_datetime,
    parse_date,
    parse_date_range,
    resolve_relative,
)
from kg.model import TimeStamp


def d(lexical: str) -> TimeStamp:
    kinds = {4: "gYear", 7: "gYearMonth", 10: "date"}
    return TimeStamp(lexical, kinds.get(len(lexical), "dateTime"))


# -- parse_date --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("March 4, 2021", "2021-03-04"),
    ("4 March 2021", "2021-03-04"),
    ("4th March 2021", "2021-03-04"),
    ("March 4th, 2021", "2021-03-04"),
    ("Mar. 4, 2021", "2021-03-04"),
    ("Sept. 30, 2019", "2019-09-30"),
    ("30 Sep 2019", "2019-09-30"),
    ("2019-09-30", "2019-09-30"),
    ("March 2021", "2021-03"),
    ("Sept 2019", "2019-09"),
    ("2021", "2021"),
    ("  February 29, 2020 [2]", "2020-02-29"),
    ("on 4 March 2021", "2021-03-04"),
])
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == d(expected)


@pytest.mark.parametrize("text", [
    "", "soon", "March 4", "4", "4 March", "February 30, 2021", "March 4, 2021 – March 9, 2021",
    "1:30", "2019-13-01", "the war of 2021", "42",
])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


# -- parse_date_range --------------------------------------------------------------------------

@pytest.mark.parametrize("text, begin, end", [
    ("May 9, 2019", "2019-05-09", "2019-05-09"),
    ("9 May 2019", "2019-05-09", "2019-05-09"),
    ("June 6–7, 2016", "2016-06-06", "2016-06-07"),
    ("June 6-7, 2016", "2016-06-06", "2016-06-07"),
    ("June 6 — 7, 2016", "2016-06-06", "2016-06-07"),
    ("11–19 February 2010, ()", "2010-02-11", "2010-02-19"),
    ("11–19 February 2010 ()", "2010-02-11", "2010-02-19"),
    ("3 April 2011 – 20 June 2013, ()", "2011-04-03", "2013-06-20"),
    ("12 August – 2 October 2018, ()", "2018-08-12", "2018-10-02"),
    ("5 May 2022 – 9 June 2022 (1 month, 4 days)", "2022-05-05", "2022-06-09"),
    ("February 3–8, 2017", "2017-02-03", "2017-02-08"),
    ("12 August – 2 October 2018", "2018-08-12", "2018-10-02"),
    ("December 28, 2019 – January 4, 2020", "2019-12-28", "2020-01-04"),
    ("28 December – 4 January 2020", "2019-12-28", "2020-01-04"),
    ("July 2014", "2014-07", "2014-07"),
    ("2009–2011", "2009", "2011"),
    ("March 2014 – July 2015", "2014-03", "2015-07"),
    ("June 6 to 9, 2016", "2016-06-06", "2016-06-09"),
    ("June 6 and 7, 2016", "2016-06-06", "2016-06-07"),
    ("6 until 9 June 2016", "2016-06-06", "2016-06-09"),
    ("June 6, 2016[4]", "2016-06-06", "2016-06-06"),
    ("First phase: 2 March – 20 April 2015, second phase: 5–9 June 2015",
     "2015-03-02", "2015-06-09"),
    ("2 March – 20 April, 5–9 June 2015", "2015-03-02", "2015-06-09"),
    ("2016-06-06 – 2016-06-09", "2016-06-06", "2016-06-09"),
])
def test_parse_date_range(text: str, begin: str, end: str) -> None:
    assert parse_date_range(text) == (d(begin), d(end))


@pytest.mark.parametrize("text, begin", [
    ("April 2019 – present", "2019-04"),
    ("April 2019 –present", "2019-04"),
    ("April 2019 - present", "2019-04"),
    ("3 April 2019 – ongoing", "2019-04-03"),
])
def test_parse_date_range_open(text: str, begin: str) -> None:
    assert parse_date_range(text) == (d(begin), None)


@pytest.mark.parametrize("text", ["", "unknown", "()", "– present", "Spring", "several weeks"])
def test_parse_date_range_unreadable(text: str) -> None:
    assert parse_date_range(text) == (None, None)


# -- find_dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("On May 9, 2019, rebels attacked the town.", [("May 9, 2019", "2019-05-09")]),
    ("On 9 May 2019 rebels attacked.", [("9 May 2019", "2019-05-09")]),
    ("Troops left in July 2016.", [("July 2016", "2016-07")]),
    ("The accord was signed in 2011.", [("2011", "2011")]),
    ("Fighting resumed in mid-2014.", [("2014", "2014")]),
    ("The group has operated since 2009 and from 2012 to 2014.",
     [("2009", "2009"), ("2012", "2012"), ("2014", "2014")]),
    ("The clashes took place between June 6 and 7, 2016.",
     [("June 6", "2016-06-06"), ("7, 2016", "2016-06-07")]),
    ("Fighting broke out between May and June 2020.",
     [("May", "2020-05"), ("June 2020", "2020-06")]),
    ("Talks failed on 2016-06-06.", [("2016-06-06", "2016-06-06")]),
])
def test_find_dates(text: str, found: list[tuple[str, str]]) -> None:
    got = [(text[a:b], stamp) for a, b, stamp in find_dates(text)]
    assert got == [(exact, d(lexical)) for exact, lexical in found]


@pytest.mark.parametrize("text", [
    "At 2:15 local time the shelling began.",
    "The 2016 Tolu raid was the deadliest.",
    "The rebels' Operation 2011 failed.",
    "They may attack again; march on.",
    "On June 9 the convoy arrived.",
    "Some 500 fighters and 12 trucks.",
    "Battle of Tolu (2014)",
])
def test_find_dates_none(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_with_a_known_year() -> None:
    text = "On 24 March the town fell, and on June 9 it was retaken."
    got = [(text[a:b], stamp) for a, b, stamp in find_dates(text, year=2015)]
    assert got == [("24 March", d("2015-03-24")), ("June 9", d("2015-06-09"))]


@pytest.mark.parametrize("text, found", [
    ("It took place between June 6 and 7, 2016, near Tolu.",
     [("June 6 and 7, 2016", "2016-06-06", "2016-06-07")]),
    ("It lasted from November 3 to 9, 2019.",
     [("November 3 to 9, 2019", "2019-11-03", "2019-11-09")]),
    ("On June 3 and 5, 2020, rebels attacked.",
     [("June 3 and 5, 2020", "2020-06-03", "2020-06-05")]),
    ("It raged from 2014 to 2017.", [("2014 to 2017", "2014", "2017")]),
    ("On May 9, 2019, rebels attacked.", [("May 9, 2019", "2019-05-09", "2019-05-09")]),
    # a night that spans two days is a two-day interval
    ("On the night between August 4 and 5, 2023, fighters attacked.",
     [("August 4 and 5, 2023", "2023-08-04", "2023-08-05")]),
    ("On the night of 4–5 August 2023 the army withdrew.",
     [("4–5 August 2023", "2023-08-04", "2023-08-05")]),
])
def test_find_date_ranges(text: str, found: list[tuple[str, str, str]]) -> None:
    got = [(text[a:b], begin, end) for a, b, begin, end in find_date_ranges(text)]
    assert got == [(exact, d(b), d(e)) for exact, b, e in found]


def test_find_date_ranges_lists_are_not_ranges() -> None:
    text = "Clashes on May 21, 2014 and July 2, 2014 killed dozens."
    got = [(text[a:b], begin, end) for a, b, begin, end in find_date_ranges(text)]
    assert got == [("May 21, 2014", d("2014-05-21"), d("2014-05-21")),
                   ("July 2, 2014", d("2014-07-02"), d("2014-07-02"))]


# -- relative phrases --------------------------------------------------------------------------

ANCHOR = d("2021-03-30")


@pytest.mark.parametrize("phrase, begin, end", [
    ("the day after the battle", "2021-03-31", "2021-03-31"),
    ("The day after the ambush,", "2021-03-31", "2021-03-31"),
    ("the next day", "2021-03-31", "2021-03-31"),
    ("the following day", "2021-03-31", "2021-03-31"),
    ("On the following morning", "2021-03-31", "2021-03-31"),
    ("later that night", "2021-03-30", "2021-03-30"),
    ("that night", "2021-03-30", "2021-03-30"),
    ("the same day", "2021-03-30", "2021-03-30"),
    ("that same day", "2021-03-30", "2021-03-30"),
    ("two days later", "2021-04-01", "2021-04-01"),
    ("3 days later", "2021-04-02", "2021-04-02"),
    ("a week later", "2021-04-06", "2021-04-06"),
    ("two weeks later", "2021-04-13", "2021-04-13"),
    ("the day before", "2021-03-29", "2021-03-29"),
    ("two days earlier", "2021-03-28", "2021-03-28"),
    ("a few days later", "2021-04-01", "2021-04-05"),
    ("a few weeks later", "2021-04-06", "2021-05-11"),
    ("several weeks later", "2021-04-06", "2021-05-11"),
    ("the following week", "2021-04-05", "2021-04-11"),  # 2021-03-30 is a Tuesday
    ("a month later", "2021-04", "2021-04"),
    ("ten months later", "2022-01", "2022-01"),
    ("the following year", "2022", "2022"),
])
def test_resolve_relative(phrase: str, begin: str, end: str) -> None:
    assert resolve_relative(phrase, ANCHOR) == (d(begin), d(end))


@pytest.mark.parametrize("phrase", ["yesterday", "later", "soon after", "in the spring", ""])
def test_resolve_relative_not_understood(phrase: str) -> None:
    assert resolve_relative(phrase, ANCHOR) is None


def test_resolve_relative_needs_a_day_for_day_arithmetic() -> None:
    month = d("2021-03")
    assert resolve_relative("two days later", month) is None
    assert resolve_relative("the same day", month) == (month, month)
    assert resolve_relative("a month later", month) == (d("2021-04"), d("2021-04"))
    at_night = TimeStamp("2021-03-30T23:10:00+01:00", "dateTime")
    assert resolve_relative("the next day", at_night) == (d("2021-03-31"), d("2021-03-31"))


def test_find_relative_phrases() -> None:
    text = ("The day after the battle, the army spoke. Later that night it published figures. "
            "Rebels attacked Tolu a few weeks later, and two days later it fell.")
    spans = [text[a:b] for a, b in find_relative_phrases(text)]
    assert spans == ["The day after the battle", "Later that night", "a few weeks later",
                     "two days later"]


# -- times -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("At 2:15 local time, rebels attacked.", [("2:15", 2, 15)]),
    ("The shelling began at 13:45.", [("13:45", 13, 45)]),
    ("They pulled back between 4 and 5am.", [("4", 4, 0), ("5am", 5, 0)]),
    ("They withdrew between 10 and 11 p.m.", [("10", 22, 0), ("11 p.m.", 23, 0)]),
    ("It ended at 4 p.m. that day.", [("4 p.m.", 16, 0)]),
    ("It began at 9:20 p.m, near the depot.", [("9:20 p.m", 21, 20)]),
    ("Around 7am the convoy left.", [("7am", 7, 0)]),
    ("The raid started at 4.45 am.", [("4.45 am", 4, 45)]),
    ("At 12 PM and at 12 AM.", [("12 PM", 12, 0), ("12 AM", 0, 0)]),
    ("Fighting stopped at noon and resumed at midnight.", [("noon", 12, 0), ("midnight", 0, 0)]),
    ("between 14:00 and 15:30", [("14:00", 14, 0), ("15:30", 15, 30)]),
])
def test_find_times(text: str, found: list[tuple[str, int, int]]) -> None:
    assert [(text[a:b], h, m) for a, b, h, m in find_times(text)] == found


@pytest.mark.parametrize("text", [
    "They lost 2 and 3 vehicles.", "1.5 million people", "a ratio of 10:100", "at 25:10",
    "13 pm", "in 2015", "September 17, 2023",
])
def test_find_times_none(text: str) -> None:
    assert find_times(text) == []


# -- local date-times --------------------------------------------------------------------------

@pytest.mark.parametrize("day, hour, minute, zone, lexical", [
    ("2021-03-30", 1, 30, "Africa/Bamako", "2021-03-30T01:30:00+00:00"),
    ("2021-07-14", 22, 5, "Europe/Paris", "2021-07-14T22:05:00+02:00"),
    ("2021-01-14", 22, 5, "Europe/Paris", "2021-01-14T22:05:00+01:00"),
    ("2021-01-14", 9, 0, "America/Bogota", "2021-01-14T09:00:00-05:00"),
    ("2021-01-14", 9, 0, "Asia/Yangon", "2021-01-14T09:00:00+06:30"),
])
def test_local_datetime(day: str, hour: int, minute: int, zone: str, lexical: str) -> None:
    assert local_datetime(d(day), hour, minute, zone) == TimeStamp(lexical, "dateTime")


def test_local_datetime_needs_a_day() -> None:
    with pytest.raises(ValueError):
        local_datetime(d("2021-03"), 1, 30, "Africa/Bamako")
