"""Every command has help text and is documented in the README."""

import ast
import re
from pathlib import Path

import click

from app.cli import cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out += commands(cmd, full + " ")
    return out


def test_every_command_has_help_and_is_in_the_readme() -> None:
    found = commands(cli)
    assert len(found) >= 15
    usage = README[README.index("## Usage") :]
    for name, cmd in found:
        assert (cmd.help or "").strip(), f"{name} has no help text"
        last = name.split()[-1]
        assert any(
            form in usage for form in (f"synopsis {name}", f"| {last}", f"| {name}", f"{name} ")
        ), f"`synopsis {name}` is not in the README's usage"


def test_readme_gives_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_readme_links_the_guide_the_architecture_and_the_benchmarks() -> None:
    root = Path(__file__).resolve().parents[2]
    for doc in ("docs/GUIDE.md", "docs/ARCHITECTURE.md", "bench/README.md", "docs/screenshot.png"):
        assert f"({doc})" in README, doc
        assert (root / doc).is_file(), doc


def test_every_bench_script_has_its_section_in_the_bench_readme() -> None:
    bench = Path(__file__).resolve().parents[2] / "bench"
    text = (bench / "README.md").read_text()
    for script in sorted(bench.glob("*.py")):
        assert f"## {script.name}" in text, f"bench/README.md has no section for {script.name}"


PROJECT = ("app", "ingestion", "summarizer")


def _first_project_import(tree: ast.Module) -> int | None:
    for k, node in enumerate(tree.body):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PROJECT:
            return k
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] in PROJECT for a in node.names
        ):
            return k
    return None


def test_every_bench_script_reads_its_own_checkouts_code() -> None:
    # The venv's editable install names main's packages: a script run as `python bench/x.py`
    # from a worktree reads main's code unless it puts its checkout first (a fingerprint of
    # main's code was once compared with a branch's and taken for a parity fault).
    bench = Path(__file__).resolve().parents[2] / "bench"
    for script in sorted(bench.glob("*.py")):
        tree = ast.parse(script.read_text())
        first = _first_project_import(tree)
        if first is None:
            continue
        before = "\n".join(ast.unparse(node) for node in tree.body[:first])
        assert re.search(r"sys\.path(\.insert\(0,|\[:0\] =)", before), (
            f"{script.name} imports the project before putting its own checkout on sys.path"
        )
