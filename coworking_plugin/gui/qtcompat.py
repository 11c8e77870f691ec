"""Qt classes that moved between Qt5 (QGIS 3) and Qt6 (QGIS 4): import them from here.

``QAction`` is in QtWidgets on Qt5 and in QtGui on Qt6 (QGIS 4's ``qgis.PyQt.QtWidgets`` no longer has it).
"""

try:
    from qgis.PyQt.QtGui import QAction  # Qt6
except ImportError:
    from qgis.PyQt.QtWidgets import QAction  # Qt5

__all__ = ["QAction"]
