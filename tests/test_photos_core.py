"""core/register/photos.py: a photo is scaled, turned upright and stripped of its metadata before it reaches the
register; the register functions work with real login roles."""

from __future__ import annotations

import struct

import psycopg2
import pytest

from coworking_plugin.core.register import photos as ph
from tests.test_db_register import P_RIESA, RIESA, insert_vacancy

GPS_TEXT = b"GPS 51.1634N 13.4737E Erika Mustermann"


def _jpeg(width: int, height: int, colour: str = "#2e7d32") -> bytes:
    from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG")
    return bytes(data)


def with_exif(jpeg: bytes, orientation: int) -> bytes:
    """``jpeg`` with an EXIF block (APP1) after SOI: orientation, and a text a camera could write (GPS, names)."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd + GPS_TEXT
    app1 = b"Exif\x00\x00" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:]


def test_prepare_scales_turns_upright_and_strips_metadata(qgis_app, tmp_path):
    from qgis.PyQt.QtGui import QImage

    source = tmp_path / "kamera.jpg"
    source.write_bytes(with_exif(_jpeg(3200, 2000), orientation=6))  # taken with the camera turned by 90°
    assert GPS_TEXT in source.read_bytes()
    data = ph.prepare_image(str(source))
    assert data[:3] == b"\xff\xd8\xff" and len(data) <= ph.MAX_BYTES
    assert GPS_TEXT not in data and b"Exif" not in data
    image = QImage.fromData(data, "JPG")
    assert (image.width(), image.height()) == (1000, 1600)  # upright (portrait), long side 1600 px


def test_prepare_reads_png_onto_white_and_refuses_other_files(qgis_app, tmp_path):
    from qgis.PyQt.QtGui import QColor, QImage

    png = QImage(300, 200, QImage.Format.Format_ARGB32)
    png.fill(QColor(0, 0, 0, 0))
    path = tmp_path / "transparent.png"
    assert png.save(str(path), "PNG")
    image = QImage.fromData(ph.prepare_image(str(path)), "JPG")
    assert (image.width(), image.height()) == (300, 200) and image.pixelColor(10, 10).lightness() > 240
    text = tmp_path / "notiz.jpg"
    text.write_text("kein Bild", encoding="utf-8")
    with pytest.raises(ph.PhotoError, match="not a JPEG or PNG"):
        ph.prepare_image(str(text))


def test_add_list_update_delete_as_editor(register_module, qgis_app):
    reg = register_module
    ed = reg.connect("editor_riesa")
    try:
        site = str(insert_vacancy(ed, ags=RIESA, xy=P_RIESA))
        data = _jpeg(40, 30)
        photo = ph.add_photo(ed, "vacancy", site, data, caption=" Eingang ", credit="Stadt Riesa", public=True)
        listed = ph.list_photos(ed, "vacancy", site)
        assert [(p.uuid, p.caption, p.credit, p.public, p.image) for p in listed] == [
            (photo, "Eingang", "Stadt Riesa", True, data)]
        assert not ph.thumbnail(listed[0].image).isNull()
        with pytest.raises(ph.PhotoError, match="credit"):
            ph.update_photo(ed, photo, "Eingang", "", True)
        ph.update_photo(ed, photo, "Hofseite", "", False)
        assert ph.list_photos(ed, "vacancy", site, with_images=False)[0].caption == "Hofseite"
        other = reg.connect("editor_meissen")
        try:
            with pytest.raises(ph.PhotoError, match="gone"):  # row-level security: not Meißen's photo
                ph.update_photo(other, photo, "x", "", False)
            with pytest.raises(psycopg2.Error) as info:
                ph.add_photo(other, "vacancy", site, data)
            assert info.value.pgcode == "RG001"
        finally:
            other.close()
        ph.delete_photo(ed, photo)
        assert ph.list_photos(ed, "vacancy", site) == []
        with pytest.raises(ph.PhotoError):
            ph.delete_photo(ed, photo)
    finally:
        ed.close()
