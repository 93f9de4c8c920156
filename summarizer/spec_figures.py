"""A spec sheet's figures (#19): the numbers its label–value rows give with a unit, by format.

- A **unit figure** is a number followed by a unit symbol ("3.000 mAh", "2,5 GHz", "1.7 V"),
  or glued to one ("2TB", "1GeV"). Unit symbols are the international ones (SI and the
  common technical units), the same in every language; a word after a number is no unit.
- Its **label** is the run of up to LABEL_WORDS words with letters just before the number,
  from the first one with a capital, where the row has one ("Kapazität 3.000 mAh",
  "Operating voltage 3.6 V"; "ranges from 1.7 V" and "bis zu 2 TB" have none).
- A **spec sheet** is a document whose text is dense with unit figures: at least MIN_FIGURES
  different ones, one per FIGURE_WORDS words of its text or more (a paper that reports a few
  measurements in running prose has far fewer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence

UNITS = frozenset(
    "V mV kV µV uV A mA µA uA nA W mW kW µW Wh kWh mWh Ah mAh Hz kHz MHz GHz Ω kΩ MΩ mΩ "
    "F µF uF nF pF mH µH °C °F mm cm km µm um nm ft g mg kg µg lb oz ms µs us ns "
    "dB dBm dBA lx lux ppi dpi MP Mpx bit bits kbit Mbit Gbit Kbps kbps Mbps "
    "Gbps KB kB MB GB TB bps rpm Pa kPa MPa psi mL ml N Nm kJ mJ kcal "
    "fps V/V mW/cm² µW/cm² W/m² %RH".split()
)  # no symbol that is also a word or a count's noun ("in", "h", "m", "s", "l")
_NUMBER = re.compile(r"^[<>≤≥±~+−-]?\d+(?:[.,]\d+)*$")
_GLUED = re.compile(r"^([<>≤≥±~+−-]?\d+(?:[.,]\d+)*)([^\d\s]+)$")
_WORD = re.compile(r"^[^\W\d_][^\W\d_\-'’/]*$")
LABEL_WORDS = 2
MIN_FIGURES = 8
FIGURE_WORDS = 100  # a spec sheet has a unit figure at least every this many words
MAX_SHOWN = 8


def _unit(token: str) -> str:
    token = token.strip(",;:()[]")
    return token if token in UNITS else ""


def unit_figures(text: str) -> list[str]:
    """The unit figures of one line, each with its label where it has one, in order
    ("Kapazität 3.000 mAh", "2TB")."""
    tokens = text.split()
    out: list[str] = []
    for i, token in enumerate(tokens):
        value = token.strip("(,;")
        glued = _GLUED.match(value)
        if glued and _unit(glued.group(2)):
            figure = f"{glued.group(1)} {_unit(glued.group(2))}"
        elif _NUMBER.match(value) and i + 1 < len(tokens) and _unit(tokens[i + 1]):
            figure = f"{value} {_unit(tokens[i + 1])}"
        else:
            continue
        label: list[str] = []
        for word in reversed(tokens[max(0, i - LABEL_WORDS) : i]):
            if not _WORD.match(word) or word in UNITS:
                break
            label.insert(0, word)
        while label and label[0][:1].islower():
            label.pop(0)  # "ranges from", "x", "bis zu": running words, no label
        out.append(" ".join([*label, figure]))
    return out


def _words(sentences: Sequence[Sentence]) -> int:
    return sum(len(s.text.split()) for s in sentences)


def spec_sheet(sentences: Sequence[Sentence]) -> bool:
    """Whether the text is a spec sheet's: dense with different unit figures (see above)."""
    figures = {f.split()[-2] + f.split()[-1] for s in sentences for f in unit_figures(s.text)}
    return len(figures) >= MIN_FIGURES and len(figures) * FIGURE_WORDS >= _words(sentences)


def figures_line(sentences: Sequence[Sentence]) -> str:
    """ "Its figures: Kapazität 3.000 mAh; 2,5 GHz; …" with the first MAX_SHOWN different
    unit figures, labelled ones first; "" for fewer than MIN_FIGURES."""
    seen: dict[str, str] = {}
    for s in sentences:
        for figure in unit_figures(s.text):
            key = " ".join(figure.split()[-2:])
            if key not in seen or len(figure) > len(seen[key]):
                seen[key] = figure
    if len(seen) < MIN_FIGURES:
        return ""
    order = list(seen.values())
    shown = [f for f in order if len(f.split()) > 2][:MAX_SHOWN]
    shown += [f for f in order if len(f.split()) == 2][: MAX_SHOWN - len(shown)]
    shown.sort(key=order.index)
    more = len(order) - len(shown)
    tail = f"; and {more} more" if more > 0 else ""
    return f"Its figures: {'; '.join(shown)}{tail}."
