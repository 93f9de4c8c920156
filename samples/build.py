"""Build the sample PDFs in this folder from the texts below (`make samples`).

The texts were written for Synopsis; the PDFs are committed so `make demo` needs no build step.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pdfmaker import text_pdf  # noqa: E402

USER_GUIDE = [
    "Synopsis User Guide",
    "Synopsis is a local-first summarizer for people who work through piles of PDF documents. "
    "Researchers, analysts, lawyers and students drop files or whole folders into the desktop "
    "app, or run a batch from the command line, and every document is parsed, summarized and "
    "stored in a single library file on their own computer. Nothing is sent to a server.",
    "Getting started is a matter of two commands. The first, make demo, prepares a private Python "
    "environment and summarizes the sample documents that ship with the project. The second, "
    "make test, prepares the same environment and runs the test suite. Both can be run again at "
    "any time; they only install what is missing.",
    "Summaries come from one of two engines. The abstractive engine uses a T5 language model to "
    "write new sentences that condense the document. The extractive engine needs no model at all: "
    "it ranks the sentences of the document by how central they are to its content and picks the "
    "most representative ones, avoiding repetition. When no model has been downloaded, Synopsis "
    "falls back to the extractive engine and says so.",
    "Every part of a summary remembers the pages it came from. In the desktop app, clicking a page "
    "reference opens the PDF at that page, so a reader can check any claim against its source in "
    "a second. The command line prints the same page references next to each summary.",
    "The library is an ordinary SQLite database. Titles, summaries and the full text of every page "
    "are indexed for full-text search, so a query such as contract termination finds the "
    "documents that mention it and shows a snippet of where the words matched. The library can "
    "be opened in any SQLite browser, and exported to Markdown, JSON or CSV.",
    "Bad input never costs finished work. An encrypted PDF asks for its password, a scanned PDF "
    "without a text layer is reported with advice to run OCR first, and a damaged file is "
    "recorded as a failure while the rest of the batch carries on. Running the same batch again "
    "skips every document that is already summarized with the same settings, so an interrupted "
    "run simply resumes where it stopped.",
    "Speed matters when a folder holds thousands of files. Synopsis extracts text with PDFium, "
    "batches the text of many documents together for the model, and can run the model through "
    "faster runtimes such as CTranslate2 or OpenVINO. On a machine with an NVIDIA GPU or an "
    "Intel processor with AMX it uses them automatically.",
]

QUARTERLY_REPORT = [
    "Northwind Cooperative Quarterly Operations Report",
    "This report covers the third quarter for the Northwind Cooperative, a regional food "
    "distributor serving 140 independent grocers. Revenue rose 8 percent compared with the "
    "same quarter last year, driven mainly by new contracts with twelve stores in the river "
    "valley district. Operating costs rose 5 percent, so the operating margin improved slightly.",
    "Fuel remained the largest variable cost. The cooperative replaced six of its oldest delivery "
    "trucks with electric vans for routes under 120 kilometres. Early figures show the electric "
    "vans cost 40 percent less per kilometre to run, although charging times limited them to two "
    "routes a day. The board approved a pilot of fast chargers at the main depot.",
    "Spoilage fell from 3.1 percent to 2.4 percent of perishable stock after the warehouse moved "
    "to first-expired, first-out picking and installed temperature sensors in every cold room. "
    "Two sensor alarms during a heat wave in August allowed staff to move stock before it was "
    "lost, saving an estimated 18,000 dollars of dairy products.",
    "Staff turnover in the warehouse remained high at 22 percent a year. Exit interviews point to "
    "night shifts and the physical strain of manual picking. Management proposes rotating shifts "
    "every month and buying two powered pallet jacks, and will report on the effect next quarter.",
    "Risks for the coming quarter include a possible strike at the regional port, which handles "
    "most imported produce, and rising interest rates on the loan for the new depot. The "
    "cooperative holds six weeks of non-perishable stock and has negotiated a fixed rate for half "
    "of the loan. The board recommends no change to member prices before the new year.",
]

MEETING_NOTES = [
    "Library Committee Meeting Notes",
    "The committee met to decide how the town library should spend its digitization grant of "
    "60,000 dollars. Present were the head librarian, two trustees, the archivist and a "
    "volunteer representing the local history society.",
    "The archivist proposed scanning the town newspaper from 1890 to 1950, about 40,000 pages "
    "on microfilm. Scanned pages would be run through OCR so that residents could search them "
    "from home. The vendor quote was 0.90 dollars a page, which would use most of the grant.",
    "The history society argued that the handwritten council minutes are more at risk, because "
    "the paper is brittle and only one copy exists. They cannot be searched with OCR, but high "
    "resolution images would preserve them. Scanning the minutes would cost about 15,000 dollars.",
    "After discussion, the committee agreed to scan the council minutes first, then as much of "
    "the newspaper as the remaining money allows, starting with the oldest years. The head "
    "librarian will ask the vendor for a revised quote and report at the next meeting. The "
    "trustees asked that the scanned files be stored in two places, one of them off site.",
]


def main() -> None:
    text_pdf(HERE / "synopsis-user-guide.pdf", USER_GUIDE[1:], title=USER_GUIDE[0],
             author="The Synopsis team", footer_numbers=True, per_page=30)
    text_pdf(HERE / "northwind-quarterly-report.pdf", QUARTERLY_REPORT[1:],
             title=QUARTERLY_REPORT[0], author="Northwind Cooperative",
             header="Northwind Cooperative - Internal", footer_numbers=True, per_page=24)
    text_pdf(HERE / "library-committee-notes.pdf", MEETING_NOTES[1:], title=MEETING_NOTES[0])
    print(f"wrote 3 sample PDFs to {HERE}")


if __name__ == "__main__":
    main()
