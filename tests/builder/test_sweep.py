"""Sweeps before any kernel: parsing, naming, checking every variant, planning and reuse."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from analysis.builder import sweep
from analysis.builder.manifest import read_manifest
from analysis.builder.plan import plan_build
from analysis.cli import main, project_config
from analysis.errors import ParameterError
from analysis.facts.rules import check_parameters
from tests.conftest import make_notebook

FACT_CHECK = project_config().notebooks_dir / "04_fact_check.ipynb"
COHESION = project_config().notebooks_dir / "03_alliance_cohesion.ipynb"


def _typed(folder: Path) -> Path:
    return make_notebook(
        folder,
        "typed",
        "items: list = ['a', 'b']  # a list\nratio: float = 1.0  # a number\n"
        "flag: bool = False  # a switch\nlabel: str = 'x'  # a text\n",
        "print(items, ratio, flag, label)",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ratio=0,0.5, 2", ("ratio", ["0", "0.5", "2"])),
        ("items=[a, b],[c]", ("items", ["[a, b]", "[c]"])),
        ("label='a,b',c", ("label", ["'a,b'", "c"])),
        (" ratio = 1", ("ratio", ["1"])),
    ],
)
def test_a_sweep_splits_its_values_on_commas_outside_brackets_and_quotes(
    text: str, expected: tuple[str, list[str]]
) -> None:
    assert sweep.parse_sweep(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ratio", "expected NAME=V1,V2"),
        ("=1,2", "expected NAME=V1,V2"),
        ("ratio=", "expected NAME=V1,V2"),
        ("ratio=1,,2", "an empty value"),
        ("ratio=1,", "an empty value"),
        ("items=[a,b", "unbalanced"),
    ],
)
def test_a_malformed_sweep_is_refused(text: str, words: str) -> None:
    with pytest.raises(ParameterError, match=words):
        sweep.parse_sweep(text)


@pytest.mark.parametrize(
    ("values", "name"),
    [
        ({"ratio": 0.0}, "nb~ratio=0"),
        ({"ratio": 0.5}, "nb~ratio=0.5"),
        ({"ratio": 2.0, "flag": True}, "nb~ratio=2~flag=true"),
        ({"items": ["a", "b"]}, "nb~items=a,b"),
        ({"as_of": "2022-06-30"}, "nb~as_of=2022-06-30"),
    ],
)
def test_a_variant_is_named_after_its_notebook_and_swept_values(
    values: dict[str, object], name: str
) -> None:
    assert sweep.variant_name("nb", values) == name


def test_a_value_that_is_not_url_safe_is_replaced_and_the_name_made_unique_by_a_hash() -> None:
    one = sweep.variant_name("nb", {"label": "a/b c"})
    two = sweep.variant_name("nb", {"label": "a b/c"})
    assert one.startswith("nb~label=a_b_c~")
    assert two.startswith("nb~label=a_b_c~")
    assert one != two
    assert all(ch.isalnum() or ch in "._,=~-" for ch in one + two)
    long = sweep.variant_name("nb", {"label": "x" * 500})
    assert len(long) <= sweep.MAX_NAME + 9
    assert long == sweep.variant_name("nb", {"label": "x" * 500})


def test_the_variants_are_the_product_of_the_values_in_the_order_given(tmp_path: Path) -> None:
    notebook = _typed(tmp_path)
    variants = sweep.expand(
        notebook, [("ratio", ["1", "0.5"]), ("flag", ["true", "no"])], {"label": "y"}, None
    )
    assert [name for name, _, _ in variants] == [
        "typed~ratio=1~flag=true",
        "typed~ratio=1~flag=false",
        "typed~ratio=0.5~flag=true",
        "typed~ratio=0.5~flag=false",
    ]
    assert variants[2][1] == {"ratio": 0.5, "flag": True}
    assert variants[2][2] == {"items": ["a", "b"], "ratio": 0.5, "flag": True, "label": "y"}


@pytest.mark.parametrize(
    ("axes", "fixed", "words"),
    [
        ([("ratoi", ["1"])], {}, "typed has no parameter 'ratoi'; did you mean 'ratio'?"),
        ([("ratio", ["1", "1.0"])], {}, "ratio has the value 1.0 twice"),
        ([("ratio", ["1"]), ("ratio", ["2"])], {}, "ratio is swept twice"),
        ([("ratio", ["1", "2"])], {"ratio": "3"}, "ratio is also set by -p"),
        ([("ratio", ["1", "abc"])], {}, "typed, variant ratio=abc: ratio must be a number"),
        ([("items", ["[a, a]"])], {}, "items has 'a' twice"),
        ([("ratio", [str(n) for n in range(300)])], {}, "300 variants; at most 256"),
    ],
)
def test_a_bad_sweep_is_one_line_naming_what_is_wrong(
    tmp_path: Path, axes: list[sweep.Axis], fixed: dict[str, str], words: str
) -> None:
    with pytest.raises(ParameterError, match=words.replace("?", r"\?").replace(".", r"\.")):
        sweep.expand(_typed(tmp_path), axes, fixed, None)


def test_each_variant_is_checked_by_the_projects_rules_naming_parameter_value_and_variant() -> None:
    with pytest.raises(ParameterError) as raised:
        sweep.expand(FACT_CHECK, [("tolerance_pp", ["0", "-1"])], {}, check_parameters)
    message = str(raised.value)
    assert "04_fact_check, variant tolerance_pp=-1" in message
    assert "tolerance_pp must be a number from 0 to 100" in message
    with pytest.raises(ParameterError, match="variant as_of=2019-01-01: as_of 2019-01-01 is"):
        sweep.expand(COHESION, [("as_of", ["2023-01-01", "2019-01-01"])], {}, check_parameters)


def test_a_plan_holds_one_notebook_per_variant_and_the_sweep_record(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    plan = plan_build(
        project_config(), ["04_fact_check"], out=out, sweep=[("tolerance_pp", ["0", "2"])]
    )
    assert [nb.name for nb in plan.notebooks] == [
        "04_fact_check~tolerance_pp=0",
        "04_fact_check~tolerance_pp=2",
    ]
    assert {nb.variant_of for nb in plan.notebooks} == {"04_fact_check"}
    assert plan.notebooks[0].key != plan.notebooks[1].key
    assert plan.sweeps == [
        {
            "notebook": "04_fact_check",
            "names": ["tolerance_pp"],
            "variants": [
                {"name": n, "values": {"tolerance_pp": v}, "folder": n, "page": f"{n}/{n}.html"}
                for n, v in (("04_fact_check~tolerance_pp=0", 0.0),
                             ("04_fact_check~tolerance_pp=2", 2.0))
            ],
        }
    ]  # fmt: skip
    assert not out.exists()


def test_a_sweep_records_the_measures_the_configuration_names_for_its_notebook(
    tmp_path: Path,
) -> None:
    import dataclasses

    config = dataclasses.replace(
        project_config(), sweep_measures=(("03_alliance_cohesion", ("events", "distancing")),)
    )
    axis = [("as_of", ["2022-12-31"])]
    plan = plan_build(config, ["03_alliance_cohesion"], out=tmp_path, sweep=axis)
    assert plan.sweeps[0]["measures"] == ["events", "distancing"]
    plan = plan_build(config, ["04_fact_check"], out=tmp_path, sweep=[("tolerance_pp", ["1"])])
    assert "measures" not in plan.sweeps[0]


@pytest.mark.parametrize("names", [[], ["04_fact_check", "00_brief"]])
def test_a_sweep_needs_exactly_one_notebook(tmp_path: Path, names: list[str]) -> None:
    with pytest.raises(ParameterError, match="--sweep needs exactly one NOTEBOOK"):
        plan_build(project_config(), names, out=tmp_path, sweep=[("tolerance_pp", ["1"])])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--sweep", "ratio=1,-inf"], "typed, variant ratio=-inf: ratio must be a finite number"),
        (["--sweep", "ratio=1,1"], "ratio has the value 1.0 twice"),
        (["--sweep", "nope=1,2"], "typed has no parameter 'nope'"),
        (["-p", "ratio=2", "--sweep", "ratio=1,3"], "ratio is also set by -p"),
        (["--sweep", "ratio=1", "--sweep", "ratio=2"], "ratio is swept twice"),
        (["--sweep", "ratio"], "expected NAME=V1,V2"),
    ],
)
def test_a_bad_sweep_on_the_command_line_exits_2_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], words: str
) -> None:
    notebook = _typed(tmp_path / "nb")
    before = sorted(tmp_path.rglob("*"))
    status = main(["build", str(notebook), "--out", str(tmp_path / "reports"), *args])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.strip().splitlines() == [f"csto-report: error: {_line(captured.err)}"]
    assert words in captured.err
    assert sorted(tmp_path.rglob("*")) == before


def _line(err: str) -> str:
    return err.strip().removeprefix("csto-report: error: ")


@pytest.mark.parametrize("notebooks", [[], ["04_fact_check", "00_brief"]])
def test_a_sweep_of_no_or_two_notebooks_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, notebooks: list[str]
) -> None:
    status = main(["build", *notebooks, "--out", str(tmp_path / "r"), "--sweep", "tolerance_pp=1"])
    assert status == 2
    assert "--sweep needs exactly one NOTEBOOK" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_the_help_states_the_cap_and_the_naming(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"at most {sweep.MAX_VARIANTS} variants" in text
    assert "NOTEBOOK~NAME=VALUE" in text


def _run(out: Path, run_id: str, entries: list[dict[str, str]]) -> Path:
    run = out / run_id
    for entry in entries:
        (run / entry["name"]).mkdir(parents=True)
    build = {"render_key": "r-" + run_id, "notebooks": [{**e, "parameters": {}} for e in entries]}
    (run / "manifest.json").write_text(json.dumps({"build": build}), encoding="utf-8")
    return run


def test_a_variant_is_found_in_the_newest_older_run_that_has_it_with_the_same_key(
    tmp_path: Path,
) -> None:
    out = tmp_path / "reports"
    older = _run(out, "20260101T000000.000000Z", [{"name": "nb~v=1", "key": "k1"}])
    newer = _run(out, "20260102T000000.000000Z", [{"name": "nb~v=1", "key": "other"}])
    latest = _run(out, "20260103T000000.000000Z", [{"name": "nb", "key": "k0"}])
    runs = sweep.OlderRuns(out, latest)

    def keyed(key: str) -> Callable[[Mapping[str, Any]], bool]:
        return lambda record: record["key"] == key

    found = runs.find("nb~v=1", keyed("k1"))
    assert found is not None
    assert found[:2] == (older / "nb~v=1", "r-20260101T000000.000000Z")
    found = runs.find("nb~v=1", keyed("other"))
    assert found is not None
    assert found[:2] == (newer / "nb~v=1", "r-20260102T000000.000000Z")
    assert runs.find("nb~v=2", keyed("k1")) is None
    assert runs.find("nb", keyed("k0")) is None  # the latest run is not an older one


def test_a_manifest_with_variants_is_read_and_one_with_a_path_as_name_is_not(
    tmp_path: Path,
) -> None:
    good = _run(tmp_path, "a", [{"name": "nb~as_of=2022-06-30~x=1,2", "key": "k"}])
    assert read_manifest(good) is not None
    bad = tmp_path / "b"
    bad.mkdir()
    build = {"notebooks": [{"name": "../nb~x=1", "key": "k", "parameters": {}}]}
    (bad / "manifest.json").write_text(json.dumps({"build": build}), encoding="utf-8")
    assert read_manifest(bad) is None


def _latest_with_a_sweep(out: Path) -> None:
    """A published run holding a variant of the fact check and its sweep record."""
    name = "04_fact_check~tolerance_pp=2"
    (out / "r1" / name).mkdir(parents=True)
    variant = {"name": name, "values": {"tolerance_pp": 2.0}, "folder": name,
               "page": f"{name}/{name}.html"}  # fmt: skip
    build = {
        "render_key": "r",
        "notebooks": [{"name": name, "key": "k", "source": "notebooks/04_fact_check.ipynb",
                       "parameters": {"tolerance_pp": 2.0}, "variant_of": "04_fact_check"}],
        "sweeps": [{"notebook": "04_fact_check", "names": ["tolerance_pp"],
                    "variants": [variant]}],
    }  # fmt: skip
    (out / "r1" / "manifest.json").write_text(json.dumps({"build": build}), encoding="utf-8")
    (out / "latest").symlink_to("r1")


def test_a_build_of_some_notebooks_keeps_the_sweeps_and_a_build_of_all_drops_them(
    tmp_path: Path,
) -> None:
    _latest_with_a_sweep(tmp_path)
    some = plan_build(project_config(), ["00_brief"], out=tmp_path)
    assert [nb.name for nb in some.notebooks] == ["00_brief", "04_fact_check~tolerance_pp=2"]
    assert some.sweeps == some.published_sweeps
    every = plan_build(project_config(), None, out=tmp_path)
    assert not [nb.name for nb in every.notebooks if "~" in nb.name]
    assert every.sweeps == []
    again = plan_build(project_config(), ["04_fact_check"], out=tmp_path,
                       sweep=[("tolerance_pp", ["0"])])  # fmt: skip
    assert [nb.name for nb in again.notebooks] == ["04_fact_check~tolerance_pp=0"]
    assert [s["variants"][0]["name"] for s in again.sweeps] == ["04_fact_check~tolerance_pp=0"]
