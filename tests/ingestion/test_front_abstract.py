"""#19: an abstract without its "Abstract" label, read as the authors' block before the
first heading, is the abstract; a block of affiliations or a copyright notice is not."""

from __future__ import annotations

from ingestion.document import Block
from ingestion.front_abstract import unlabelled_abstract

BOX = (0.1, 0.1, 0.9, 0.9)
PROSE = (
    "We study an optimization problem that arises in the context of data placement in a "
    "multimedia storage system. We are given a collection of objects that need to be assigned "
    "to a storage system of disks. Each disk is characterized by two parameters, namely its "
    "storage capacity and its load capacity. We show that an algorithm developed earlier for "
    "this problem achieves the best possible bound on the number of clients that can be "
    "served. Categories and Subject Descriptors: F.2.2 Analysis of Algorithms"
)


def _front(second: str) -> list[Block]:
    return [
        Block("title", 1, BOX, "Approximation Algorithms for Data Placement"),
        Block("authors", 1, BOX, "LEANA GOLUBCHIK Department of Computer Science"),
        Block("page furniture", 2, BOX, "2 · Golubchik and Khanna"),
        Block("authors", 2, BOX, second),
        Block("heading", 2, BOX, "1. INTRODUCTION"),
        Block("paragraph", 2, BOX, "We study a data placement problem."),
    ]


def test_the_prose_block_before_the_first_heading_is_the_abstract() -> None:
    blocks, abstract = unlabelled_abstract(_front(PROSE))
    assert blocks[3].role == "abstract"
    assert abstract.startswith("We study an optimization problem")
    assert abstract.endswith("can be served.")  # the subject labels after it are cut
    assert [b.role for b in blocks[:3]] == ["title", "authors", "page furniture"]


def test_affiliations_and_contact_lines_are_no_abstract() -> None:
    names = " ".join(["Department of Computer Science, University of Maryland, College Park."] * 8)
    for second in (names, PROSE.replace("We study", "Mail leana@cs.usc.edu. We study")):
        blocks, abstract = unlabelled_abstract(_front(second))
        assert abstract == ""
        assert blocks[3].role == "authors"


def test_a_labelled_abstract_or_a_body_paragraph_is_left_alone() -> None:
    front = _front(PROSE)
    front[3] = Block("paragraph", 2, BOX, PROSE)  # the first paragraph after the byline
    assert unlabelled_abstract(front)[1].startswith("We study")
    body = [*front[:3], Block("paragraph", 2, BOX, "An opening remark."), *front[3:]]
    assert unlabelled_abstract(body)[1] == ""  # a second paragraph: the body's
    labelled = [front[0], Block("abstract", 1, BOX, "Abstract"), *front[1:]]
    assert unlabelled_abstract(labelled)[1] == ""


def test_running_prose_after_the_byline_ends_the_front_matter() -> None:
    from ingestion.blocks import make_blocks
    from ingestion.layout import SizedLine

    def at(texts: list[str], top: float, size: float = 10.0) -> list[SizedLine]:
        return [
            SizedLine(t, size, top - i * 0.02, False, 0.1, 0.9, top - i * 0.02 - 0.016)
            for i, t in enumerate(texts)
        ]

    words = PROSE.split(" Categories")[0].split()
    prose = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    page = [
        *at(["Data Placement on Parallel Disks"], 0.9, 16.0),
        *at(["Ann Lee"], 0.84, 11.0),
        *at(["Department of Computer Science, University of Maryland"], 0.8),
        *at(prose, 0.7),
    ]
    got = [b.role for b in make_blocks([page], title="Data Placement on Parallel Disks",
                                       authors=["Ann Lee"])]  # fmt: skip
    assert got[:2] == ["title", "authors"]
    assert "authors" in got[:3] and got[-1] == "paragraph"  # the prose is no affiliation


def test_a_paragraph_naming_an_author_is_no_byline() -> None:
    from ingestion.blocks import make_blocks
    from ingestion.layout import SizedLine

    def at(texts: list[str], top: float, size: float = 10.0) -> list[SizedLine]:
        return [
            SizedLine(t, size, top - i * 0.02, False, 0.1, 0.9, top - i * 0.02 - 0.016)
            for i, t in enumerate(texts)
        ]

    words = (PROSE.split(" Categories")[0] + " We thank the Tenth Circuit for the data.").split()
    prose = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    first = [
        *at(["Data Placement on Parallel Disks"], 0.9, 16.0),
        *at(["The Tenth Circuit"], 0.84, 11.0),
    ]
    later = at(["1. INTRODUCTION"], 0.9, 14.0) + at(prose, 0.8)
    got = make_blocks([first, later], title="Data Placement on Parallel Disks",
                      authors=["The Tenth Circuit"])  # fmt: skip
    roles = [b.role for b in got]
    assert roles[1] == "authors"  # the byline itself stays the byline
    assert roles[-1] == "paragraph"  # the paragraph that names it is body text
