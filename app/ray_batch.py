"""`synopsis summarize PATH --ray [ADDRESS]`: the batch as Ray Data stages (#13).

The driver (this process) discovers, hashes and skips exactly as the local executor does
(`app.run.Run`; the summary key comes from `app.engine_choice.planned`, so the driver loads
no model), then streams the work through two Ray Data stages:

    `Reader`: an actor pool, each actor with its own extraction worker process (the same
          per-file time and memory limits as a local run); rows are ordered by page count
          first, so the summarizing batches that follow hold documents of similar length;
    `Summarizer`: an actor pool, each actor holding one loaded engine, fed batches of
          ``batch_docs`` documents.

Results stream back to the driver, the one SQLite writer, which saves each document as it
arrives; a failure is recorded and the batch carries on; a rerun skips what is stored.
Ray must be installed (`pip install 'synopsis[ray]'`) and, on a real cluster, Synopsis too on
every node, with the same model files at the same paths.
"""

from __future__ import annotations

import logging
import pickle
import socket
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.discover import discover
from app.engine_choice import load_engine, planned
from app.run import Progress, Run, Todo, limits_for
from app.settings import Settings
from app.store import Store
from ingestion import Limits, read_pdf
from ingestion.errors import AppError
from ingestion.worker import WorkerPool
from summarizer.engines import input_for
from summarizer.errors import Cancelled


class RayUnavailable(AppError):
    kind = "ray"


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayUnavailable(
            "Ray is not installed; install it with `pip install 'synopsis[ray]'` "
            "(on every machine of the cluster), or run without --ray."
        ) from exc
    return ray


def connect(address: str, cpus: int) -> bool:
    """Join the cluster at ``address`` ("local" starts one on this machine with ``cpus`` CPUs;
    "auto" finds the one this machine belongs to). Returns whether this call connected."""
    ray = _ray()
    if ray.is_initialized():
        return False
    for name in ("ray", "ray.data"):  # Ray's notices would break up the progress bar
        logging.getLogger(name).setLevel(logging.ERROR)
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
    }
    _check_reachable(address)
    kwargs["address"] = address
    if address == "local":
        kwargs["num_cpus"] = cpus
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = "a new local cluster" if address == "local" else address
        raise RayUnavailable(
            f"Could not reach the Ray cluster at {where} ({exc}); check the address "
            "(`ray status` on the head node prints it), or run without --ray."
        ) from exc
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    return True


def _check_reachable(address: str) -> None:
    """Fail fast on a HOST:PORT nobody answers at (Ray itself retries for minutes)."""
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if address in ("local", "auto") or not port.isdigit():
        return
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=5).close()
    except OSError as exc:
        raise RayUnavailable(
            f"No Ray cluster answers at {address} ({exc.strerror or exc}); start one with "
            "`ray start --head` and pass the address it prints, or run without --ray."
        ) from exc


class Reader:
    """Ray Data stage 1: a row {sha, path} -> the extracted document or the failure, pickled."""

    def __init__(self, limits: Limits, password: str | None) -> None:
        self.pool = WorkerPool(1)
        self.limits, self.password = limits, password

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        try:
            doc = read_pdf(
                row["path"], self.password, limits=self.limits, pool=self.pool, sha256=row["sha"]
            )
            return {**row, "doc": pickle.dumps(doc), "error": b""}
        except AppError as exc:
            return {**row, "doc": b"", "error": pickle.dumps(exc)}  # rebuilt by its code


class Summarizer:
    """Ray Data stage 2: a batch of extracted documents -> their summaries, pickled. Holds one
    loaded engine for its life (the driver is the one writer)."""

    def __init__(self, settings: Settings) -> None:
        self.engine = load_engine(settings)
        self.options = settings.summary_options()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        docs = {i: pickle.loads(b) for i, b in enumerate(batch["doc"]) if b}
        inputs = [input_for(d) for d in docs.values()]
        results = dict(zip(docs, self.engine.summarize_all(inputs, self.options), strict=True))
        # A Summary, or the AppError it failed with (pickled by its code, ingestion.errors).
        summaries = [
            pickle.dumps(results[i]) if i in results else b"" for i in range(len(batch["doc"]))
        ]
        return {**batch, "summary": summaries}


def run(
    paths: Sequence[str | Path],
    settings: Settings,
    store: Store,
    *,
    address: str = "local",
    password: str | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Iterator[Progress]:
    """Summarize ``paths`` into ``store`` on a Ray cluster; the same events as the local run."""
    cancel = should_cancel or (lambda: False)
    ray = _ray()
    state = Run(store, settings)
    files = discover(
        paths, recursive=settings.recursive, include=settings.include, exclude=settings.exclude
    )
    yield state.event("start", message=f"{len(files)} file(s) found")
    # The driver names the engine and knows the summary key that decides what is already
    # summarized without loading a model: only the Summarizer actors load one.
    spec = planned(settings)
    key = spec.key(settings.summary_options())
    yield state.engine_event(spec)
    started = connect(address, max(2, settings.workers))
    try:
        yield state.event("engine", message=f"Ray cluster: {_describe(ray)}")
        with state.recorded(paths) as outcome:
            todo = yield from state.dedup_and_skip(files, key)
            if todo:
                yield from _stages(ray, todo, settings, password, cancel, state)
        yield from outcome
    finally:
        if started:
            ray.shutdown()


def _describe(ray: Any) -> str:
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    cpus = ray.cluster_resources().get("CPU", 0)
    gpus = ray.cluster_resources().get("GPU", 0)
    return f"{len(nodes)} node(s), {cpus:.0f} CPU(s), {gpus:.0f} GPU(s)"


def _stages(
    ray: Any,
    todo: Todo,
    settings: Settings,
    password: str | None,
    cancel: Callable[[], bool],
    state: Run,
) -> Iterator[Progress]:
    limits = limits_for(settings)
    groups = {sha: group for sha, group in todo}
    with WorkerPool(1) as pool, pool.worker() as worker:
        pages = {sha: worker.count_pages(g[0], password, limits) for sha, g in todo}
    state.counts.pages_total = sum(pages.values())
    state.counts.chunks_total = len(todo)
    rows = [{"sha": sha, "path": str(g[0])} for sha, g in sorted(todo, key=lambda t: pages[t[0]])]
    workers = max(1, min(settings.workers, len(rows)))
    # Ray logs one "constructor arguments in the object store" line per stage on the driver's
    # stderr: a known Ray Data issue (ray-project/ray#57733), harmless here.
    ds = ray.data.from_items(rows, override_num_blocks=len(rows))
    ds = ds.map(
        Reader,
        fn_constructor_args=(limits, password),
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    ds = ds.map_batches(
        Summarizer,
        fn_constructor_args=(settings,),
        batch_size=max(1, settings.batch_docs),
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        batch_format="numpy",
    )
    yield state.event(
        "estimate",
        message=f"{len(rows)} document(s) to summarize, {state.counts.pages_total} pages, "
        f"on {workers} Ray reader(s) and {workers} summarizer(s)",
    )
    for row in ds.iter_rows():
        if cancel():
            raise Cancelled()
        sha, group = row["sha"], groups[row["sha"]]
        if row["error"]:
            yield state.fail_with(group[0], pickle.loads(row["error"]), sha)
            continue
        doc = pickle.loads(row["doc"])
        yield state.extracted(doc, group[0])
        result = pickle.loads(row["summary"])
        state.counts.chunks_done += 1
        if isinstance(result, AppError):
            yield state.fail_with(group[0], result, sha)
        else:
            yield state.save(doc, result, group)
