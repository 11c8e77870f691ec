"""A list imported, pushed and imported again, by the same officer and by a colleague with a fresh checkout:
the register gets every site once (real PostGIS, real login roles)."""

from __future__ import annotations

import pytest
from import_helpers import ROWS, run, sites, statuses, write_csv

from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import server_count

pytestmark = pytest.mark.postgis


def test_a_pushed_list_imported_again_adds_nothing(processing_ready, register, tmp_path):
    path = write_csv(tmp_path / "leerstaende.csv", ROWS, "cp1252")
    mine, theirs = str(tmp_path / "officer1.gpkg"), str(tmp_path / "officer2.gpkg")
    checkout(register.dsn("editor_meissen"), mine)
    assert statuses(run(path, mine, X_FIELD="lon", Y_FIELD="lat")) == {2: "imported", 3: "invalid", 4: "imported"}
    assert push(register.dsn("editor_meissen"), mine).inserted == 2
    assert server_count(register) == 2

    # the same officer after a new checkout: the keys stay in the working copy
    checkout(register.dsn("editor_meissen"), mine)
    assert statuses(run(path, mine, X_FIELD="lon", Y_FIELD="lat")) == {
        2: "already_imported", 3: "invalid", 4: "already_imported"}
    # a colleague of the same municipality with a fresh working copy: recognised by name, address, municipality
    checkout(register.dsn("editor_meissen2"), theirs)
    result = run(path, theirs, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(result) == {2: "already_imported", 3: "invalid", 4: "already_imported"}
    assert set(sites(theirs)) == {"Altes Kaufhaus", "Eckladen"}
    assert push(register.dsn("editor_meissen2"), theirs).inserted == 0
    assert server_count(register) == 2
