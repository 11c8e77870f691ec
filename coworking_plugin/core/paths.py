"""Where the plugin's files are, in the source tree and in the assembled plugin folder alike."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def resources_dir() -> Path:
    # assembled plugin: coworking_plugin/resources; source tree: resources/ beside the package
    return _first_existing(PACKAGE_DIR / "resources", PACKAGE_DIR.parent / "resources")


def i18n_dir() -> Path:
    return _first_existing(PACKAGE_DIR / "i18n", PACKAGE_DIR.parent / "i18n")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def icon_path(name: str) -> str:
    return str(resource("icons", name))
