"""coworking:checkout, coworking:push, coworking:pull as Processing algorithms (in-process and qgis_process)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.qgis_process import QGIS_PROCESS, needs_qgis_process, plugin_env
from tests.sync_helpers import RIESA, add_site, local_row, review, server_row, vacancy_values

pytestmark = pytest.mark.postgis


def test_checkout_push_pull_algorithms_report_counts(processing_ready, register, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    path = str(tmp_path / "wc.gpkg")
    params = {"DATABASE": register.dsn("editor_meissen"), "WORKING_COPY": path}
    result = processing.run("coworking:checkout", params)
    assert result["INSERTED"] == 0 and Path(path).exists()
    uids = [add_site(path, **vacancy_values(name=f"Laden {i}")) for i in range(3)]
    result = processing.run("coworking:push", params)
    assert (result["INSERTED"], result["UPDATED"], result["CONFLICTS"], result["REFUSED"]) == (3, 0, 0, 0)
    review(register, uids[0], "rejected", "Foto fehlt")
    result = processing.run("coworking:pull", params)
    assert result["UPDATED"] == 1 and "1 rejected: Laden 0: Foto fehlt" in result["SUMMARY"]
    add_site(path, **vacancy_values(RIESA, name="Falsche Gemeinde"))
    result = processing.run("coworking:push", params)
    assert result["REFUSED"] == 1 and result["INSERTED"] == 0
    with pytest.raises(QgsProcessingException, match="There is no QGIS PostgreSQL connection named"):
        processing.run("coworking:pull", dict(params, DATABASE="no such connection"))


@needs_qgis_process
def test_push_from_qgis_process(qgis_app, register, tmp_path):
    from coworking_plugin.core.sync.pull import checkout

    path = str(tmp_path / "wc.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    uid = add_site(path, **vacancy_values(name="Über qgis_process"))
    env = plugin_env(tmp_path)
    proc = subprocess.run([QGIS_PROCESS, "--json", "run", "coworking:push", "--", f"DATABASE={dsn}",
                           f"WORKING_COPY={path}"], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout)["results"]
    assert results["INSERTED"] == 1 and results["REFUSED"] == 0
    assert server_row(register, uid)["name"] == "Über qgis_process"
    assert local_row(path, uid)["sync_state"] == "synced"
