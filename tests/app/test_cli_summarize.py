import json

from click.testing import CliRunner

from app.cli import cli

TEXT = (
    "The cooperative delivered food to 140 grocers this quarter. Revenue rose eight percent. "
    "Electric vans cut fuel costs on short routes. Spoilage fell after new sensors were fitted. "
    "Staff turnover stayed high in the warehouse. The board expects a port strike to delay "
    "imports next quarter."
)


def test_summarize_text_from_stdin_with_extractive_engine() -> None:
    more = (
        " The warehouse added a night shift to clear the backlog of orders. Two new routes now"
        " serve villages in the hills. Members voted to keep prices flat for another year. A"
        " cold store will open in the spring if the loan is approved. Volunteers repaired the"
        " loading dock over three weekends. The auditors found the accounts in good order."
    )
    text = TEXT + more
    result = CliRunner().invoke(
        cli, ["summarize-text", "--engine", "extractive", "--length", "short"], input=text
    )
    assert result.exit_code == 0, result.output
    from ingestion import split_sentences
    from summarizer.base import SummaryOptions

    chosen = split_sentences(result.output)
    assert chosen and set(chosen) <= set(split_sentences(text))
    budget = SummaryOptions(length="short").word_budget(len(text.split()))
    assert len(result.output.split()) <= budget < len(text.split())


def test_auto_engine_falls_back_and_says_so() -> None:
    result = CliRunner().invoke(
        cli, ["summarize-text", "--model", "nobody/nothing", "--json"], input=TEXT
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"] == "extractive"
    assert "synopsis models pull nobody/nothing" in data["fallback_reason"]


def test_abstractive_engine_refuses_without_model() -> None:
    result = CliRunner().invoke(
        cli, ["summarize-text", "--engine", "abstractive", "--model", "nobody/nothing"], input=TEXT
    )
    assert result.exit_code == 2
    assert "synopsis models pull nobody/nothing" in result.output
    assert "Traceback" not in result.output


def test_summarize_text_with_a_local_t5_folder(tiny_t5) -> None:
    result = CliRunner().invoke(
        cli,
        ["summarize-text", "--model", str(tiny_t5), "--backend", "torch", "--json"],
        input=TEXT,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["engine"], data["backend"], data["fallback_reason"]) == (
        "abstractive",
        "torch",
        None,
    )


def test_empty_input_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["summarize-text", "--engine", "extractive"], input="  ")
    assert result.exit_code == 2 and "no sentences" in result.output


def test_eval_scores_engine_beside_baselines_and_writes_output(tmp_path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    records = [
        {
            "id": f"r{i}",
            "document": TEXT + f" Record {i} ends here with a final sentence.",
            "reference": "Revenue rose and electric vans cut fuel costs.",
        }
        for i in range(2)
    ]
    pairs.write_text("\n".join(json.dumps(r) for r in records))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            str(pairs),
            "--engine",
            "extractive",
            "--output",
            str(out),
            "--json",
            "--length",
            "short",
        ],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]
    assert set(scores) == {"synopsis (extractive)", "lead-3", "lexrank", "textrank", "lsa"}
    assert all(0 < s["rougeL"] <= 1 for s in scores.values())
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert [w["id"] for w in written] == ["r0", "r1"] and all(w["summary"] for w in written)


def test_backends_lists_availability() -> None:
    result = CliRunner().invoke(cli, ["backends", "--json"])
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["extractive"]["unavailable"] is None
    assert rows["neuron"]["unavailable"]
