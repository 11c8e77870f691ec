"""Run the real QGIS desktop (the `qgis` binary) with a profile folder, headless under Xvfb when asked.

Used by `make demo` (screenshot without a display) and by the desktop smoke test. Two small Python files ride
along: ``qgis_watch.py`` (run by QGIS through PYQGIS_STARTUP, before any plugin loads) records every message
of the QGIS message log into a file, so a plugin's load error is seen even though it happens before our code
runs; ``qgis_probe.py`` (run with ``--code`` once the main window is up) waits for the map to render, writes a
JSON report of what the plugin added, optionally a screenshot, and quits QGIS.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
WATCH = HERE / "qgis_watch.py"
PROBE = HERE / "qgis_probe.py"

# what pytest-qgis or a developer's shell may have set and would redirect QGIS away from --profiles-path
_STRIP_ENV = ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM", "PYQGIS_STARTUP")


@dataclass
class QgisRun:
    returncode: int
    output: str
    report: Dict = field(default_factory=dict)
    messages: List[Dict] = field(default_factory=list)

    @property
    def python_errors(self) -> List[Dict]:
        """Messages QGIS logged as Python errors, and the plugin's own critical ones."""
        return [m for m in self.messages
                if m["tag"] == "Python error" or m["tag"] == "Coworking Leerstandsmelder" and m["level"] >= 2]


def qgis_binary() -> str:
    exe = shutil.which("qgis")
    if not exe:
        raise RuntimeError("the qgis binary is not installed (make setup)")
    return exe


def needs_xvfb() -> bool:
    return not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")


def run_qgis(
    profiles: Path,
    workdir: Path,
    project: Optional[Path] = None,
    profile: str = "default",
    probe: bool = True,
    screenshot: Optional[Path] = None,
    headless: Optional[bool] = None,
    timeout: float = 180,
    extra_env: Optional[Dict[str, str]] = None,
    code: Optional[Path] = None,
) -> QgisRun:
    """Start QGIS, wait until it quits (the probe quits it), return exit code, output, report and messages.

    With ``probe=False`` QGIS stays open until the user closes it (the demo on a desktop). ``code`` runs another
    script than qgis_probe.py (it writes $COWORKING_QGIS_REPORT and quits QGIS the same way).
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    report_file = workdir / "qgis-report.json"
    messages_file = workdir / "qgis-messages.jsonl"
    for f in (report_file, messages_file):
        f.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in _STRIP_ENV}
    env.update({
        "PYQGIS_STARTUP": str(WATCH),
        "COWORKING_QGIS_MESSAGES": str(messages_file),
        "COWORKING_QGIS_WATCHDOG": str(int(timeout)) if probe else "0",  # a user's session is not timed
        "COWORKING_QGIS_REPORT": str(report_file),
        "COWORKING_REPO": str(HERE.parent),
    })
    if screenshot:
        env["COWORKING_QGIS_SCREENSHOT"] = str(screenshot)
    env.update(extra_env or {})
    cmd = [qgis_binary(), "--profiles-path", str(profiles), "--profile", profile, "--nologo", "--noversioncheck"]
    if project:
        cmd += ["--project", str(project)]
    if probe or code:
        cmd += ["--code", str(code or PROBE)]
    if needs_xvfb() if headless is None else headless:
        if not shutil.which("xvfb-run"):
            raise RuntimeError("xvfb-run is not installed (make setup)")
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"] + cmd
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout + 30 if probe else None)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # xvfb-run, Xvfb and qgis: the whole session we started
        output, _ = proc.communicate()
        output += "\n[killed after timeout]"
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    messages = []
    if messages_file.exists():
        messages = [json.loads(line) for line in messages_file.read_text().splitlines() if line.strip()]
    return QgisRun(proc.returncode, output, report, messages)


def copy_small(source: Path, target: Path) -> None:
    """A screenshot for the docs in 256 colours (a third of the size, text stays sharp); a plain copy without PIL."""
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(source, target)
        return
    with Image.open(source) as image:
        image.convert("RGB").quantize(256, method=Image.MEDIANCUT, dither=Image.NONE).save(target, optimize=True)
