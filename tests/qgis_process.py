"""Run the plugin's algorithms as QGIS users do: through /usr/bin/qgis_process.bin, with the plugin found
through QGIS_PLUGINPATH and enabled in a throwaway profile (never the settings pytest-qgis points at)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict

import pytest

ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = "/usr/bin/qgis_process.bin"

needs_qgis_process = pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")


def plugin_env(tmp_path: Path) -> Dict[str, str]:
    """Environment in which qgis_process finds and has enabled the source tree's plugin."""
    plugins = tmp_path / "plugins" / "coworking_plugin"
    plugins.mkdir(parents=True)
    for entry in (ROOT / "coworking_plugin").iterdir():
        if entry.name != "__pycache__":
            (plugins / entry.name).symlink_to(entry)
    shutil.copy(ROOT / "metadata.txt", plugins / "metadata.txt")
    (plugins / "resources").symlink_to(ROOT / "resources")
    env = {k: v for k, v in os.environ.items() if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "share"),
               QGIS_PLUGINPATH=str(tmp_path / "plugins"), QT_QPA_PLATFORM="offscreen")
    enable = run(env, "plugins", "enable", "coworking_plugin", timeout=120)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    return env


def run(env: Dict[str, str], *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=timeout)
