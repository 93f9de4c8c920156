"""One home for how a summary reads (#12): `synopsis show`, Markdown exports and sidecars and
the GUI pane render the same `Reading` of a real stored document."""

import html
import re

from app import pipeline
from app.export import export, write_sidecar
from app.render import FALLBACK_NOTE, NOT_SUMMARIZED, as_html, as_markdown, as_text, reading
from app.store import Store
from tests.app.test_outline import CHAPTERS, book


def test_text_markdown_and_html_carry_the_same_points_pages_and_sections(
    tmp_path, settings
) -> None:
    path, _pages, _starts = book(tmp_path)
    with Store(settings.db) as store:
        events = list(pipeline.run([path], settings, store))
        assert events[-1].kind == "done" and "1 summarized" in events[-1].message
        (doc,) = store.recent()
        detail = store.detail(doc.id)
        assert detail is not None
        r = reading(detail)
        assert r.points and [s.title for s in r.outline] == list(CHAPTERS)
        text, md = as_text(r), as_markdown(r)
        page = html.unescape(re.sub(r"<[^>]+>", "", as_html(r)).replace("&nbsp;", " "))
        for point in r.points:
            assert f"{point.text}  [{point.where}]" in text
            assert f"- {point.text} ({point.where})" in md
            assert point.text in page and all(f'href="page:{n}"' in as_html(r) for n in point.pages)
        # The gist opens every writer: what the document is, then what it is about (#19).
        assert r.gist and r.gist[0].kind == "gist" and r.gist[0].text.startswith("A ")
        assert r.opening in " ".join(text.split()) and r.gist[0].text in md
        assert all(p.text in page for p in r.gist)
        assert text.index(r.gist[0].text[:30]) < text.index(r.points[0].text)
        for sec in r.outline:  # one span for each section everywhere: "pp. 1–4"
            assert f"§ {sec.title}  ({sec.where})" in text
            assert f"**{sec.title}** ({sec.where})" in md
        assert r.made_by.startswith("extractive summary") and r.made_by in text
        assert r.made_by in md and r.made_by in page
        # The export and the sidecar write exactly this Markdown (the sidecar names the file).
        export(store, "md", tmp_path / "out")
        assert md in (tmp_path / "out" / "synopsis-library.md").read_text(encoding="utf-8")
        side = write_sidecar(store, doc.id, path)
        assert side is not None
        assert side.read_text(encoding="utf-8") == as_markdown(reading(detail, path=path.name))


def test_the_authors_words_are_quoted_and_said_to_be_theirs() -> None:
    from app.render import AUTHORS_WORDS, Point, Reading

    r = Reading(
        "Piers", "p.pdf", "", "2 pages", "", "extractive summary", 1.0, "",
        (Point("Stone lasts.", (2,)),), (),
        (Point("A 2-page paper, “Piers”.", (1,), "gist"),
         Point("We compare piers.", (1,), "abstract")),
    )  # fmt: skip
    quoted = f"{AUTHORS_WORDS}: “We compare piers.”"
    assert quoted in " ".join(as_text(r).split()) and quoted in as_markdown(r)
    assert "<i>In the authors&#x27; words:</i> “We compare piers.”" in as_html(r)
    assert as_markdown(r).index("**A 2-page paper") < as_markdown(r).index("- Stone lasts.")


def test_a_fallback_and_a_document_not_yet_summarized_read_the_same_everywhere(
    tmp_path, settings, folder
) -> None:
    # No model here, so auto falls back to the extractive engine: every writer says so.
    auto = settings.with_(engine="auto", model="no-such-org/no-such-model")
    with Store(settings.db) as store:
        list(pipeline.run([next(folder.glob("*.pdf"))], auto, store))
        (doc,) = store.recent()
        detail = store.detail(doc.id)
        assert detail is not None and detail.summaries[0].fallback_reason
        r = reading(detail)
        assert r.note == FALLBACK_NOTE
        assert FALLBACK_NOTE in as_text(r) and FALLBACK_NOTE in as_markdown(r)
        assert FALLBACK_NOTE in as_html(r)
        bare = reading(type(detail)(**{**detail.__dict__, "summaries": []}))
        assert bare.points == () and bare.made_by == ""
        assert NOT_SUMMARIZED in as_text(bare) and NOT_SUMMARIZED in as_markdown(bare)
        assert NOT_SUMMARIZED in as_html(bare)
