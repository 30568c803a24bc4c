"""Extraction on Dask (issue 6): a LocalCluster of two worker processes gives the graph one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_support import dump_lines, generate
from pyoxigraph import Store

from kg.build import build
from kg.parallel import DaskRunner

distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
pytestmark = pytest.mark.slow


def test_a_local_cluster_of_two_workers_builds_the_same_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(corpus, 24)
    serial = Store(str(tmp_path / "serial"))
    build([corpus], serial)
    on_dask = Store(str(tmp_path / "dask"))
    # small_job=0: a job this small would otherwise be extracted in this process
    report = build([corpus], on_dask, runner=DaskRunner(None, 2, small_job=0), batch_size=4)
    assert len(report.built) == 24
    assert dump_lines(on_dask) == dump_lines(serial)


def test_a_scheduler_address_is_used(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(corpus, 6)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        store = Store(str(tmp_path / "s"))
        report = build([corpus], store, scheduler=cluster.scheduler_address, batch_size=2)
        assert len(report.built) == 6
        with distributed.Client(cluster) as client:
            executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
        assert sum(executed.values()) == 3  # one task per batch, all run on the cluster's workers
