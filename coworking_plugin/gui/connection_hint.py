"""A dock's hint when the register cannot be reached: what to set up, where (the plugin's page in QGIS Options,
one click away), and the server's own words when a connection failed (libpq names host, port and user, never
the password; core.connection removes it should it ever appear)."""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.i18n import tr

STYLE = "QFrame#coworking_connection_hint { background: #fff4e0; border: 1px solid #e0a040; border-radius: 3px; }"


class ConnectionHint(QFrame):
    """Hidden until ``show_missing()`` or ``show_failed(error)``; its button opens the plugin's settings."""

    def __init__(self, iface, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.setObjectName("coworking_connection_hint")
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        self.label.setObjectName("coworking_connection_hint_text")
        layout.addWidget(self.label)
        self.button = QPushButton(tr("Open the plugin's settings…"), self)
        self.button.setObjectName("coworking_connection_hint_button")
        self.button.clicked.connect(self.open_settings)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_missing(self) -> None:
        """No register connection is set at all."""
        self.label.setText(tr("No connection to the register is set up. Choose the register's PostgreSQL "
                              "connection under Settings ▸ Options ▸ Coworking (Register database), then this "
                              "list loads."))
        self.setVisible(True)

    def show_failed(self, error: str) -> None:
        """A connection is set but failed: the server's message, then what to check."""
        self.label.setText(tr("The register could not be reached. {error}\nCheck the database connection under "
                              "Settings ▸ Options ▸ Coworking (Register database; user name and password in QGIS's "
                              "authentication manager), then press Refresh.").format(error=" ".join(error.split())))
        self.setVisible(True)

    def clear(self) -> None:
        self.label.setText("")
        self.setVisible(False)

    def open_settings(self) -> None:
        from .options import PAGE_NAME

        if self.iface is not None and hasattr(self.iface, "showOptionsDialog"):
            self.iface.showOptionsDialog(self.iface.mainWindow(), PAGE_NAME)
