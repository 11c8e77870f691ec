"""Conflicts between the working copy and the register, and their resolution: a three-way merge.

A conflict keeps three versions of a site: its base (the server's row as this working copy last had it in sync,
core/sync/base.py), the officer's row ("mine") and the server's row as it was when the conflict was noticed
("theirs", in table ``sync_issue``). As in Kart or Mergin's geodiff, a field changed on one side only is taken
from that side without asking; only a field changed on both sides to different values needs a choice. Whether
the site is archived is one more such difference, and archival against an edit always needs a choice. Without a
base (a working copy of an older plugin) every difference needs one.

After the resolution the site is based on the server's version, so the next push either lands the chosen
values or, if the server changed once more, reports a new conflict. "Discard my local change" puts a site back
to its base (``discard_local_changes``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Union

from qgis.core import QgsGeometry

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..register.review.formatting import number
from . import base, gpkg
from . import workingcopy as wc
from .gpkg import sql
from .tracking import GEOM, _Suppressed, local_fields, prepare, site_fields

MINE, THEIRS = "mine", "theirs"
BOTH = "both"
#: the difference "is the site archived?" (not a column: the local archival request or the server's status)
ARCHIVAL = "archival"


def same_value(f: Optional[FieldDef], a: Any, b: Any) -> bool:
    """Equal as the officer sees them: an empty text is no value, multi-choices in any order, dates by day."""
    if isinstance(a, str) and a == "":
        a = None
    if isinstance(b, str) and b == "":
        b = None
    if a is None or b is None:
        return a is None and b is None
    if f is not None and f.type == FieldType.MULTI_CHOICE:
        return sorted(wc.decode_multi(a)) == sorted(wc.decode_multi(b))
    if f is not None and f.type == FieldType.BOOLEAN:
        return bool(a) == bool(b)
    if f is not None and f.type == FieldType.DATE:
        return str(a)[:10] == str(b)[:10]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def display_value(name: str, value: Any, lang: str = "de") -> str:
    """A value as the attribute form shows it: value-list labels (not keys), municipalities by name, Ja/Nein,
    dates as dd.MM.yyyy; an empty value as an empty string."""
    if value is None or value == "":
        return ""
    if name == ARCHIVAL:
        return tr("archived") if value else tr("not archived")
    try:
        f = cat.field_by_name(name)
    except KeyError:
        return str(value)
    if f.name == "municipality_ags":
        return cat.MUNICIPALITY_NAMES.get(str(value), str(value))
    if f.type == FieldType.CHOICE and f.choices is not None:
        return f.choices.label(str(value), lang)
    if f.type == FieldType.MULTI_CHOICE and f.choices is not None:
        return ", ".join(f.choices.label(k, lang) for k in wc.decode_multi(value))
    if f.type == FieldType.BOOLEAN:
        return tr("yes") if value else tr("no")
    if f.type == FieldType.DATE:
        text = str(value)[:10]
        return f"{text[8:10]}.{text[5:7]}.{text[:4]}" if len(text) == 10 else text
    if isinstance(value, float):  # 1.250.000 m², not 1,25e+06
        return number(value, 2, lang)
    return str(value)


def _same_geometry(a: Optional[QgsGeometry], b: Optional[QgsGeometry]) -> bool:
    if a is None or b is None:
        return False
    return a.isNull() == b.isNull() and (a.isNull() or a.equals(b))


@dataclass
class Difference:
    """One field (or the geometry, or the archival) whose value differs between mine and theirs."""

    name: str
    base: Any
    mine: Any
    theirs: Any
    changed_by: str  # MINE, THEIRS (one side only: taken from it) or BOTH (a choice is needed)

    @property
    def automatic(self) -> Optional[str]:
        return None if self.changed_by == BOTH else self.changed_by


@dataclass
class Conflict:
    uuid: str
    kind: str
    local_state: str
    server_version: int
    mine: Dict[str, Any]
    theirs: Dict[str, Any]
    mine_geometry: QgsGeometry
    theirs_geometry: QgsGeometry
    base: Optional[Dict[str, Any]] = None  # None: no base known
    base_geometry: Optional[QgsGeometry] = None
    _differences: Optional[List[Difference]] = field(default=None, repr=False)

    @property
    def mine_archived(self) -> bool:
        return self.local_state == wc.SYNC_ARCHIVE or self.mine.get("status") == "archived"

    @property
    def theirs_archived(self) -> bool:
        return self.theirs.get("status") == "archived"

    def differences(self) -> List[Difference]:
        """Every difference between mine and theirs: the archival first, then the fields in catalogue order,
        the geometry last."""
        if self._differences is not None:
            return self._differences
        result = []
        if self.mine_archived != self.theirs_archived:
            # archival against an edit: always a choice (the other side's change would be lost either way)
            result.append(Difference(ARCHIVAL, None, self.mine_archived, self.theirs_archived, BOTH))
        for f in site_fields(self.kind):
            mine, theirs = self.mine.get(f.name), self.theirs.get(f.name)
            if not same_value(f, mine, theirs):
                old = self.base.get(f.name) if self.base is not None else None
                result.append(Difference(f.name, old, mine, theirs, self._side(
                    self.base is not None and same_value(f, mine, old),
                    self.base is not None and same_value(f, theirs, old))))
        if not _same_geometry(self.mine_geometry, self.theirs_geometry):
            result.append(Difference(GEOM, self.base_geometry, self.mine_geometry, self.theirs_geometry, self._side(
                _same_geometry(self.mine_geometry, self.base_geometry),
                _same_geometry(self.theirs_geometry, self.base_geometry))))
        self._differences = result
        return result

    @staticmethod
    def _side(mine_is_base: bool, theirs_is_base: bool) -> str:
        if mine_is_base:
            return THEIRS
        if theirs_is_base:
            return MINE
        return BOTH

    def differing(self) -> List[str]:
        """Names of all differences (fields, ``geom``, ``archival``)."""
        return [d.name for d in self.differences()]

    def conflicting(self) -> List[str]:
        """Names of the differences that need the officer's choice (changed on both sides)."""
        return [d.name for d in self.differences() if d.changed_by == BOTH]


def _geometry(blob: Optional[bytes]) -> QgsGeometry:
    geom = QgsGeometry()
    wkb = gpkg.wkb_of(blob)
    if wkb:
        geom.fromWkb(wkb)
    return geom


def list_conflicts(path: str, uuids: Optional[Iterable[str]] = None) -> List[Conflict]:
    prepare(path)
    wanted = set(uuids) if uuids is not None else None
    result = []
    with gpkg.connect(path) as db:
        db.row_factory = None
        rows = db.execute("SELECT uuid, kind, local_state, server_version, theirs, theirs_geom "
                          "FROM sync_issue WHERE issue = 'conflict' ORDER BY noticed_at").fetchall()
        for uuid, kind, local_state, version, theirs, theirs_geom in rows:
            if wanted is not None and uuid not in wanted:
                continue
            names = [f.name for f in local_fields(kind)]
            mine = db.execute(sql("SELECT {cols}, {geom}, base_version FROM {k} WHERE uuid = ?", cols=names,
                                  geom=GEOM, k=kind), (uuid,)).fetchone()
            if mine is None:
                continue
            found = base.read(db, uuid, mine[-1])  # a base of another version is not this row's
            mine = mine[:-1]
            result.append(Conflict(uuid, kind, local_state or wc.SYNC_MODIFIED, version,
                                   dict(zip(names, mine[:-1])), json.loads(theirs or "{}"), _geometry(mine[-1]),
                                   _geometry(theirs_geom), found[1] if found else None,
                                   _geometry(found[2]) if found else None))
    return result


def conflict(path: str, uuid: str) -> Conflict:
    for c in list_conflicts(path, [uuid]):
        return c
    raise KeyError(uuid)


Choice = Union[str, Dict[str, str]]


class ChoiceMissing(ValueError):
    """A difference changed on both sides was given no choice."""


def _picks(c: Conflict, choice: Choice) -> Dict[str, str]:
    """mine/theirs for every difference: a string for all of them, or per name (unnamed ones: the side that
    changed it; a difference changed on both sides must be named)."""
    diffs = c.differences()
    if isinstance(choice, str):
        return {d.name: choice for d in diffs}
    picks = {d.name: choice.get(d.name) or d.automatic for d in diffs}
    missing = [n for n, how in picks.items() if how not in (MINE, THEIRS)]
    if missing:
        raise ChoiceMissing(tr("Choose “mine” or “theirs” for: {names}.").format(names=", ".join(missing)))
    if picks.get(ARCHIVAL) == THEIRS and c.theirs_archived:
        picks = {name: THEIRS for name in picks}  # the site is archived as the server has it: nothing of mine
    return picks


def resolve(path: str, uuid: str, choice: Choice) -> None:
    """Resolve one conflict: ``"mine"`` or ``"theirs"`` for every difference, or ``{name: "mine"|"theirs"}``
    (names of fields, ``geom``, ``archival``; unnamed differences come from the side that changed them). The site
    is rebased on the server's version; push again afterwards."""
    c = conflict(path, uuid)
    picks = _picks(c, choice)
    editable = {f.name for f in site_fields(c.kind)}
    take = [n for n, how in picks.items() if how == THEIRS and n in editable]
    register_names = [f.name for f in local_fields(c.kind) if f.name not in editable]
    with _Suppressed(path) as db:
        row = db.execute("SELECT theirs_geom FROM sync_issue WHERE uuid = ?", (uuid,)).fetchone()
        theirs_blob = row[0] if row else None
        sets = {n: c.theirs.get(n) for n in take + register_names}
        if picks.get(GEOM) == THEIRS:
            sets[GEOM] = theirs_blob
        merged = dict(c.mine, **{n: c.theirs.get(n) for n in take})
        all_theirs = picks.get(GEOM, THEIRS) == THEIRS and all(
            same_value(f, merged.get(f.name), c.theirs.get(f.name)) for f in site_fields(c.kind))
        archival = picks.get(ARCHIVAL)
        if archival == MINE and c.theirs_archived:
            # kept against the server's archival: the push's update brings it back into review
            state = wc.SYNC_MODIFIED
            sets["status"] = c.mine.get("status") if c.mine.get("status") != "archived" else "pending"
        elif archival == MINE or (archival is None and c.local_state == wc.SYNC_ARCHIVE and not c.theirs_archived):
            state = wc.SYNC_ARCHIVE
        elif all_theirs:
            state = wc.SYNC_SYNCED
        else:
            state = wc.SYNC_MODIFIED
        sets.update(base_version=c.server_version, sync_state=state)
        db.execute(sql("UPDATE {k} SET {cols_set} WHERE uuid = ?", k=c.kind, cols_set=list(sets)),
                   (*sets.values(), uuid))
        base.write(db, c.kind, uuid, c.server_version, c.theirs, theirs_blob)
        db.execute("DELETE FROM sync_issue WHERE uuid = ?", (uuid,))


def merge_automatically(path: str, uuids: Iterable[str]) -> List[str]:
    """Resolve the conflicts among ``uuids`` that need no choice (every difference changed on one side only,
    with a base known); returns their uuids."""
    merged = []
    for c in list_conflicts(path, uuids):
        if c.base is not None and not c.conflicting():
            resolve(path, c.uuid, {})
            merged.append(c.uuid)
    return merged


def discard_local_changes(path: str, uuids: Iterable[str]) -> Dict[str, str]:
    """Throw away the local change of each site (a refused edit, an accidental bulk update): it goes back to its
    base and is synced; a draft never pushed is removed. Returns uuid -> outcome (see ``base.discard``)."""
    prepare(path)
    outcomes: Dict[str, str] = {}
    with _Suppressed(path) as db:
        for uuid in uuids:
            kind = _kind_of(db, uuid)
            outcomes[uuid] = base.discard(db, kind, uuid) if kind else "missing"
    return outcomes


def _kind_of(db, uuid: str) -> Optional[str]:
    for kind in cat.KINDS:
        if db.execute(sql("SELECT 1 FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone():
            return kind
    for table in (base.DELETED_TABLE, base.BASE_TABLE, "sync_issue"):
        row = db.execute(sql("SELECT kind FROM {t} WHERE uuid = ?", t=table), (uuid,)).fetchone()
        if row:
            return row[0]
    return None
