"""`synopsis models …` against a hub on 127.0.0.1, and `summarize --resummarize` (#25)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.settings import load_settings
from tests.conftest import HUB_MODEL, HUB_NOT_SEQ2SEQ


@pytest.fixture(autouse=True)
def _own_models_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNOPSIS_MODELS", str(tmp_path / "models"))


def _json(args: list[str]) -> object:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_pull_use_list_and_delete_a_model(hub, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["models", "pull", HUB_MODEL, "--use"])
    assert result.exit_code == 0, result.output
    assert "is ready at" in result.output and "now the default model" in result.output
    assert "Converting for the fast runtime (CTranslate2 int8)" in result.output
    assert load_settings().model == HUB_MODEL
    rows = {r["id"]: r for r in _json(["models", "list", "--json"])}
    assert rows[HUB_MODEL]["state"] == "downloaded, in use"
    assert rows["google-t5/t5-small"]["state"] == "not downloaded"
    assert {"google/flan-t5-base", "csebuetnlp/mT5_multilingual_XLSum"} <= set(rows)
    result = CliRunner().invoke(cli, ["models", "delete", HUB_MODEL])
    assert result.exit_code == 0 and "freed" in result.output
    rows = {r["id"]: r for r in _json(["models", "list", "--json"])}
    assert HUB_MODEL not in rows


def test_pull_refuses_a_model_that_is_not_seq2seq(hub) -> None:
    result = CliRunner().invoke(cli, ["models", "pull", HUB_NOT_SEQ2SEQ])
    assert result.exit_code == 2
    assert "not a seq2seq summarizer" in result.output
    assert "synopsis models list" in result.output


def test_add_a_folder_placed_by_hand(tiny_t5, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["models", "add", str(tiny_t5)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in _json(["models", "list", "--json"])}
    assert rows[str(tiny_t5.resolve())]["state"] == "added by hand"
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["models", "add", str(empty)])
    assert result.exit_code == 2 and "no config.json" in result.output


def test_resummarize_runs_the_chosen_model_over_the_library(folder, tmp_path, tiny_t5) -> None:
    db = str(tmp_path / "lib.sqlite")
    base = ["summarize", "--db", db, "--workers", "1", "--json"]
    assert CliRunner().invoke(cli, [*base, "--engine", "extractive", str(folder)]).exit_code == 0
    (folder / "synopsis-user-guide.pdf").unlink()  # one document's file is gone
    model = ["--engine", "abstractive", "--model", str(tiny_t5), "--backend", "torch"]
    part = tmp_path / "part"
    part.mkdir()
    shutil.copy(folder / "northwind-quarterly-report.pdf", part / "copy.pdf")

    def kinds(args: list[str]) -> list[str]:
        result = CliRunner().invoke(cli, [*base, *model, "--resummarize", *args])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["kind"] for line in result.stdout.splitlines()]

    assert kinds([str(part)]) == []  # copy.pdf is not in the library: nothing is chosen
    assert kinds([str(folder / "northwind-quarterly-report.pdf")]).count("summarized") == 1
    everything = kinds([])
    assert everything.count("summarized") == 1 and everything.count("skipped") == 1
    again = kinds([])
    assert again.count("summarized") == 0 and again.count("skipped") == 2
    result = CliRunner().invoke(cli, ["summarize", "--db", db, *model, "--resummarize"])
    assert "no file on disk any more" in result.output
    assert CliRunner().invoke(cli, ["models", "add", str(tiny_t5)]).exit_code == 0
    rows = {r["id"]: r for r in _json(["models", "list", "--db", db, "--json"])}
    assert rows[str(tiny_t5)]["seconds_per_chunk"] > 0  # measured by the runs above
    assert rows["google-t5/t5-small"]["seconds_per_chunk"] is None


def test_summarize_without_paths_asks_for_them() -> None:
    result = CliRunner().invoke(cli, ["summarize"])
    assert result.exit_code == 2 and "--resummarize" in result.output


def test_use_refuses_a_model_that_is_not_here() -> None:
    result = CliRunner().invoke(cli, ["models", "use", "nobody/nothing"])
    assert result.exit_code == 2 and "models pull nobody/nothing" in result.output
    assert load_settings().model != "nobody/nothing"
