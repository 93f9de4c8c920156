import subprocess
import sys
from pathlib import Path

from ingestion import document_sentences, read_pdf, split_sentences
from ingestion.sentences import detect_language


def test_english_abbreviations_do_not_split() -> None:
    text = "Dr. Smith met Mr. Jones at 5 p.m. on Jan. 3. They talked for an hour. Then they left."
    assert split_sentences(text) == [
        "Dr. Smith met Mr. Jones at 5 p.m. on Jan. 3.",
        "They talked for an hour.",
        "Then they left.",
    ]


def test_an_initialism_before_a_lowercase_word_ends_no_sentence() -> None:
    text = "The I.S.P. cruisers closed in. Tom tugged at his I.S.P. uniform. He knew the U.S. Navy."
    assert split_sentences(text) == [
        "The I.S.P. cruisers closed in.",
        "Tom tugged at his I.S.P. uniform.",
        "He knew the U.S. Navy.",
    ]


def test_a_lowercase_latin_abbreviation_before_a_figure_ends_no_sentence() -> None:
    text = (
        "The aims were to (1) fit the curves; i.e. 10th percentile for each year, and (2) map"
        " them. We met at 10 a.m. The board agreed."
    )
    assert split_sentences(text) == [
        "The aims were to (1) fit the curves; i.e. 10th percentile for each year, and (2) map"
        " them.",
        "We met at 10 a.m.",
        "The board agreed.",
    ]


def test_a_reference_word_before_its_number_ends_no_sentence() -> None:
    text = "Locate Docket No. FAA–2020–0686 online. See Fig. 3 for the pier. Call Dr. Smith now."
    assert split_sentences(text) == [
        "Locate Docket No. FAA–2020–0686 online.",
        "See Fig. 3 for the pier.",
        "Call Dr. Smith now.",
    ]


def test_german_uses_german_model() -> None:
    text = "Das ist z.B. ein Satz über die Stadt. Und der zweite Satz ist nicht viel länger."
    assert detect_language(text) == "german"
    assert len(split_sentences(text)) == 2


def test_chinese_and_arabic_fall_back_without_crashing() -> None:
    zh = "今天天气很好。我们去公园散步！你想一起去吗？"
    assert detect_language(zh) == "other"
    assert split_sentences(zh) == ["今天天气很好。", "我们去公园散步！", "你想一起去吗？"]
    ar = "هذا نص عربي قصير. وهذه جملة ثانية؟ نعم"
    assert len(split_sentences(ar)) == 3


def test_paragraph_breaks_end_sentences() -> None:
    assert split_sentences("A heading without a stop\n\nThe body text follows.") == [
        "A heading without a stop",
        "The body text follows.",
    ]


def test_sentences_keep_their_page_numbers(make_pages_pdf) -> None:
    pages = [
        ["The first page talks about apples.", "Apples are red or green."],
        ["The second page talks about pears.", "Pears are sweet."],
        ["The third page is about plums and this sentence continues onto"],
        ["the fourth page where it finally ends.", "Figs come last."],
    ]
    doc = read_pdf(make_pages_pdf("pages.pdf", pages))
    got = [(s.text, s.page) for s in document_sentences(doc)]
    assert ("The first page talks about apples.", 1) in got
    assert ("Pears are sweet.", 2) in got
    # A sentence crossing a page break stays whole and belongs to the page it starts on.
    assert (
        "The third page is about plums and this sentence continues onto the fourth page where "
        "it finally ends.",
        3,
    ) in got
    assert ("Figs come last.", 4) in got


def test_sentences_skip_pages_without_usable_text(make_pages_pdf) -> None:
    pages = [["Real words on the first page."], [], ["More real words on page three."]]
    doc = read_pdf(make_pages_pdf("gap.pdf", pages))
    assert [s.page for s in document_sentences(doc)] == [1, 3]
    assert doc.pages[1].quality.no_text


def test_sample_pdfs_split(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "samples"
    doc = read_pdf(root / "synopsis-user-guide.pdf")
    sents = document_sentences(doc)
    assert len(sents) > 15
    assert {s.page for s in sents} == {1, 2}


def test_splitting_imports_nltk_without_its_optional_scientific_stack() -> None:
    """NLTK's own import pulls SciPy and scikit-learn in wherever they are installed (about 2 s
    of every command); sentence splitting and stemming need neither, and both stay importable."""
    code = (
        "import importlib.util, sys\n"
        "from ingestion.sentences import punkt_tokenizer\n"
        "from summarizer.textrank import content_terms\n"
        "print(punkt_tokenizer('english').tokenize('Dr. Smith came. He sat down.'))\n"
        "print(content_terms('The runners were running'))\n"
        "print(sorted(m for m in ('scipy', 'sklearn') if m in sys.modules))\n"
        "for m in ('scipy', 'sklearn'):\n"
        "    if importlib.util.find_spec(m) is not None:\n"
        "        importlib.import_module(m)\n"
        "        print(m, 'importable')\n"
    )
    out = _python(code)
    assert out[0] == "['Dr. Smith came.', 'He sat down.']"
    assert out[1] == "['runner', 'run']"
    assert out[2] == "[]"  # neither was imported by NLTK
    for line in out[3:]:
        assert line.endswith("importable")


def test_only_nltks_own_imports_are_refused_the_optional_stack() -> None:
    """The finder that keeps SciPy from NLTK refuses it to NLTK's modules alone, so another
    thread importing it meanwhile, or a library asking what is installed, is not misled."""
    code = (
        "import sys\n"
        "from ingestion.nltk_import import _RefusedToNltk\n"
        "sys.meta_path.insert(0, _RefusedToNltk())\n"
        "try:\n"
        "    exec('import scipy', {'__name__': 'nltk.metrics.association'})\n"
        "except ModuleNotFoundError:\n"
        "    print('refused to nltk')\n"
        "exec('import scipy', {'__name__': 'transformers.utils'})\n"
        "print('given to others', 'scipy' in sys.modules)\n"
    )
    out = _python(code)
    assert out == ["refused to nltk", "given to others True"]


def _python(code: str) -> list[str]:
    """The lines ``code`` prints, run by a fresh interpreter (nothing imported beforehand)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
