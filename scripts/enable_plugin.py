"""Enable the plugin in a QGIS profile, as the Plugin Manager would: ``[PythonPlugins] coworking_plugin=true``.

`make deploy` copies the plugin folder into ``<profiles>/profiles/<profile>/python/plugins``; QGIS loads a
plugin found there only when the profile's QGIS3.ini enables it. The ini is written with Qt's own QSettings so
the rest of the file (QGIS's ``@Variant`` values) stays as QGIS wrote it. A fresh profile also gets the first-run
questions answered (no version check or font download over the network, no "what's new" page) so QGIS starts unattended.

    python scripts/enable_plugin.py PROFILES_DIR [PROFILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

PLUGIN = "coworking_plugin"


def ini_path(profiles: Path, profile: str = "default") -> Path:
    return Path(profiles) / "profiles" / profile / "QGIS" / "QGIS3.ini"


def enable(profiles: Path, profile: str = "default", plugin: str = PLUGIN) -> Path:
    """Enable ``plugin`` in the profile (created if missing); returns the ini file."""
    from qgis.PyQt.QtCore import QSettings

    path = ini_path(profiles, profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    s = QSettings(str(path), QSettings.Format.IniFormat)
    s.setValue(f"PythonPlugins/{plugin}", True)
    s.setValue("PythonPlugins/processing", True)
    s.setValue("qgis/checkVersion", False)  # no network call at start
    s.setValue("qgis/allowVersionCheck", False)
    s.setValue("qgis/showTips", False)
    s.setValue("app/qgis/showTips", False)
    s.setValue("core/NewsFeed/httpsfeedqgisorg/disabled", True)
    # QGIS 3.40 fetches a missing "Open Sans" (its UI's default) from the internet at start and puts a warning bar
    # over the map when that fails: make setup installs fonts-open-sans, and QGIS fetches no fonts here
    s.setValue("fonts/downloadMissingFonts", False)
    s.sync()
    if s.status() != QSettings.Status.NoError:
        raise OSError(f"could not write {path}")
    # profiles.ini names the default profile, so `qgis --profiles-path` opens this one without asking
    profiles_ini = Path(profiles) / "profiles" / "profiles.ini"
    if not profiles_ini.exists():
        p = QSettings(str(profiles_ini), QSettings.Format.IniFormat)
        p.setValue("core/defaultProfile", profile)
        p.sync()
    return path


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("profiles", type=Path, help="the folder given to qgis --profiles-path")
    p.add_argument("profile", nargs="?", default="default")
    a = p.parse_args(argv)
    path = enable(a.profiles, a.profile)
    sys.stdout.write(f"{PLUGIN} enabled in {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
