"""Desktop smoke test: the real `qgis` binary under Xvfb, the plugin unpacked from the `make package` zip into
a fresh profile. QGIS quits by itself (scripts/qgis_probe.py); a watchdog ends it if a modal error dialog blocks it.

One QGIS session also unloads and reloads the plugin three times through qgis.utils, as the Plugin Manager
does, opening every dock in between: nothing may pile up.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.desktop import run_qgis
from scripts.qt_inventory import difference

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.skipif(shutil.which("qgis") is None or shutil.which("xvfb-run") is None,
                       reason="qgis or xvfb-run missing: run make setup"),
]

CYCLES = 3


def _png_size(path: Path):
    """(width, height) from a PNG's IHDR chunk."""
    import struct

    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _screen_is_clear(report) -> None:
    """The screenshot shows the whole (Xvfb) screen and no warning over the map (QGIS 3.40's missing font)."""
    from qgis.core import Qgis

    assert report["window"][0] >= 1280 and report["window"][1] >= 800, report["window"]
    bad = (int(Qgis.MessageLevel.Warning), int(Qgis.MessageLevel.Critical))
    warnings = [m for m in report["message_bar"] if m["level"] in bad]
    assert warnings == []


@pytest.fixture(scope="module")
def desktop_run(tmp_path_factory, output_dir):
    """QGIS with the plugin installed from the `make package` zip, as an officer installs it."""
    import zipfile

    from scripts.enable_plugin import enable

    profiles = tmp_path_factory.mktemp("qgis-profiles")
    out = subprocess.run(["make", "--no-print-directory", "-s", "package"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    plugins = profiles / "profiles" / "default" / "python" / "plugins"
    with zipfile.ZipFile(ROOT / out.strip().splitlines()[-1]) as z:
        z.extractall(plugins)
    enable(profiles)
    probe = {"COWORKING_QGIS_CYCLES": str(CYCLES), "COWORKING_QGIS_OPTIONS": "1"}
    return run_qgis(profiles, tmp_path_factory.mktemp("qgis-run"), headless=True, timeout=150,
                    screenshot=output_dir / "desktop_smoke.png", extra_env=probe)


def test_plugin_loads_without_python_errors(desktop_run):
    run = desktop_run
    assert run.returncode == 0, run.output[-3000:]
    assert run.report, "QGIS quit without writing the probe report:\n" + run.output[-3000:]
    assert run.report["active"], "QGIS did not start the plugin"
    assert run.report["plugin_class"] == "CoworkingPlugin"
    assert run.report["screenshot"] is True  # test-output/desktop_smoke.png, for a reviewer
    _screen_is_clear(run.report)
    errors = [m for m in run.python_errors if "watchdog" not in m["tag"]]
    assert errors == [], "\n\n".join(m["message"] for m in errors)


def test_plugin_actions_menu_toolbar_provider(desktop_run):
    report = desktop_run.report
    names = {a["name"] for a in report["actions"]}
    assert "coworking_settings_action" in names
    assert report["menu"], "no entries in Plugins ▸ Coworking Leerstandsmelder"
    assert set(report["plugin_actions"]) <= set(report["menu"])
    assert [tb["name"] for tb in report["toolbars"]] == ["CoworkingLeerstandsmelderToolbar"]
    assert report["provider"] is True


def test_reload_three_times_leaves_nothing_behind(desktop_run):
    cycles = desktop_run.report["cycles"]
    unloaded, loaded = cycles["unloaded"], cycles["loaded"]
    assert len(unloaded) == len(loaded) == CYCLES
    for inv in unloaded:
        assert inv["named"] == [], "left behind after unload"
        assert "coworking" not in inv["providers"]
        assert difference(unloaded[0], inv) == {}, "something piles up with every unload"
    for inv in loaded:
        assert "coworking" in inv["providers"]
        assert "CoworkingLeerstandsmelderToolbar" in inv["named"]
        assert difference(loaded[0], inv) == {}, "something piles up with every load"
    assert loaded[0]["toolbars"] == unloaded[0]["toolbars"] + 1
    assert loaded[0]["actions"] > unloaded[0]["actions"]


def test_settings_action_opens_the_plugin_page_in_qgis_options(desktop_run):
    options = desktop_run.report["options"]
    assert options["dialog"] == "QgsOptions"
    assert options["page"] is True
    assert options["current"] == "CoworkingOptionsPage"


def test_make_demo_headless(tmp_path, output_dir):
    """scripts/demo.py end to end (what `make demo` runs) into temporary folders: own cluster, own port.

    The cluster is asked for inside pytest's folder, which is 0700 like a checkout under /root: as root the server
    user cannot enter it, and the cluster's files live in that user's home instead (scripts/pgcluster.py)."""
    import json
    import os
    import sys
    import zipfile

    from scripts.demo import DOCS_IMAGES
    from scripts.demo_roles import ROLES
    from scripts.pgcluster import Cluster, free_port

    os.chmod(tmp_path, 0o700)
    profiles, pgdata, out = tmp_path / "profiles", tmp_path / ".pgdata", tmp_path / "out"
    port = free_port()
    subprocess.run(["make", "--no-print-directory", "-s", "deploy", f"PROFILES={profiles}"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    try:
        demo = subprocess.run([sys.executable, "scripts/demo.py", "--profiles", str(profiles), "--pgdata", str(pgdata),
                               "--port", str(port), "--output", str(out), "--screenshot"], cwd=ROOT,
                              capture_output=True, text=True, timeout=400)
        assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-3000:]
        report = json.loads((out / "qgis-run" / "qgis-report.json").read_text())
        password = Cluster(pgdata, port).password
        password_file = Cluster(pgdata, port).password_file
        assert password_file.stat().st_mode & 0o077 == 0, "the superuser password is readable by others"
        assert not list(Cluster(pgdata, port).pgdata.parent.glob("*pw-init*")), "initdb's password file was left"
    finally:
        Cluster(pgdata, port).destroy()
    assert not pgdata.exists() and not pgdata.is_symlink()
    assert report["active"] and report["provider"]
    layers = {lyr["name"]: lyr for lyr in report["layers"]}
    assert layers["Gemeinden"]["features"] == 28 and layers["Bahnhöfe"]["features"] == 110
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in layers["Gemeinden"]["rights"]
    assert "Deutsche Bahn AG" in layers["Bahnhöfe"]["rights"]
    assert layers["Leerstand (Register)"]["valid"] and layers["Leerstand (Register)"]["features"] >= 1
    # every QGIS connection logs in through its service as its own login role, never as the superuser
    assert report["logins"] == {r.connection: r.login for r in ROLES.values()}
    assert "value_list" not in report["layer_tree"] and "value_list" in layers
    for key in DOCS_IMAGES:  # one screenshot per dock and of the success indicators
        shot = out / "screenshots" / f"{key}.png"
        assert shot.stat().st_size > 20_000 and report["screenshots"][key] == shot.stat().st_size
        (output_dir / f"demo_{key}.png").write_bytes(shot.read_bytes())
    width, height = _png_size(out / "screenshots" / "capture.png")
    assert width >= 1280 and height >= 800, (width, height)
    _screen_is_clear(report)
    with zipfile.ZipFile(out / "coworking_demo.qgz") as z:
        assert not any(password.encode() in z.read(n) for n in z.namelist()), "password in the project"
    # the logins' passwords: only in the service file, not in QGIS's logs and reports or the profile
    secrets = [line.split("=", 1)[1].encode() for line in (out / "pg_service.conf").read_text().splitlines()
               if line.startswith("password=")]
    written = [f for f in list(out.rglob("*")) + list(profiles.rglob("*")) if f.is_file() and f.suffix != ".conf"]
    assert secrets and written
    assert not [f for f in written for s in secrets if s in f.read_bytes()], "a login's password written"
