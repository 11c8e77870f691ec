"""How the list import recognises a row it has seen before, so that importing the same list twice (or a corrected
copy, or the same rows in another file) creates no duplicates.

A row's *source key* is a SHA-256 over normalised text, independent of the file's name, order and format:
- with an ID column (mapped as ``id``, or headed ID, Lfd. Nr., Objekt-Nr. ...): the kind, the municipality
  the row names (if any) and the ID;
- otherwise: the kind, the name, the address and the municipality the row names (if any), and only when the
  row has no address, its coordinate cells or geometry (two "Brache" without address are two sites).
Text is normalised as for the duplicate check (case, spaces, punctuation, ß/ss, umlauts, Straße/Str.).

The working copy keeps, in the table ``import_source``, each imported row's key with the uuid of the site it
became (written before the site itself: a crash between the two leaves a key whose site does not exist, which
counts as not imported). A row is *already imported* when its key is there and that site still exists in the
working copy (whatever its state: an archived site is not brought back), or else, for a row with an address
(with or without an ID), when the working copy holds a site of the same kind with the same normalised name and
address (and municipality, where the row names one): a site checked out from the register or captured by hand.
Such a row is not imported again; the report says so, and whether the row differs from the values it was
imported with (those changes are not applied: edit the site in the Capture dock). A row that repeats an earlier
row of the same list is imported once. The table stays in the working copy across checkouts and pulls (they
refresh the file in place) and is never pushed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional, Set, Tuple

from ..register import catalogue as cat
from ..sync import gpkg
from . import validation as val
from .duplicates import normalise_address

TABLE = "import_source"
BY_ID, BY_KEY, BY_SITE = "id", "key", "site"  # how a row was recognised


@contextmanager
def _connect(path: str) -> Iterator[sqlite3.Connection]:
    """One short transaction: the QGIS provider writes the same file between these calls."""
    db = gpkg.connect(path)
    try:
        with db:
            yield db
    finally:
        db.close()


def _norm(value: Any) -> str:
    return normalise_address(value)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def row_key(kind: str, values: Mapping[str, Any], source_id: Any = None, place: str = "") -> str:
    """The source key of a row from its coded values (``municipality_ags`` as the row states it)."""
    ags = str(values.get("municipality_ags") or "")
    if not val.is_empty(source_id):
        return _digest("id", kind, ags, _norm(source_id) or str(source_id).strip())
    address = _norm(values.get("address"))
    return _digest("site", kind, _norm(values.get("name")), address, ags, "" if address else place)


def content_hash(cells: Mapping[str, Any]) -> str:
    return _digest(json.dumps({k: "" if val.is_empty(v) else str(v) for k, v in cells.items()}, sort_keys=True))


@dataclass
class Known:
    uuid: str
    how: str  # BY_ID, BY_KEY or BY_SITE
    changed: bool = False
    imported_at: str = ""
    by_position: bool = False  # a key of a row without an address: its coordinates or geometry count


class KeyStore:
    """The import keys and site index of one working copy, read once per import; writes go straight to disk."""

    def __init__(self, wc_path: str):
        self.path = wc_path
        with _connect(wc_path) as db:
            db.execute(gpkg.sql("CREATE TABLE IF NOT EXISTS {t} (source_key TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                                "site_uuid TEXT NOT NULL, content_hash TEXT, imported_at TEXT NOT NULL)", t=TABLE))
            self.keys: Dict[str, Tuple[str, str, str]] = {
                k: (u, h or "", t) for k, u, h, t in db.execute(
                    gpkg.sql("SELECT source_key, site_uuid, content_hash, imported_at FROM {t}", t=TABLE))}
            self.uuids: Set[str] = set()
            self.sites: Dict[Tuple[str, str, str], List[Tuple[str, str]]] = {}
            for kind in cat.KINDS:
                for uuid, name, address, ags in db.execute(gpkg.sql(
                        "SELECT uuid, name, address, municipality_ags FROM {k}", k=kind)):
                    self.uuids.add(uuid)
                    if _norm(address):
                        self.sites.setdefault((kind, _norm(name), _norm(address)), []).append((uuid, ags or ""))

    def lookup(self, key: str, kind: str, values: Mapping[str, Any], by_id: bool, content: str) -> Optional[Known]:
        stored = self.keys.get(key)
        address = _norm(values.get("address"))
        if stored and stored[0] in self.uuids:
            return Known(stored[0], BY_ID if by_id else BY_KEY, bool(stored[1]) and stored[1] != content, stored[2],
                         by_position=not by_id and not address)
        if not address:
            return None
        ags = str(values.get("municipality_ags") or "")
        for uuid, site_ags in self.sites.get((kind, _norm(values.get("name")), address), []):
            if not ags or ags == site_ags:
                return Known(uuid, BY_SITE)
        return None

    def remember(self, key: str, kind: str, uuid: str, content: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with _connect(self.path) as db:
            db.execute(gpkg.sql("INSERT OR REPLACE INTO {t} VALUES (?, ?, ?, ?, ?)", t=TABLE),
                       (key, kind, uuid, content, now))
        self.keys[key] = (uuid, content, now)

    def saved(self, uuid: str) -> None:
        self.uuids.add(uuid)

    def forget(self, key: str) -> None:
        with _connect(self.path) as db:
            db.execute(gpkg.sql("DELETE FROM {t} WHERE source_key = ?", t=TABLE), (key,))
        self.keys.pop(key, None)
