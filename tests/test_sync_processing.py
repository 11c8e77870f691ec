"""coworking:checkout, coworking:push, coworking:pull as Processing algorithms (in-process and qgis_process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsApplication

from tests.sync_helpers import RIESA, add_site, local_row, review, server_row, vacancy_values

pytestmark = pytest.mark.postgis
ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = "/usr/bin/qgis_process.bin"

_PROVIDERS = []


@pytest.fixture
def processing_ready(qgis_app):
    import processing  # noqa: F401  (QGIS's processing plugin on sys.path via pytest-qgis)
    from processing.core.Processing import Processing

    from coworking_plugin.processing.provider import CoworkingProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("coworking") is None:
        _PROVIDERS.append(CoworkingProvider())  # a temporary would be collected: its id() becomes ""
        registry.addProvider(_PROVIDERS[-1])
    yield


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


@pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")
def test_push_from_qgis_process(qgis_app, register, tmp_path):
    from coworking_plugin.core import sync

    path = str(tmp_path / "wc.gpkg")
    dsn = register.dsn("editor_meissen")
    sync.checkout(dsn, path)
    uid = add_site(path, **vacancy_values(name="Über qgis_process"))
    plugins = tmp_path / "plugins" / "coworking_plugin"
    plugins.mkdir(parents=True)
    for entry in (ROOT / "coworking_plugin").iterdir():
        if entry.name != "__pycache__":
            (plugins / entry.name).symlink_to(entry)
    shutil.copy(ROOT / "metadata.txt", plugins / "metadata.txt")
    env = {k: v for k, v in os.environ.items() if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "share"),
               QGIS_PLUGINPATH=str(tmp_path / "plugins"), QT_QPA_PLATFORM="offscreen")
    enable = subprocess.run([QGIS_PROCESS, "plugins", "enable", "coworking_plugin"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    proc = subprocess.run([QGIS_PROCESS, "--json", "run", "coworking:push", "--", f"DATABASE={dsn}",
                           f"WORKING_COPY={path}"], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout)["results"]
    assert results["INSERTED"] == 1 and results["REFUSED"] == 0
    assert server_row(register, uid)["name"] == "Über qgis_process"
    assert local_row(path, uid)["sync_state"] == "synced"
