"""Parallel ingestion: ``--workers N`` (a local process pool) and ``--dask`` (a Dask cluster)
clean and extract elsewhere, and the database ends up exactly as one process writes it.

Also: an interrupted run started again skips what is stored before doing any work, and the
input streams through in bounded batches. The articles are written for the project (the
fixtures and ``conftest.wire_corpus``); the strikes they describe are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import wire_corpus, write_jsonl
from test_store import dump
from typer.testing import CliRunner

from strikewatch import pipeline
from strikewatch.cli import app
from strikewatch.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# what differs between two runs by design: when a row was written
TIMESTAMPS = ("ingested_at", "at")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """Project articles, a file with malformed lines, and 40 generated reports of 20 strikes."""
    folder = tmp_path_factory.mktemp("corpus")
    wire = write_jsonl(folder / "wire.jsonl", wire_corpus(events=20, reports_per_event=2))
    return [str(ROOT / "samples" / "articles"), str(FIXTURES / "merge_rising_toll.jsonl"),
            str(FIXTURES / "consecutive_days.jsonl"), str(FIXTURES / "bad_input" / "malformed.jsonl"),
            str(wire), str(FIXTURES / "city_and_village.jsonl")]


@pytest.fixture(scope="module")
def single_run(corpus, tmp_path_factory) -> tuple[dict, pipeline.RunStats]:
    db = str(tmp_path_factory.mktemp("single") / "single.db")
    with open_store(db) as store:
        stats = pipeline.ingest(corpus, store)
    assert stats.stored > 50 and stats.failed == 3      # the three malformed lines
    return dump(db, TIMESTAMPS), stats


def _summary(stats: pipeline.RunStats) -> tuple:
    return (stats.read, stats.stored, stats.skipped, stats.failed, stats.reports,
            stats.events_created, stats.events_updated, stats.errors)


def test_workers_through_the_cli_write_the_database_one_process_writes(corpus, single_run,
                                                                        tmp_path):
    db = tmp_path / "workers.db"
    result = CliRunner().invoke(app, ["ingest", *corpus, "--db", str(db), "--workers", "2",
                                      "--quiet"], env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 1, result.output     # 1: the malformed lines
    expected, stats = single_run
    assert (f"{stats.read} articles read: {stats.stored} stored, 0 already stored, "
            f"{stats.failed} failed") in result.stdout
    assert dump(str(db), TIMESTAMPS) == expected


def test_a_dask_cluster_writes_the_database_one_process_writes(corpus, single_run, tmp_path):
    from dask.distributed import Client, LocalCluster

    db = str(tmp_path / "dask.db")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        with open_store(db) as store:
            stats = pipeline.ingest(corpus, store, dask=client, batch_size=4)
    expected, single = single_run
    assert _summary(stats) == _summary(single)
    assert stats.steps["extract"].items == single.steps["extract"].items
    assert dump(db, TIMESTAMPS) == expected


def test_the_cli_connects_to_a_dask_scheduler_by_address(corpus, single_run, tmp_path):
    from dask.distributed import LocalCluster

    db = tmp_path / "address.db"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["ingest", *corpus, "--db", str(db), "--quiet",
                                          "--dask", cluster.scheduler_address],
                                    env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 1, result.output
    assert dump(str(db), TIMESTAMPS) == single_run[0]


def test_an_unreachable_scheduler_is_an_error_message_not_a_traceback(tmp_path):
    import socket

    with socket.socket() as sock:       # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = write_jsonl(tmp_path / "one.jsonl", wire_corpus(events=1, reports_per_event=1))
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(tmp_path / "x.db"),
                                          "--dask", f"tcp://127.0.0.1:{port}"],
                                    env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr


def test_a_restarted_run_skips_what_is_stored_without_processing_it_again(corpus, single_run,
                                                                          tmp_path):
    db = str(tmp_path / "restart.db")
    first_part = corpus[:3]     # as if the run had been stopped after these files
    with open_store(db) as store:
        first = pipeline.ingest(first_part, store)
        again = pipeline.ingest(corpus, store, workers=2)
    expected, single = single_run
    assert again.skipped == first.stored > 0
    assert again.stored == single.stored - first.stored
    # the stored articles were never cleaned or extracted again
    assert again.steps["extract"].items == single.steps["extract"].items - first.stored
    assert dump(db, TIMESTAMPS) == expected


def test_the_input_streams_through_in_bounded_batches(tmp_path, monkeypatch):
    source = write_jsonl(tmp_path / "many.jsonl", wire_corpus(events=60, reports_per_event=2))
    real_read = pipeline.ingest_stage.read
    read_so_far = []

    def counting_read(paths, options):
        for item in real_read(paths, options):
            read_so_far.append(item)
            yield item

    monkeypatch.setattr(pipeline.ingest_stage, "read", counting_read)
    read_at_first_store = []

    def on_item(item, outcome):
        if not read_at_first_store:
            read_at_first_store.append(len(read_so_far))

    with open_store(tmp_path / "b.db") as store:
        stats = pipeline.ingest([str(source)], store, on_item=on_item, workers=2, batch_size=4)
    assert stats.stored == 120
    # at most the batches in flight (2 per worker) and the one being stored were read
    assert read_at_first_store[0] <= (2 * 2 + 1) * 4
