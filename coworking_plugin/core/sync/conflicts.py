"""Conflicts between the working copy and the register, and their resolution.

A conflict keeps both versions: the officer's row in the working copy ("mine") and the server's row as it was
when the conflict was noticed ("theirs", in table ``sync_issue``). The officer resolves per site (keep mine /
take theirs) or per attribute (and the geometry); the site is then based on the server's version, so the next
push either lands the chosen values or, if the server changed once more, reports a new conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

from qgis.core import QgsGeometry

from . import gpkg
from . import workingcopy as wc
from .gpkg import sql
from .tracking import GEOM, _Suppressed, local_fields, prepare, site_fields

MINE, THEIRS = "mine", "theirs"


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

    def differing(self) -> List[str]:
        """Editable fields whose values differ, in catalogue order; ``geom`` last when the shapes differ."""
        names = [f.name for f in site_fields(self.kind) if self.mine.get(f.name) != self.theirs.get(f.name)]
        if not self.mine_geometry.equals(self.theirs_geometry):
            names.append(GEOM)
        return names


def _geometry(blob: Optional[bytes]) -> QgsGeometry:
    geom = QgsGeometry()
    wkb = gpkg.wkb_of(blob)
    if wkb:
        geom.fromWkb(wkb)
    return geom


def list_conflicts(path: str) -> List[Conflict]:
    prepare(path)
    result = []
    with gpkg.connect(path) as db:
        db.row_factory = None
        rows = db.execute("SELECT uuid, kind, local_state, server_version, theirs, theirs_geom "
                          "FROM sync_issue WHERE issue = 'conflict' ORDER BY noticed_at").fetchall()
        for uuid, kind, local_state, version, theirs, theirs_geom in rows:
            names = [f.name for f in local_fields(kind)]
            mine = db.execute(sql("SELECT {cols}, {geom} FROM {k} WHERE uuid = ?", cols=names, geom=GEOM, k=kind),
                              (uuid,)).fetchone()
            if mine is None:
                continue
            result.append(Conflict(uuid, kind, local_state or wc.SYNC_MODIFIED, version,
                                   dict(zip(names, mine[:-1])), json.loads(theirs or "{}"), _geometry(mine[-1]),
                                   _geometry(theirs_geom)))
    return result


def conflict(path: str, uuid: str) -> Conflict:
    for c in list_conflicts(path):
        if c.uuid == uuid:
            return c
    raise KeyError(uuid)


Choice = Union[str, Dict[str, str]]


def resolve(path: str, uuid: str, choice: Choice) -> None:
    """Resolve one conflict: ``"mine"``, ``"theirs"``, or ``{field: "mine"|"theirs"}`` (``geom`` included;
    fields not named keep mine). The site is rebased on the server's version; push again afterwards."""
    c = conflict(path, uuid)
    if isinstance(choice, str):
        picks = {name: choice for name in [f.name for f in site_fields(c.kind)] + [GEOM]}
    else:
        picks = dict(choice)
    take = [n for n, how in picks.items() if how == THEIRS and n != GEOM]
    take_geom = picks.get(GEOM) == THEIRS
    register_names = [f.name for f in local_fields(c.kind) if f.name not in {x.name for x in site_fields(c.kind)}]
    with _Suppressed(path) as db:
        sets = {n: c.theirs.get(n) for n in take + register_names}
        if take_geom:
            row = db.execute("SELECT theirs_geom FROM sync_issue WHERE uuid = ?", (uuid,)).fetchone()
            sets[GEOM] = row[0]
        merged = dict(c.mine, **{n: c.theirs.get(n) for n in take})
        same_geom = take_geom or c.mine_geometry.equals(c.theirs_geometry)
        all_theirs = same_geom and all(merged.get(f.name) == c.theirs.get(f.name) for f in site_fields(c.kind))
        if all_theirs and c.local_state != wc.SYNC_ARCHIVE:
            state = wc.SYNC_SYNCED
        else:
            state = c.local_state if c.local_state in (wc.SYNC_MODIFIED, wc.SYNC_ARCHIVE) else wc.SYNC_MODIFIED
        sets.update(base_version=c.server_version, sync_state=state)
        db.execute(sql("UPDATE {k} SET {cols_set} WHERE uuid = ?", k=c.kind, cols_set=list(sets)),
                   (*sets.values(), uuid))
        db.execute("DELETE FROM sync_issue WHERE uuid = ?", (uuid,))
