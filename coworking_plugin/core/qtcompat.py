"""Field types and other API differences between the QGIS (and GDAL) versions the municipalities run.

QGIS 3.22 (Qt5) takes ``QVariant.Type``; from 3.38 QgsField takes ``QMetaType.Type`` and QGIS 4 (Qt6) has no
``QVariant.String`` at all. Use ``FieldTypes.STRING`` etc. instead of ``QVariant.String`` (flake8-qgis QGS402
is off because 3.22 cannot take QMetaType; this module is the fallback the rule asks for).
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Iterator

from qgis.core import Qgis


class FieldTypes:
    if Qgis.QGIS_VERSION_INT >= 33800:
        from qgis.PyQt.QtCore import QMetaType as _T

        STRING = _T.Type.QString
        INT = _T.Type.Int
        LONG = _T.Type.LongLong
        DOUBLE = _T.Type.Double
        BOOL = _T.Type.Bool
        DATE = _T.Type.QDate
        DATETIME = _T.Type.QDateTime
    else:
        from qgis.PyQt.QtCore import QVariant as _T

        STRING = _T.Type.String
        INT = _T.Type.Int
        LONG = _T.Type.LongLong
        DOUBLE = _T.Type.Double
        BOOL = _T.Type.Bool
        DATE = _T.Type.Date
        DATETIME = _T.Type.DateTime


def distance_unit_meters():
    """Metres as a distance unit: ``Qgis.DistanceUnit.Meters`` from QGIS 3.30, ``QgsUnitTypes`` before."""
    from qgis.core import QgsUnitTypes

    if hasattr(Qgis, "DistanceUnit"):
        return Qgis.DistanceUnit.Meters
    return QgsUnitTypes.DistanceUnit.DistanceMeters


def crs_wkt_preferred_gdal():
    """The WKT variant GDAL prefers: ``Qgis.CrsWktVariant.PreferredGdal`` from QGIS 3.36, the CRS's enum before."""
    if hasattr(Qgis, "CrsWktVariant"):
        return Qgis.CrsWktVariant.PreferredGdal
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL


def text_always_as_text():
    """Text in exported PDFs as text (searchable, readable aloud), not outlines (QGIS 3.40's layouts default to
    outlines): ``Qgis.TextRenderFormat.AlwaysText`` where Qgis has it, ``QgsRenderContext``'s enum before."""
    if hasattr(Qgis, "TextRenderFormat"):
        return Qgis.TextRenderFormat.AlwaysText
    from qgis.core import QgsRenderContext

    return QgsRenderContext.TextFormatAlwaysText


def symbol_property_size():
    """The data-defined size key of a symbol layer: ``Property.Size`` from QGIS 3.30, ``PropertySize`` before."""
    from qgis.core import QgsSymbolLayer

    prop = QgsSymbolLayer.Property
    return prop.Size if hasattr(prop, "Size") else QgsSymbolLayer.PropertySize


def layer_filters(*names: str):
    """QgsMapLayerComboBox filters, e.g. ``layer_filters("PointLayer", "PolygonLayer")``: ``Qgis.LayerFilters``
    from QGIS 3.34 (``QgsMapLayerProxyModel.Filter`` is deprecated there), the proxy model's flags before. Always
    the flags type: ``|`` of two enum values is a plain int, which QGIS 3.44 takes only through the deprecated
    overload of ``setFilters``."""
    if hasattr(Qgis, "LayerFilters"):
        enum, flags_type = Qgis.LayerFilter, Qgis.LayerFilters
    else:
        from qgis.core import QgsMapLayerProxyModel

        enum, flags_type = QgsMapLayerProxyModel.Filter, QgsMapLayerProxyModel.Filters
    flags = flags_type(getattr(enum, names[0]))
    for name in names[1:]:
        flags = flags | getattr(enum, name)
    return flags


def make_tab(container) -> None:
    """Make a QgsAttributeEditorContainer a tab: ``setType`` from QGIS 3.32, ``setIsGroupBox(False)`` before
    (deprecated from 3.32)."""
    if hasattr(container, "setType"):
        container.setType(Qgis.AttributeEditorContainerType.Tab)
    else:
        container.setIsGroupBox(False)


def save_style_to_database(layer, name: str, description: str, use_as_default: bool) -> str:
    """Save ``layer``'s style in its data source (e.g. ``layer_styles``); returns the error message or "".
    ``saveStyleToDatabaseV2`` from QGIS 3.40 (it also returns flags), ``saveStyleToDatabase`` before (deprecated
    from 3.40)."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        _, error = layer.saveStyleToDatabaseV2(name, description, use_as_default, "")
        return error
    return layer.saveStyleToDatabase(name, description, use_as_default, "")


@contextmanager
def gdal_exceptions() -> Iterator[None]:
    """GDAL's Python exceptions on in this thread for the block, as GDAL 4 will have them by default.

    GDAL 3.9+ warns (FutureWarning) on the first osgeo call when neither ``UseExceptions()`` nor
    ``DontUseExceptions()`` was called; ``ExceptionMgr`` (GDAL 3.7+) sets the mode for this thread only and
    restores it afterwards, so QGIS and other plugins keep theirs. GDAL before 3.7 (Debian 12: 3.6) has no
    thread-local switch and no warning: the block runs in whatever mode is set, so callers also check the
    return codes (both ways of failing are handled).
    """
    from osgeo import gdal, ogr, osr

    with ExitStack() as stack:
        for module in (gdal, ogr, osr):
            if hasattr(module, "ExceptionMgr"):
                stack.enter_context(module.ExceptionMgr(useExceptions=True))
        yield
