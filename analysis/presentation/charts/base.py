"""The chart object: a tidy frame, its drawing, its description, and byte-deterministic saving."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

import pandas as pd

from analysis.errors import ParameterError
from analysis.paths import PACKAGE_DIR, REPORTS_DIR
from analysis.presentation import theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURES_ENV = "REPORT_FIGURES_DIR"
"""Environment variable naming the folder figures are saved in (the report build sets it)."""

NOTEBOOK_ENV = "JPY_SESSION_NAME"
"""Set by Jupyter Server in a kernel's environment: the path of the notebook it runs."""

INTERACTIVE_DIR = REPORTS_DIR / "interactive"
"""Where figures go outside a build: a folder per notebook (or per chart group) in here."""

FLOAT_FORMAT = "%.10g"
"""How floats are written into a figure's CSV: ten significant digits, the same on every run."""

TEMPLATES_DIR = PACKAGE_DIR / "presentation" / "templates"
"""The presentation layer's Jinja2 templates (the HTML form of a chart)."""

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")

REGISTRY: dict[str, type[Chart]] = {}
"""Every chart a notebook can make, by its factory's name (`analysis.charts.<name>`).

A `Chart` subclass that draws and has `of` registers itself when its class is defined, under
its `factory` name (by default its class name without 'Chart', in snake case:
`KindHeatmapChart` -> 'kind_heatmap'); `analysis.charts` finds it there.
"""


def figures_dir(group: str = "charts", parameters: Mapping[str, Any] | None = None) -> Path:
    """The folder a chart is saved in.

    Parameters
    ----------
    group : str
        The chart's group ('demographics', 'cohesion', ...), the folder's name when no
        notebook is known.
    parameters : mapping, optional
        The parameters the chart was made with; outside a build they name a sub-folder.

    Returns
    -------
    pathlib.Path
        `$REPORT_FIGURES_DIR` when set (the build sets it per notebook); else
        `reports/interactive/<notebook>/<parameters>/` when Jupyter names the notebook
        (`$JPY_SESSION_NAME`), else `reports/interactive/<group>/<parameters>/`, where
        `<parameters>` is `parameter_set(parameters)`: charts made with other parameters
        never overwrite each other. Never the working directory.
    """
    value = os.environ.get(FIGURES_ENV)
    if value:
        return Path(value).expanduser().resolve()
    session = os.environ.get(NOTEBOOK_ENV, "")
    stem = Path(session).stem if session.endswith(".ipynb") else ""
    folder = INTERACTIVE_DIR / (_folder_name(stem) or _folder_name(group) or "charts")
    return folder / parameter_set(parameters or {})


def parameter_set(parameters: Mapping[str, Any]) -> str:
    """A short name for a set of parameters: the first 10 hex digits of their JSON's sha256.

    The same values give the same name in any order and any session ('defaults' when
    there are none); the folder also holds `parameters.json`, which says what they were.
    """
    if not parameters:
        return "defaults"
    return hashlib.sha256(_parameters_json(parameters)).hexdigest()[:10]


def _parameters_json(parameters: Mapping[str, Any]) -> bytes:
    text = json.dumps(dict(parameters), sort_keys=True, default=str, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, without metadata that varies between runs."""
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
    }[fmt]
    buffer = io.BytesIO()
    with theme.theme_context():
        fig.savefig(
            buffer,
            format=fmt,
            dpi=theme.DPI,
            metadata=metadata,
            bbox_inches="tight",
            pad_inches=0.15,
            facecolor="white",
        )
    return buffer.getvalue()


def data_csv(data: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV bytes: fixed float format, ISO dates, '\\n' line ends.

    The index is written when it is named (a matrix keeps its row labels).
    """
    index = any(level is not None for level in data.index.names)
    text = data.to_csv(
        index=index,
        float_format=FLOAT_FORMAT,
        date_format="%Y-%m-%d",
        lineterminator="\n",
    )
    return text.encode("utf-8")


class Chart:
    """A chart: the tidy frame it plots, its drawing, its description, its files.

    A subclass sets `name` and `group`, draws in `draw()` (drawing only: every number
    comes from `frame`) and describes in `describe()`; its `of(...)` class method makes
    the frame with the facts layer's function. In a notebook, one line shows and saves::

        analysis.charts.census_shares(groups, start_year, end_year).show()

    Parameters
    ----------
    frame : pandas.DataFrame
        The data the chart plots, as the facts layer's function returns it.
    name : str, optional
        File stem (lower-case letters, digits and hyphens); the class's `name` by default.
    parameters : mapping, optional
        What the chart was made with (its factory's arguments): outside a build, the
        chart is saved in a folder of its own for each set of them.
    """

    name: ClassVar[str] = "chart"
    """The file stem of the chart's PNG, SVG and CSV."""

    group: ClassVar[str] = "charts"
    """The folder under `reports/interactive/` when no notebook is known."""

    factory: ClassVar[str] = ""
    """The name a notebook makes it by, `analysis.charts.<factory>(...)`; see `REGISTRY`."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Register a chart class that draws and has `of` (see `REGISTRY`)."""
        super().__init_subclass__(**kwargs)
        if cls.__name__.startswith("_") or "draw" not in cls.__dict__ or _no_of(cls):
            return
        name = cls.__dict__.get("factory") or _snake(cls.__name__.removesuffix("Chart"))
        known = REGISTRY.get(name)
        if known is not None and _origin(known) != _origin(cls):
            raise TypeError(
                f"chart {_origin(cls)} is named {name!r}, as {_origin(known)} is already;"
                " give one of them another `factory`"
            )
        cls.factory = name
        REGISTRY[name] = cls

    @classmethod
    def of(cls, *args: Any, **kwargs: Any) -> Self:
        """The chart of its facts function's frame, from that function's parameters."""
        raise NotImplementedError

    @classmethod
    def make(cls, *args: Any, **kwargs: Any) -> Self:
        """The chart of a frame a notebook already holds, or of the facts function's parameters.

        `analysis.charts.timeline(events)` charts the frame `events` (what the table above
        it shows); `analysis.charts.timeline(as_of, since, members)` computes it (`of`).
        """
        if args and isinstance(args[0], pd.DataFrame):
            frame, *rest = args
            if "parameters" not in kwargs:
                kwargs["parameters"] = _frame_parameters(frame)
            return cls(frame, *rest, **kwargs)
        return cls.of(*args, **kwargs)

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        name: str | None = None,
        parameters: Mapping[str, Any] | None = None,
    ) -> None:
        chosen = type(self).name if name is None else name
        if not isinstance(chosen, str) or not _NAME.fullmatch(chosen):
            raise ParameterError(
                f"figure name {chosen!r} must be lower-case letters, digits and hyphens"
            )
        self.frame = frame
        self.file_stem = chosen
        self.parameters = dict(parameters or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.frame)} rows, name={self.file_stem!r})"

    # -- what a subclass provides ---------------------------------------------------------

    def draw(self) -> Figure:
        """The chart as a matplotlib Figure (outside pyplot), drawn from `frame` alone."""
        raise NotImplementedError

    def describe(self) -> str:
        """The chart's description (its alt text), written from `frame`."""
        raise NotImplementedError

    # -- what every chart does ------------------------------------------------------------

    @property
    def alt(self) -> str:
        """The description of what the chart shows, from the frame: every value it plots."""
        return self.describe()

    def files(self) -> dict[str, bytes]:
        """The chart's PNG, SVG and CSV, byte-identical whenever the frame is the same."""
        fig = self.draw()
        try:
            self._check_figure(fig)
            return {
                "png": figure_bytes(fig, "png"),
                "svg": figure_bytes(fig, "svg"),
                "csv": data_csv(self.frame),
            }
        finally:
            _close(fig)

    def save(self, folder: str | Path | None = None) -> dict[str, Path]:
        """Write `<name>.png`, `.svg` and `.csv` (the frame), each replaced atomically.

        Parameters
        ----------
        folder : str or pathlib.Path, optional
            Where to write; by default `figures_dir(group)`.

        Returns
        -------
        dict
            The paths written, under the keys 'png', 'svg' and 'csv'.
        """
        return self._write(self._checked_alt(), self.files(), folder)

    def show(self, folder: str | Path | None = None) -> None:
        """Save the chart (as `save`) and display it with its description, in one call.

        In a kernel the display carries the description three ways: an HTML image with
        `alt`, the PNG with `alt` metadata, and the text form; outside one, nothing prints.
        """
        alt = self._checked_alt()
        content = self.files()
        self._write(alt, content, folder)
        _publish(_bundle(content["png"], alt))

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The chart for IPython's display: HTML image with alt, PNG with alt, plain text."""
        fig = self.draw()
        try:
            png = figure_bytes(fig, "png")
        finally:
            _close(fig)
        return _bundle(png, self.alt)

    def _check_figure(self, fig: Figure) -> None:
        """Refuse, in one line, a figure a reader could not read on its own.

        It needs a title (`fig.suptitle`), an x-axis label (panels may share one), a y
        label on each panel (rows may be labelled by tick labels or texts), and, when
        its frame has rows, a caption naming its sources (`fig.text(..., source_caption(...))`).
        """
        missing = [] if fig.get_suptitle() else ["a title (suptitle)"]
        plots = [ax for ax in fig.axes if str(ax.get_label()).strip("<>") != "colorbar"]
        if plots and not any(ax.get_xlabel() for ax in plots):  # panels may share one
            missing.append("an x-axis label")
        if any(not (ax.get_ylabel() or ax.get_yticklabels() or ax.texts) for ax in plots):
            missing.append("a y-axis label")
        sourced = any(t.get_text().startswith(("Source: ", "Sources: ")) for t in fig.texts)
        if not sourced and not self.frame.empty:  # an empty frame plots nothing to source
            missing.append("a 'Source: ...' caption (source_caption)")
        if missing:
            needs = ", ".join(dict.fromkeys(missing))
            raise ParameterError(f"figure {self.file_stem!r} needs {needs}: add it in draw()")

    def _checked_alt(self) -> str:
        alt = self.alt
        if not isinstance(alt, str) or not alt.strip():
            raise ParameterError(f"figure {self.file_stem!r} needs alt text")
        return alt

    def _write(
        self, alt: str, content: dict[str, bytes], folder: str | Path | None
    ) -> dict[str, Path]:
        target = figures_dir(self.group, self.parameters) if folder is None else Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        if folder is None and not os.environ.get(FIGURES_ENV):
            _write_atomically(target / "parameters.json", _parameters_json(self.parameters))
        paths = {kind: target / f"{self.file_stem}.{kind}" for kind in ("png", "svg", "csv")}
        for kind, path in paths.items():
            _write_atomically(path, content[kind])
        return paths


def _no_of(cls: type[Chart]) -> bool:
    """Whether a chart class has no `of` of its own or inherited (only `Chart`'s)."""
    return getattr(cls.of, "__func__", None) is Chart.of.__func__  # type: ignore[attr-defined]


def _snake(name: str) -> str:
    """'KindHeatmap' -> 'kind_heatmap'."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _origin(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _frame_parameters(frame: pd.DataFrame) -> dict[str, Any]:
    """What a frame was computed with, as its `attrs` record it (its sources left out).

    Outside a build a chart made from a frame is saved in a folder of its own for these,
    as one made from the parameters is.
    """
    return {str(key): value for key, value in frame.attrs.items() if key != "sources"}


def _bundle(png: bytes, alt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(data, metadata) of a chart's display: HTML `<img alt>`, PNG with alt, the alt as text.

    JupyterLab and nbconvert show the HTML (its `alt` survives their sanitizers); the
    report build and its site read the PNG and its `alt` metadata.
    """
    encoded = base64.b64encode(png).decode("ascii")
    html = _template().render(png=encoded, alt=" ".join(alt.split()))
    data = {"text/html": html, "image/png": encoded, "text/plain": alt}
    return data, {"image/png": {"alt": alt}}


@functools.cache
def _template() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        keep_trailing_newline=False,
    )
    return environment.get_template("chart.html.j2")


def _publish(bundle: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Display a bundle when running in an IPython kernel or shell; else do nothing."""
    if "IPython" not in sys.modules:
        return
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display

    if not InteractiveShell.initialized():
        return
    data, metadata = bundle
    display(data, raw=True, metadata=metadata)


def _folder_name(text: str) -> str:
    """A notebook's or group's name as a folder name: letters, digits, '-', '_', '.'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")


def _write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file so that a reader never sees half a figure."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


def _close(fig: Figure) -> None:
    """Release the figure; pyplot is only asked when it is in use."""
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close(fig)
