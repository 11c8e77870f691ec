"""What every coworking algorithm shares: translation, new instances, checked parameter registration."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication


class CoworkingAlgorithm(QgsProcessingAlgorithm):
    def tr(self, text: str) -> str:
        # pylupdate5 files each string under the class whose code holds it: a subclass's own strings under its
        # name, inherited ones (e.g. SyncAlgorithm's parameters) under the base's: look along the class chain
        for cls in type(self).__mro__:
            if cls is CoworkingAlgorithm:
                break
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text:
                return translated
        return text

    def createInstance(self):  # noqa: N802
        return type(self)()

    def _add(self, parameter) -> None:
        if not self.addParameter(parameter):
            raise QgsProcessingException(f"parameter {parameter.name()} could not be added")
