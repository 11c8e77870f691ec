"""Coworking Leerstandsmelder: QGIS plugin entry point."""


def classFactory(iface):  # noqa: N802 (QGIS calls it by this name)
    from .plugin import CoworkingPlugin

    return CoworkingPlugin(iface)
