"""Install or upgrade the register in a database a QGIS user names (connection name or libpq string).

The one entry point of the Processing algorithm ``coworking:install_database``, the admin menu action (as a
QgsTask) and ``make demo``: migrations and catalogue step (db/migrate.py), municipalities, layer styles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer

from ..core import connection
from ..core.i18n import tr
from . import migrate as mig

LOG = logging.getLogger(__name__)


class InstallError(RuntimeError):
    """The register cannot be installed as things are; the (translated) message says what to do."""


@dataclass
class InstallReport:
    applied: List[int] = field(default_factory=list)
    version: int = 0
    catalogue_updated: bool = False
    municipalities_loaded: int = 0
    styles: Dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        if self.applied:
            text = tr("Register installed or upgraded to version {version} (applied: {applied}).").format(
                version=self.version, applied=", ".join(f"{v:04d}" for v in self.applied))
        else:
            text = tr("The register is up to date (version {version}).").format(version=self.version)
        if self.municipalities_loaded:
            text += " " + tr("%n municipality(ies) loaded.", "", self.municipalities_loaded)
        failed = [k for k, err in self.styles.items() if err]
        if failed:
            text += " " + tr("Layer styles could not be stored for: {kinds}.").format(kinds=", ".join(failed))
        return text


def municipalities_from_layer(layer: QgsVectorLayer, ags_field: str = "AGS", name_field: str = "GEN",
                              source: str = "") -> List[mig.MunicipalityRow]:
    """Rows for the municipality table from a layer the administrator supplies (any CRS)."""
    names = layer.fields().names()
    lower = {n.lower(): n for n in names}
    ags_col = lower.get(ags_field.lower()) or lower.get("ags")
    name_col = lower.get(name_field.lower()) or lower.get("name") or lower.get("gen")
    if not ags_col or not name_col:
        raise ValueError(tr("The municipalities layer needs a field with the 8-digit key (AGS) and one with the "
                            "name (GEN or name); it has: {fields}.").format(fields=", ".join(names)))
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:25833"),
                                       QgsProject.instance())
    rows = []
    for feature in layer.getFeatures():
        geom = feature.geometry()
        geom.transform(transform)
        rows.append((str(feature[ags_col]), str(feature[name_col]), geom.asWkt(), source or layer.name()))
    return rows


def _migrate(conn, municipalities, progress, is_canceled) -> mig.MigrationResult:
    """db/migrate.migrate, with what the server's administrator must do said in the user's language."""
    try:
        return mig.migrate(conn, municipalities=municipalities,
                           progress=(lambda p: progress(p * 0.8)) if progress else None, is_canceled=is_canceled)
    except mig.RoleAdminMissing as exc:
        raise InstallError(tr(
            "The login “{login}” may not grant the register's group roles (coworking_admin, coworking_reviewer, "
            "coworking_editor, coworking_reader): they exist already on this server, and the login does not hold "
            "them WITH ADMIN OPTION (since PostgreSQL 16 a login with CREATEROLE needs that too for roles it did "
            "not create). Ask the server's administrator (a superuser) to run once: {grant} Then install again."
        ).format(login=exc.login, grant=exc.grant)) from None


def update_settings(cur, **values) -> None:
    """Set rows of coworking.setting (None: keep) in the caller's transaction; the register's CHECK refuses a bad
    value."""
    for key, value in values.items():
        if value is not None:
            cur.execute("UPDATE coworking.setting SET value = %s WHERE key = %s",
                        (f"{value:g}" if isinstance(value, float) else str(value), key))


def set_settings(conn, **values) -> None:
    """``update_settings`` and commit."""
    with conn.cursor() as cur:
        update_settings(cur, **values)
    conn.commit()


def install(
    database: str,
    municipalities: Optional[List[mig.MunicipalityRow]] = None,
    with_styles: bool = True,
    progress: Optional[Callable[[float], None]] = None,
    is_canceled: Optional[Callable[[], bool]] = None,
    language: Optional[str] = None,
    location_tolerance_m: Optional[float] = None,
) -> InstallReport:
    """Migrate the register in ``database`` to the latest version, load municipalities, store layer styles.

    ``language`` (de, en) is the language of the register's messages, ``location_tolerance_m`` how far a site may
    lie outside its municipality (less for boundaries finer than VG5000); None keeps what the register has (German
    and 1,000 m on a new one)."""
    conn = connection.connect(database, application_name="coworking_install")
    try:
        result = _migrate(conn, municipalities, progress, is_canceled)
        set_settings(conn, language=language, location_tolerance_m=location_tolerance_m)
        report = InstallReport(result.applied, result.version, result.catalogue_updated,
                               result.municipalities_loaded)
        if with_styles:
            from . import styles

            report.styles = styles.store_styles(conn, connection.libpq_dsn(database))
            styles.grant_style_access(conn)
    finally:
        conn.close()
    if progress:
        progress(100.0)
    LOG.info("%s", report.summary())
    return report
