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
    "V mV kV µV μV uV A mA µA μA uA nA W mW kW µW μW Wh kWh mWh Ah mAh Hz kHz MHz GHz Ω kΩ MΩ mΩ "
    "F µF μF uF nF pF mH µH μH °C °F mm cm km µm μm um nm ft g mg kg µg μg lb oz ms µs μs us ns "
    "dB dBm dBA lx lux ppi dpi MP Mpx bit bits kbit Mbit Gbit Kbps kbps Mbps "
    "Gbps KB kB MB GB TB bps rpm Pa kPa MPa psi mL ml N Nm kJ mJ kcal "
    "fps V/V mW/cm² µW/cm² W/m² %RH".split()
)  # no symbol that is also a word or a count's noun ("in", "h", "m", "s", "l")
_NUMBER = re.compile(r"^[<>≤≥±~+−-]?\d+(?:[.,]\d+)*$")
_GLUED = re.compile(r"^([<>≤≥±~+−-]?\d+(?:[.,]\d+)*)([^\d\s]+)$")
_WORD = re.compile(r"^[^\W\d_][^\W\d_\-'’/]*$")
LABEL_WORDS = 2
RANGE_MARKS = frozenset({"-", "–", "—", "~", "…", "...", "to"})
MIN_FIGURES = 8
FIGURE_WORDS = 100  # a spec sheet has a unit figure at least every this many words
MAX_SHOWN = 8


def _unit(token: str) -> str:
    token = token.strip(",;:()[]")
    return token if token in UNITS else ""


def _figure_at(tokens: Sequence[str], i: int) -> tuple[str, str, int] | None:
    """The number and unit of the figure at ``tokens[i]`` and how many tokens it takes."""
    value = tokens[i].strip("(,;")
    glued = _GLUED.match(value)
    if glued and _unit(glued.group(2)):
        return glued.group(1), _unit(glued.group(2)), 1
    if _NUMBER.match(value) and i + 1 < len(tokens) and _unit(tokens[i + 1]):
        return value, _unit(tokens[i + 1]), 2
    return None


SHORT_WORD = 4  # letters of a lowercase word that joins a sentence, not a label, at most


def _joining(word: str) -> bool:
    """A short lowercase word ending a label is the sentence's ("from", "is", "at")."""
    return word[:1].islower() and len(word) <= SHORT_WORD and not word[1:].isupper()


def _opener(label: Sequence[str]) -> bool:
    """A lone short capitalised word ("The", "Die") opens a sentence; "RAM", "VDD" label."""
    return len(label) == 1 and len(label[0]) <= 3 and not label[0].isupper()


def _ascending(low: str, high: str) -> bool:
    """A range runs from the lower number to the higher; numbers it cannot read pass."""
    try:
        return float(low.replace(",", ".").lstrip("+")) < float(high.replace(",", ".").lstrip("+"))
    except ValueError:
        return True


def _range_end(tokens: Sequence[str], i: int, unit: str) -> tuple[str, int] | None:
    """A range's far end after a range mark at ``tokens[i]``, in the same ``unit``: its number
    and how many tokens the mark and it take ("1.7 V to 3.6 V", "1.7 - 3.6 V")."""
    if i + 1 >= len(tokens) or tokens[i] not in RANGE_MARKS:
        return None
    far = _figure_at(tokens, i + 1)
    return (far[0], 1 + far[2]) if far and far[1] == unit else None


def _checked(number: str, near: tuple[str, int] | None) -> tuple[str, int] | None:
    return near if near and _ascending(number, near[0]) else None


def unit_figures(text: str) -> list[str]:
    """The unit figures of one line, each with its label where it has one, in order
    ("Kapazität 3.000 mAh", "2TB"); a range as one ("Operation voltage 1.7 to 3.6 V")."""
    tokens = text.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = _figure_at(tokens, i)
        bare = _NUMBER.match(tokens[i].strip("(,;"))
        near: tuple[str, int] | None = None
        if found is None and bare and i + 3 < len(tokens):
            # "1.7 - 3.6 V": the unit after the far end only
            far = _figure_at(tokens, i + 2) if tokens[i + 1] in RANGE_MARKS else None
            if far and _ascending(tokens[i].strip("(,;"), far[0]):
                found, near = (tokens[i].strip("(,;"), far[1], 1), (far[0], 1 + far[2])
        if found is None:
            i += 1
            continue
        number, unit, taken = found
        near = _checked(number, near or _range_end(tokens, i + taken, unit))
        figure = f"{number} to {near[0]} {unit}" if near else f"{number} {unit}"
        label: list[str] = []
        for word in reversed(tokens[max(0, i - LABEL_WORDS) : i]):
            word = word.rstrip(":")
            if not _WORD.match(word) or word in UNITS:
                break
            label.insert(0, word)
        while label and label[0][:1].islower():
            label.pop(0)  # "ranges from", "x", "bis zu": running words, no label
        if label and (_joining(label[-1]) or _opener(label)):
            label = []  # "Timing from", "The": a sentence's words, no label
        out.append(" ".join([*label, figure]))
        i += taken + (near[1] if near else 0)
    return out


def _words(sentences: Sequence[Sentence]) -> int:
    return sum(len(s.text.split()) for s in sentences)


def spec_sheet(sentences: Sequence[Sentence]) -> bool:
    """Whether the text is a spec sheet's: dense with different unit figures (see above)."""
    figures = {f.split()[-2] + f.split()[-1] for s in sentences for f in unit_figures(s.text)}
    return len(figures) >= MIN_FIGURES and len(figures) * FIGURE_WORDS >= _words(sentences)


NAME_LOWERCASE = 3  # a quantity's name has a word with this many lowercase letters at least
MIN_LABELLED = 2  # with this many named figures, the unnamed ones are left out of the line


def quantity_name(label: str) -> bool:
    """A label naming a quantity in words ("Operation voltage", "Gewicht"), not a part code or
    a symbol in capitals, alone or next to the figure ("IRED", "DIE", "Supply voltage VDD")."""
    words = label.split()
    if not words or (len(words[-1]) >= 2 and words[-1].isupper()):
        return False
    return any(sum(c.islower() for c in word) >= NAME_LOWERCASE for word in words)


def _named(figure: str) -> str:
    """The figure with its label only where the label is a quantity's name."""
    words = figure.split()
    at = next(i for i, w in enumerate(words) if w[:1].isdigit() or w[:1] in "<>≤≥±~+−-")
    return figure if quantity_name(" ".join(words[:at])) else " ".join(words[at:])


def spec_pages(sentences: Sequence[Sentence]) -> int:
    """The last page of the main spec table: the page with the most unit figures (the later
    one of a tie). Rows after it (packaging, soldering, process) are no product figures."""
    counts: dict[int, int] = {}
    for s in sentences:
        counts[s.page] = counts.get(s.page, 0) + len(unit_figures(s.text))
    return max(counts, key=lambda page: (counts[page], page)) if counts else 0


def figures_line(sentences: Sequence[Sentence]) -> str:
    """ "Its figures: Kapazität 3.000 mAh; 2,5 GHz; …" with the first MAX_SHOWN different
    unit figures up to the main spec table's page, in the order printed, those named by a
    quantity's name only where MIN_LABELLED are (else labelled ones first); "" for fewer
    than MIN_FIGURES in the whole text."""
    last = spec_pages(sentences)
    seen: dict[str, str] = {}
    total: set[str] = set()
    for s in sentences:
        for figure in unit_figures(s.text):
            key = " ".join(figure.split()[-2:])
            total.add(key)
            figure = _named(figure)
            if s.page <= last and (key not in seen or len(figure) > len(seen[key])):
                seen[key] = figure
    if len(total) < MIN_FIGURES:
        return ""
    order = list(seen.values())
    shown = [f for f in order if len(f.split()) > 2][:MAX_SHOWN]
    if len(shown) < MIN_LABELLED:
        shown += [f for f in order if len(f.split()) == 2][: MAX_SHOWN - len(shown)]
    shown.sort(key=order.index)
    more = len(total) - len(shown)
    tail = f"; and {more} more" if more > 0 else ""
    return f"Its figures: {'; '.join(shown)}{tail}."
