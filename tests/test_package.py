"""`make package` builds a zip that plugins.qgis.org's validator accepts.

The rules follow qgis-app/plugins/validator.py of qgis/QGIS-Plugins-Website: size under 25 MB, no path
tricks, no .pyc/__pycache__/.git/__MACOSX, one top-level folder that is a Python identifier, __init__.py,
metadata.txt with a [general] section and the required fields, valid URLs that are not the template's
placeholders, LICENSE inside, no slash in the author. (The validator also fetches the URLs; we have no network
here, so only their form is checked.)
"""

from __future__ import annotations

import configparser
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker",
            "repository")
PLACEHOLDERS = {"tracker": "http://bugs", "repository": "http://repo", "homepage": "http://homepage"}
MAX_SIZE = 25_000_000


@pytest.fixture(scope="module")
def package() -> Path:
    out = subprocess.run(["make", "--no-print-directory", "-s", "package"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    path = ROOT / out.strip().splitlines()[-1]
    assert path.exists(), out
    return path


@pytest.fixture(scope="module")
def names(package):
    with zipfile.ZipFile(package) as z:
        assert z.testzip() is None
        return z.namelist()


@pytest.fixture(scope="module")
def metadata(package):
    with zipfile.ZipFile(package) as z:
        parser = configparser.ConfigParser()
        parser.optionxform = str
        parser.read_string(z.read("coworking_plugin/metadata.txt").decode("utf8"))
    assert parser.has_section("general")
    return dict(parser.items("general"))


def test_zip_name_and_size(package, metadata):
    assert package.name == f"coworking_plugin-{metadata['version']}.zip"
    assert package.stat().st_size < MAX_SIZE


def test_one_top_level_folder_that_is_an_identifier(names):
    top = {n.split("/")[0] for n in names}
    assert top == {"coworking_plugin"}
    assert names[0].index("/") > 0  # the validator takes the package name from the first entry
    assert "coworking_plugin".isidentifier() and re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", "coworking_plugin")


def test_no_forbidden_entries(names):
    for n in names:
        assert ".." not in n and not n.startswith("/"), n
        assert ".pyc" not in n, n
        assert not {"__MACOSX", ".git", "__pycache__"} & set(n.split("/")), n


def test_required_files_inside(names, metadata):
    for f in ("__init__.py", "metadata.txt", "LICENSE", "plugin.py", metadata["icon"]):
        assert f"coworking_plugin/{f}" in names, f
    assert any(n.endswith(".qm") for n in names), "compiled translations are missing"
    assert "coworking_plugin/resources/data/lk_meissen_gemeinden_vg5000.geojson" in names


def test_metadata_fields(metadata):
    for key in REQUIRED:
        assert metadata.get(key, "").strip(), key
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["qgisMaximumVersion"] == "4.99"
    assert re.match(r"^\d+\.\d+\.\d+$", metadata["version"])
    assert "/" not in metadata["author"]
    assert re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", metadata["email"])
    assert len(metadata["about"]) > 100, "about= must say what the plugin does"
    for flag in ("experimental", "deprecated", "server"):
        assert metadata[flag].lower() in ("true", "false", "1", "0"), flag


@pytest.mark.parametrize("key", ["tracker", "repository", "homepage"])
def test_urls_are_real(metadata, key):
    url = metadata[key]
    parsed = urlparse(url)
    assert parsed.scheme == "https" and parsed.netloc and "." in parsed.netloc, url
    assert url != PLACEHOLDERS[key]
    assert "example" not in parsed.netloc


def test_plugin_code_imports_nothing_outside_the_folder(package):
    with zipfile.ZipFile(package) as z:
        for n in z.namelist():
            if n.endswith(".py"):
                text = z.read(n).decode("utf8")
                assert not re.search(r"^\s*(from|import)\s+(scripts|tests|bench)\b", text, re.M), n
                assert not re.search(r"^\s*(from|import)\s+PyQt5\b", text, re.M), n
