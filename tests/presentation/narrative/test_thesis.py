"""The thesis narrative says, from the frames, what the record shows for each member."""

from __future__ import annotations

import analysis


def test_each_member_is_read_as_its_frame_reads_it() -> None:
    evidence = analysis.member_evidence()
    text = analysis.member_findings(evidence)
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    assert len(paragraphs) == len(evidence)
    for paragraph, row in zip(paragraphs, evidence.to_dict("records"), strict=True):
        assert paragraph.startswith(f"**{row['member_name']}.**")
        assert f"{row['summits_attended']} of {row['summits_held']} summits" in paragraph
        if row["borne_out"] is True:
            assert "bears the article out" in paragraph
        elif row["borne_out"] is False:
            assert "contradicts the article" in paragraph
        else:
            assert "bears" not in paragraph
            assert "contradicts" not in paragraph


def test_data_text_is_escaped() -> None:
    evidence = analysis.member_evidence()
    evidence.loc[0, "evidence"] = "<script>x</script> [link](http://x) *bold*"
    text = analysis.member_findings(evidence)
    assert "<script>" not in text
    assert "[link](http" not in text
    assert "*bold*" not in text


def test_the_opening_names_who_moved_away_and_who_contradicts_the_article() -> None:
    evidence = analysis.member_evidence().set_index("member")
    text = analysis.thesis_opening()
    read = evidence.loc[evidence["borne_out"].notna()]
    for code, row in read.iterrows():
        if row["stance"] == "distancing":
            assert str(row["member_name"]) in text, code
    outcomes = analysis.forecast_outcomes()
    assert f"{len(outcomes)} forecasts" in text


def test_three_years_on_gives_every_forecast_with_its_outcome_and_the_scale() -> None:
    outcomes = analysis.forecast_outcomes()
    text = analysis.three_years_on()
    assert text.startswith("## Three years on")
    for label in outcomes.attrs["labels"].values():
        assert f"**{label}**" in text
    for row in outcomes.itertuples():
        assert f"**{str(row.label).capitalize()}**" in text
        assert str(row.prediction)[:30] in text


def test_before_any_step_every_forecast_is_listed_as_not_decided() -> None:
    outcomes = analysis.forecast_outcomes("2023-01-01")
    text = analysis.forecast_list(outcomes)
    assert text.count("No event in the data up to") == len(outcomes)
