"""The chart of a sweep's measures: a panel per measure, lines per member, described."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.charts.sweeps import MeasuresChart


def _frame(variants: list[str]) -> pd.DataFrame:
    rows = []
    for k, variant in enumerate(variants):
        for member, name, events, share in (("ARM", "Armenia", 5 + k, 1.0 - k / 10),
                                            ("RUS", "Russia", 5, None)):  # fmt: skip
            rows.append((variant, "events", member, name, events, "Events", "count"))
            rows.append((variant, "summits", member, name, share, "Summits", "share"))
    columns = ["variant", "measure", "member", "member_name", "value", "label", "unit"]
    return pd.DataFrame(rows, columns=columns).astype({"value": "Float64"})


def test_the_description_gives_each_members_first_and_last_value_per_measure() -> None:
    alt = MeasuresChart(_frame(["2022-06-30", "2023-09-30"])).alt
    assert "2 variants from 30 June 2022 to 30 September 2023" in alt
    assert "Events: Armenia 5 to 6, Russia 5 to 5" in alt
    assert "Summits: Armenia 100% to 90%, Russia not known to not known" in alt


def test_the_files_are_the_same_bytes_each_time_and_the_csv_is_the_frame() -> None:
    frame = _frame(["2022-06-30", "2023-09-30"])
    first, second = MeasuresChart(frame).files(), MeasuresChart(frame).files()
    assert first == second
    assert first["png"].startswith(b"\x89PNG")
    assert first["csv"].decode().splitlines()[1] == "2022-06-30,events,ARM,Armenia,5,Events,count"


def test_a_hundred_variants_that_are_not_dates_are_drawn_in_their_order() -> None:
    variants = [f"{0.1 * k:.1f}" for k in range(100)]
    chart = MeasuresChart(_frame(variants))
    figure = chart.draw()
    labels = [tick.get_text() for tick in figure.axes[-1].get_xticklabels()]
    assert labels[0] == "0.0"
    assert 1 < len(labels) <= 4
    assert "100 variants from 0.0 to 9.9" in chart.alt


def test_the_legend_names_a_member_that_only_some_panels_show() -> None:
    frame = _frame(["2022-06-30", "2023-09-30"])
    frame = frame.loc[~((frame["measure"] == "events") & (frame["member"] == "RUS"))]
    figure = MeasuresChart(frame).draw()
    legends = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    legends += [
        t.get_text() for ax in figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()
    ]
    assert {"Armenia", "Russia"} <= set(legends)
