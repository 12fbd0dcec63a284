"""Small tables with known answers, typed as the descriptor says, for the facts' `data=`."""

from __future__ import annotations

import pandas as pd

from analysis.data.loading import frame_of


def census(counts: dict[int, dict[str, int]]) -> pd.DataFrame:
    """A census table from {year: {group: count}}."""
    return frame_of(
        "census",
        [
            {"year": year, "date": f"{year}-01-01", "census": f"Census {year}", "group": group,
             "count": count, "basis": "permanent", "source_id": f"bureau-{year}"}
            for year, groups in counts.items()
            for group, count in groups.items()
        ],
    )  # fmt: skip


def claim(ident: str, value: float, unit: str = "percent", comparator: str = "=",
          subject: str = "KAZ", date: str = "2021-01-01") -> dict[str, object]:  # fmt: skip
    """One claims row; its quote states its value."""
    return {"id": ident, "subject": subject, "indicator": f"Indicator {ident}", "value": value,
            "unit": unit, "comparator": comparator, "date": date, "date_precision": "day",
            "quote": f"about {value:g}"}  # fmt: skip


def reference(claim_id: str, value: float | None = None, unit: str = "percent",
              census_year: int | None = None, census_group: str | None = None,
              ) -> dict[str, object]:  # fmt: skip
    """One references row: a value, or a census year and group whose share is derived."""
    return {"id": f"ref-{claim_id}", "claim_id": claim_id, "value": value, "unit": unit,
            "census_year": census_year, "census_group": census_group, "date": "2021-01-01",
            "date_precision": "day", "primary": True, "source_id": f"src-{claim_id}"}  # fmt: skip


def source(ident: str) -> dict[str, object]:
    """One sources row, titled 'Source <id>'."""
    return {"id": ident, "title": f"Source {ident}", "publisher": "P",
            "date_accessed": "2026-11-27", "url": f"https://example.org/{ident}"}  # fmt: skip


def fact_tables() -> dict[str, pd.DataFrame]:
    """Five claims with one verdict each known by hand (at the default tolerance of 1 pp).

    consistent: 'inside' (40 for 40.2) and 'census' (under 30 for 25.0, Kazakhs 50/200);
    close: 'near' (40 for 41.0, 0.5 pp beyond 40.5); discrepant: 'far' (40 for 45,
    4.5 pp beyond); unverified: 'bare' (over $100, no reference).
    """
    claims = [claim("inside", 40), claim("near", 40), claim("far", 40),
              claim("bare", 100, unit="USD", comparator=">", subject="USA"),
              claim("census", 30, comparator="<")]  # fmt: skip
    references = [reference("inside", 40.2), reference("near", 41.0), reference("far", 45.0),
                  reference("census", census_year=2021, census_group="Kazakhs")]  # fmt: skip
    sources = [source(f"src-{row['claim_id']}") for row in references] + [source("bureau-2021")]
    return {
        "claims": frame_of("claims", claims),
        "references": frame_of("references", references),
        "sources": frame_of("sources", sources),
        "census": census({2021: {"Total": 200, "Kazakhs": 50, "Russians": 100}}),
        "actors": frame_of("actors", [{"code": "KAZ", "name": "Kazakhstan", "kind": "state"},
                                      {"code": "USA", "name": "United States", "kind": "state"}]),
    }  # fmt: skip


def cohesion_tables() -> dict[str, pd.DataFrame]:
    """Three members and three events, whose timeline is known by hand.

    'split' (2021-03-01, distancing) involves ARM and RUS, the leader, under whom a
    distancing event is not listed; 'drill' (2022-05-01, cohesion) involves KAZ and
    RUS; 'old' (2019-06-01) lies before the default period.
    """
    events = [
        {
            "id": "split",
            "date": "2021-03-01",
            "date_precision": "day",
            "kind": "diplomacy",
            "direction": "distancing",
            "title": "A split",
            "quote": "q",
            "source_id": "s1",
        },
        {
            "id": "drill",
            "date": "2022-05-01",
            "date_precision": "day",
            "kind": "exercise",
            "direction": "cohesion",
            "title": "A drill",
            "quote": "q",
            "source_id": "s2",
        },
        {
            "id": "old",
            "date": "2019-06-01",
            "date_precision": "day",
            "kind": "exercise",
            "direction": "cohesion",
            "title": "Old",
            "quote": "q",
            "source_id": "s3",
        },
    ]
    event_actors = [{"event_id": "split", "actor": "ARM"}, {"event_id": "split", "actor": "RUS"},
                    {"event_id": "drill", "actor": "KAZ"}, {"event_id": "drill", "actor": "RUS"},
                    {"event_id": "old", "actor": "ARM"}]  # fmt: skip
    return {
        **three_members(),
        "events": frame_of("events", events),
        "event_actors": frame_of("event_actors", event_actors),
        "sources": frame_of("sources", [source(f"s{n}") for n in (1, 2, 3)]),
    }  # fmt: skip


def three_members() -> dict[str, pd.DataFrame]:
    """Three members, Russia the leader, with their names: the frame the thesis tables join."""
    members = [
        {"code": "ARM", "joined": "1992-05-15", "stance": "distancing", "evidence": "e"},
        {"code": "KAZ", "joined": "1992-05-15", "stance": "hedging", "evidence": "e"},
        {"code": "RUS", "joined": "1992-05-15", "stance": "leading", "evidence": "e"},
    ]
    actors = [
        {"code": code, "name": name, "kind": "state"}
        for code, name in (("ARM", "Armenia"), ("KAZ", "Kazakhstan"), ("RUS", "Russia"))
    ]
    return {"members": frame_of("members", members), "actors": frame_of("actors", actors)}


def vote_tables() -> dict[str, pd.DataFrame]:
    """Three resolutions in two years, each vote's alignment known by hand (Russia: 'no').

    r1 (2022-03-02): ARM not_against (False), KAZ abstain (False); r2 (2022-10-12): ARM
    absent (False: an absence is no vote), KAZ no (True); r3 (2025-02-24): ARM
    abstain_or_absent (False), KAZ unknown (<NA>: 'no' is still possible).
    """
    resolutions = [
        {"id": ident, "date": date, "date_precision": "day", "title": f"Title {ident}",
         "yes": 100, "no": 5, "abstain": 30, "source_id": "s1"}
        for ident, date in (("r1", "2022-03-02"), ("r2", "2022-10-12"), ("r3", "2025-02-24"))
    ]  # fmt: skip
    cast = {"r1": ("not_against", "abstain"), "r2": ("absent", "no"),
            "r3": ("abstain_or_absent", "unknown")}  # fmt: skip
    votes = []
    for resolution, (armenia, kazakhstan) in cast.items():
        votes += [
            {"resolution": resolution, "member": "ARM", "vote": armenia, "source_id": "s2"},
            {"resolution": resolution, "member": "KAZ", "vote": kazakhstan, "source_id": "s3"},
            {"resolution": resolution, "member": "RUS", "vote": "no", "source_id": "s1"},
        ]
    return {
        **three_members(),
        "resolutions": frame_of("resolutions", resolutions),
        "votes": frame_of("votes", votes),
        "sources": frame_of("sources", [source(f"s{n}") for n in (1, 2, 3)]),
    }


def participation_tables() -> dict[str, pd.DataFrame]:
    """Two summits and three exercises in 2022 and 2023, each count known by hand.

    Summits: s1 (2022): ARM present, KAZ represented, RUS unknown; s2 (2023): ARM absent,
    KAZ remote, RUS present. Exercises: e1 (2022, held): ARM no, KAZ yes, RUS unknown; e2
    (2022, cancelled): nobody; e3 (2023, held, ARM not expected): KAZ and RUS yes.
    """
    summits = [{"id": "s1", "date": "2022-01-10", "format": "video", "source_id": "x"},
               {"id": "s2", "date": "2023-11-23", "city": "Minsk", "format": "in_person",
                "source_id": "x"}]  # fmt: skip
    attendance = [
        {"summit": summit, "member": member, "attendance": attendance,
         "signed_declaration": "unknown", "source_id": "x"}
        for summit, member, attendance in (
            ("s1", "ARM", "present"), ("s1", "KAZ", "represented"), ("s1", "RUS", "unknown"),
            ("s2", "ARM", "absent"), ("s2", "KAZ", "remote"), ("s2", "RUS", "present"),
        )
    ]  # fmt: skip
    exercises = [
        {"id": ident, "name": ident, "start_date": start, "host": "KAZ", "held": held,
         "source_id": "x"}
        for ident, start, held in (("e1", "2022-09-26", True), ("e2", "2022-10-10", False),
                                   ("e3", "2023-09-01", True))
    ]  # fmt: skip
    sent = [
        {"exercise": exercise, "member": member, "sent_troops": troops, "expected": expected,
         "source_id": "x"}
        for exercise, member, troops, expected in (
            ("e1", "ARM", "no", True), ("e1", "KAZ", "yes", True), ("e1", "RUS", "unknown", True),
            ("e2", "ARM", "no", True), ("e2", "KAZ", "no", True), ("e2", "RUS", "no", True),
            ("e3", "ARM", "no", False), ("e3", "KAZ", "yes", True), ("e3", "RUS", "yes", True),
        )
    ]  # fmt: skip
    return {
        **three_members(),
        "summits": frame_of("summits", summits),
        "summit_attendance": frame_of("summit_attendance", attendance),
        "exercises": frame_of("exercises", exercises),
        "exercise_participation": frame_of("exercise_participation", sent),
    }
