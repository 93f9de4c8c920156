"""The shared vocabulary of document structure: one copy of each pattern, with its languages.

Ingestion (cleaning, blocks, the abstract) and the summarizer (candidates, the gist, key
points) name the same things: a number cell, a running line, a "References" heading, the
"Abstract" label, a keyword line, a caption label. Each lives here once, so a language added
to one is added everywhere. Rules say what the format shows (labels a genre prints, numeric
cells, punctuation); none names one document's words. `summarizer.base.ENGINE_VERSION` is
guarded by a hash of this file (tests/summarizer/test_engine_version.py).
"""

from __future__ import annotations

import re

# -- numbers and running lines ---------------------------------------------------------------

# A table cell or a number in running text: "12", "3.5", "(4)", "$1,200", "12%", "2019-20".
NUMBER_TOKEN = re.compile(r"^[(\[$€£]?[-+]?\d[\d.,:/%)\]-]*$")
TABLE_ROW_NUMBERS = 3  # numeric cells a line needs to read as a table row ...
TABLE_ROW_SHARE = 0.4  # ... and the share of its tokens they make up
SLIDE_SHARE = 0.6  # a slide deck: this share of its pages in landscape ...
SLIDE_WORDS_PER_PAGE = 150  # ... with fewer words than this a page


def slide_pages(landscape: int, pages: int, words: int) -> bool:
    """Whether pages are a slide deck's, by format: two or more, most of them in landscape,
    few words on each (a slide's text ends at its page's edge)."""
    pages = max(pages, 1)
    return pages >= 2 and landscape >= SLIDE_SHARE * pages and words / pages < SLIDE_WORDS_PER_PAGE


def table_row(text: str) -> bool:
    """A line that is a row of a table: three or more numeric cells, 40 % of its tokens."""
    tokens = text.split()
    numbers = sum(bool(NUMBER_TOKEN.match(t)) for t in tokens)
    return numbers >= TABLE_ROW_NUMBERS and numbers >= TABLE_ROW_SHARE * len(tokens)


# A line at a page's edge recurring on half the pages is a running head or foot; books and
# reports change theirs by chapter, so in a document of 8+ pages three pages are enough.
LONG_DOCUMENT_PAGES = 8
RUNNING_LINE_MIN_PAGES = 3


def running_line_pages(pages_with_text: int) -> int:
    """On how many pages an edge line must recur to be a running head or foot."""
    if pages_with_text >= LONG_DOCUMENT_PAGES:
        return RUNNING_LINE_MIN_PAGES
    return max(2, (pages_with_text + 1) // 2)


# -- headings a genre prints, in the languages Synopsis reads ---------------------------------

_REFERENCES = (
    r"(?:references|bibliography|literatur(?:verzeichnis)?|références|bibliograph(?:ie|ía|ia)"
    r"|referencias|riferimenti|referências|works cited|literature cited|список литературы"
    r"|литература)"
)
# The heading alone on its line (a block), and at the start of a sentence it was glued to
# ("References [1] LuaJIT …").
REFERENCES_HEADING = re.compile(rf"^(?:\d+\.?\s+)?{_REFERENCES}$", re.IGNORECASE)
REFERENCES_LEAD = re.compile(rf"^(?:\d+\.?\s+)?{_REFERENCES}\b", re.IGNORECASE)
APPENDIX_HEADING = re.compile(r"^(?:appendix|appendices|anhang|annexe?|anexo|приложение)\b", re.I)
CONTENTS_HEADING = re.compile(
    r"^(?:table of )?contents$|^inhalt(?:sverzeichnis)?$|^sommaire$|^índice$|^содержание$", re.I
)
ABSTRACT_LABEL = re.compile(
    r"\b(?:Abstract|ABSTRACT|Summary|Zusammenfassung|Résumé|Resumen|Resumo|Аннотация)\b"
)
# A block the "Abstract" label opens ("Abstract.", "ABSTRACT", "Abstract—We …"); a line
# that starts with the plain word ("abstracts of …") continues a sentence.
ABSTRACT_HEAD = re.compile(r"^(?:Abstract|ABSTRACT)\b")
# Lines of a paper's front matter that label what follows: keywords, subject classes.
FRONT_LABEL = re.compile(
    r"^(?:additional )?(?:keywords|key words|key words and phrases|index terms|general terms"
    r"|categories and subject(?: descriptors)?|ccs concepts|acm reference format"
    r"|schlüsselwörter|mots[- ]clés|palabras clave|palavras-chave|ключевые слова)\b",
    re.IGNORECASE,
)
# "Figure 3", "Fig. 2", "Table 1" (and their German and French forms) open a caption.
CAPTION_LABEL = r"(?:figure|fig\.|table|abbildung|abb\.|tabelle|tableau|tabla|рис\.|таблица)"
CAPTION = re.compile(rf"^{CAPTION_LABEL}\s*\d+", re.IGNORECASE)
FIGURE_END = re.compile(r"\b(?:Figure|Fig\.|Table|Abbildung|Tabelle)\s+\d+[.:]?$")

# -- lines that name a publication, issuer, date or section, not a document (titles) ------

# Banners (#20): a journal's or venue's line, a volume line, a court's name standing alone,
# a date line, a numbered section heading, a contents or index heading.
VENUE_LINE = re.compile(
    r"^j?ournal of\b|\bjournal$|\bvolume\s+\d|\bissue\s+\d|\bno\.\s*\d+\s*$",
    re.IGNORECASE,
)
COURT_LINE = re.compile(
    r"^(?:in\s+)?(?:the\s+)?(?:[\w.']+\s+){0,4}(?:court|tribunal)\b(?:\s+(?:of|for)\s+.{0,60})?$",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
DATE_LINE = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{{1,2}}\s+)?(?:{_MONTH})"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?(?:\s+\d{4})?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$",
    re.IGNORECASE,
)
CONTENTS_LINE = re.compile(
    r"^(?:table of contents|contents|index|inhalt(?:sverzeichnis)?|sommaire|table des matières|"
    r"índice|contenido|содержание|оглавление|目次|目录|目錄|차례|목차)$",
    re.IGNORECASE,
)
LETTER_SPACED = re.compile(r"^(?:\w ){4,}\w\W*$")  # "П О С Т А Н О В Л Е Н И Е"
# A line naming what kind of act follows, under the body that issues it ("An Act").
ACT_KIND = re.compile(
    r"^(?:an? )?(?:act|bill|decree|order|ordinance|resolution|regulation|directive|judgment|"
    r"постановление|указ|распоряжение|приказ|решение|décret|arrêté|loi|gesetz|verordnung|"
    r"ley|decreto|resolución)$",
    re.IGNORECASE,
)

# -- what a sentence does in a document -------------------------------------------------------

# A sentence stating the document's purpose: "This paper presents …", "In this report we …",
# "The aim of this study is …", "We propose …".
_GENRES = (
    r"(?:paper|article|report|study|thesis|dissertation|document|guide|manual|handbook|book"
    r"|chapter|note|letter|memo(?:randum)?|brief|proposal|assessment|review|survey|work"
    r"|rule|regulation|notice|decision|opinion|guideline|white paper|presentation|publication)"
)
PURPOSE = re.compile(
    # "This paper presents", "This IBM® Redpaper™ publication provides" (up to two names before)
    rf"\b(?:this|the present|our)\s+(?:\S+\s+){{0,2}}?{_GENRES}\s+(?:\w+\s+){{0,2}}"
    r"(?:describes?|presents?"
    r"|proposes?|introduces?|reports?|examines?|investigates?|explores?|provides?|sets out"
    r"|summari[sz]es?|outlines?|discusses|addresses|evaluates?|analy[sz]es?|shows?|aims?"
    r"|seeks?|focuses|considers|documents|reviews|establishes|contains|gives)\b"
    rf"|\b(?:in|with)\s+this\s+{_GENRES},?\s+(?:we|i)\b"
    rf"|\b(?:the\s+)?(?:purpose|aim|goal|objective|scope)s?\s+of\s+this\s+{_GENRES}\b"
    r"|^(?:here\s+)?we\s+(?:present|propose|introduce|describe|report|investigate|study"
    r"|develop|show|examine|address)\b"
    # A letter says why it was sent: "X submits this letter under …", "I am writing to …".
    rf"|\b(?:submits?|sends?|files?|encloses?)\s+this\s+{_GENRES}\b"
    r"|\b(?:i|we)\s+(?:am|are)\s+writing\s+(?:to|in|on|about|regarding)\b",
    re.IGNORECASE,
)
# Contributions, findings, recommendations and conclusions: what a reader wants first.
FINDING = re.compile(
    r"\b(?:we|our results?|the results?|results|findings?|this study|the study|analysis|data"
    r"|evidence)\s+(?:\w+\s+){0,2}(?:show(?:s|ed)?|found|finds?|demonstrate[sd]?|reveal(?:s|ed)?"
    r"|indicate[sd]?|suggest(?:s|ed)?|confirm(?:s|ed)?)\b"
    r"|\b(?:we|this (?:paper|study|report))\s+(?:conclude|recommend|propose|contribute)s?\b"
    r"|\b(?:in conclusion|to conclude|overall|in summary)\b|\b(?:is|are) recommended\b"
    r"|\b(?:our|the main|the key|the principal)"
    r" (?:(?:first|second|third|main|key|principal)\s+){0,2}"
    r"(?:contributions?|findings?|conclusions?|results?)"
    r"\b|\b(?:significantly|outperforms?|improves?|reduces?|increases?) (?:\w+ ){0,3}by\b",
    re.IGNORECASE,
)
# Where the document says how it is organised: never a key point.
ROADMAP = re.compile(
    r"\b(?:section|chapter|appendix|annex)s?\s+(?:\d+|[IVX]+)(?:\.\d+)*\s*(?:,|and|or|to)?"
    r"\s*(?:\d+\s+)?(?:\w+\s+){0,3}(?:describes?|presents?|discuss(?:es)?|introduces?|gives?"
    r"|contains?|covers?|reviews?|concludes?|explains?|shows?|outlines?|summari[sz]es?"
    r"|provides?|details?|reports?|is devoted|deals?)\b"
    r"|\b(?:in|see)\s+(?:section|chapter)s?\s+(?:\d+|[IVX]+)(?:\.\d+)*,?\s+(?:we|i)\b"
    # "This section (of the Register) contains …", "The next chapter describes …"
    r"|\b(?:this|the (?:following|next|previous|present|last|final))\s+(?:section|chapter|part"
    r"|appendix)(?:\s+of\s+(?:\S+\s+){1,4}?)?\s*(?:describes?|presents?|contains?"
    r"|discuss(?:es)?|introduces?|covers?|reviews?|explains?|outlines?|summari[sz]es?|provides?"
    r"|details?|deals?)\b"
    # ending on where it is: "A discussion follows in Section VI.", "… are given in Section 4."
    r"|\b(?:follows?|(?:is|are) (?:given|described|presented|discussed|shown|summari[sz]ed"
    r"|outlined)|can be found)\s+in\s+(?:section|chapter|appendix)\s+(?:\d+|[IVX]+|[A-Z])"
    r"(?:\.\d+)*\.?$"
    r"|\b(?:the )?(?:rest|remainder|structure|organi[sz]ation|outline) of (?:this|the) "
    rf"{_GENRES}\b|\b(?:this|the) {_GENRES} is (?:organi[sz]ed|structured) as follows\b",
    re.IGNORECASE,
)
# Section headings whose sentences are findings, and those whose sentences are method detail.
FINDING_SECTIONS = re.compile(
    r"\b(?:results?|findings?|conclusions?|concluding|discussion|recommendations?|summary"
    r"|key points|contributions?|implications|outcomes?|highlights|ergebnisse|fazit"
    r"|résultats|conclusion|resultados|conclusiones|выводы|заключение)\b",
    re.IGNORECASE,
)
METHOD_SECTIONS = re.compile(
    r"\b(?:methods?|methodology|materials|experimental (?:setup|design)|implementation"
    r"|related work|background|preliminaries|notation|data(?:set)? collection|procedures?"
    r"|acknowledg(?:e)?ments?|methoden|méthodes?|métodos?)\b",
    re.IGNORECASE,
)
# A letter opens with a salutation on a line of its own: "Dear Mr. Gans:", "Sehr geehrte …".
SALUTATION = re.compile(
    r"(?:^|\s)(?:Dear|To whom it may concern|Sehr geehrte[rn]?|Madame|Monsieur|Estimad[oa]s?"
    r"|Уважаем\w+)[\s,:]+(?:[A-ZÀ-ÞА-Я]|Sir|Madam)"
)

# -- notices that are never what a document is about ------------------------------------------

BOILERPLATE = re.compile(
    r"transcriber|\betext\b|project gutenberg|copyright|\(c\)\s*\d{4}|©|all rights reserved"
    r"|\bisbn\b|\bissn\b|\bdoi\b|arxiv|https?://|www\.|licen[cs]e[ds]? under"
    r"|permission to (?:make|copy)|\bthis (?:license|licence) (?:permits|allows|lets)\b"
    r"|creative commons|intentionally left blank|printed on recycled paper"
    r"|trademarks?\b|registered trademark|[®™]|please wait|adobe (?:reader|acrobat)"
    r"|upgrade to the latest version|library of congress"
    r"|reviewers?:|(?:cover|book) design(?:ed)? by|typeset (?:in|by)|edited by\b"
    r"|reserves? the right|without (?:prior )?(?:written )?(?:permission|notice)"
    r"|no part of this (?:publication|document|book|work) may be"
    r"|furnished under (?:a )?licen[cs]e"
    r"|in accordance with the terms of (?:such|the|this|its) licen[cs]e",
    re.IGNORECASE,
)

# Raw content-stream operators of a broken PDF read as text ("BT /F1 12 Tf 72 712 Td (Hi) Tj
# ET", "12 0 obj << /Length 5 >> stream"): never in any output.
PDF_OPERATORS = re.compile(
    r"\b(?:BT|ET)\b.*\b(?:Tf|Td|TD|Tj|TJ|Tm)\b|\b\d+\s+\d+\s+obj\b|\bendobj\b|\bendstream\b"
    r"|<<\s*/[A-Z]\w*|/[A-Z]\w*\s+\d+(?:\.\d+)?\s+Tf\b"
)

# A title that names its genre says what the document is ("… User Manual", "Annual Report").
TITLE_GENRES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("manual", r"\b(?:manual|user'?s? guide|handbook|documentation|reference guide"
         r"|technical note|instructions|anleitung|handbuch|benutzerhandbuch|mode d'emploi|manuel"
         r"|руководство(?: пользователя)?|инструкция)\b"
         # CJK writes no spaces: a genre word there has no word boundary
         r"|マニュアル|取扱説明書|使用说明|用户手册|使用手册|手册|手冊|사용설명서|매뉴얼"),
        ("thesis", r"\b(?:thesis|dissertation|doctoral|master'?s)\b"),
        ("table", r"^(?:table|tabelle|tableau|tabla)\s+[\dA-Z]"),
        ("slide deck", r"\b(?:slides|lecture|presentation|talk|tutorial)\b"),
        ("newsletter", r"\b(?:newsletter|bulletin)\b"),
        ("proposal", r"\b(?:proposal)\b"),
        ("guideline", r"\b(?:guidelines?|recommendations)\b"),
        ("datasheet", r"\b(?:datasheet|data sheet|product sheet)\b"),
        ("law", r"\b(?:act of \d{4}|\bact\b|decree|regulation|statute|постановление|указ"
         r"|федеральный закон|décret|verordnung|decreto)\b"),
        ("form", r"\b(?:form|formulario|formulaire|formular|certificate|certificat)\b"),
        ("brochure", r"\b(?:leaflet|brochure|flyer|pamphlet|fact ?sheet|prospekt|dépliant"
         r"|folleto|faltblatt)\b"),
        ("letter", r"\b(?:letter|lettre)\b(?! ?(?:report|series|of credit))"),
        ("report", r"\b(?:report|assessment|outlook|survey|review|white paper|study)\b"),
    )
)  # fmt: skip
