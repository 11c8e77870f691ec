"""Photos of the register's sites (``coworking.site_photo``, migration 0004_photos.sql): prepare, list, add, change,
delete. No widgets; every function that touches the database takes an open psycopg2 connection, commits or rolls
back itself and may run in a QgsTask (QImage, unlike QPixmap, is safe outside the main thread).

A photo is scaled to at most ``MAX_SIDE`` pixels on its long side and encoded again as JPEG: the re-encoding
drops every metadata block of the file (EXIF with the GPS position and camera owner, XMP, IPTC names), after the
EXIF orientation was applied to the pixels. The register refuses anything else than a JPEG of at most 2 MB
(RG019), a public photo without a credit (RG020), and the photos of another municipality's sites (RG001); a
change of a photo sends its site back to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence

from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, Qt
from qgis.PyQt.QtGui import QColor, QImage, QImageReader, QPainter

from ..i18n import tr

MAX_SIDE = 1600
MAX_BYTES = 2 * 1024 * 1024
THUMB_SIDE = 160
#: what the "add photo" file dialog offers and prepare_image reads
READ_FORMATS = ("jpeg", "jpg", "png")


class PhotoError(ValueError):
    """A photo that cannot be used, or one that is gone; the message is translated for the user."""


@dataclass
class Photo:
    uuid: str
    site_uuid: str
    kind: str
    caption: str
    credit: str
    public: bool
    changed_by: str = ""
    changed_at: str = ""
    image: bytes = b""  # the JPEG (list_photos with images), else empty


def _encode(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPG", quality):
        raise PhotoError(tr("The photo could not be converted to JPEG."))
    buffer.close()
    return bytes(data)


def prepare_image(path: str) -> bytes:
    """The file at ``path`` (JPEG or PNG) as the register keeps it: upright, at most ``MAX_SIDE`` px on its long
    side, on white where it was transparent, encoded as a new JPEG without any metadata, at most 2 MB."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # EXIF orientation applied to the pixels before the EXIF block goes
    fmt = bytes(reader.format()).decode("ascii", "replace").lower()
    if fmt not in READ_FORMATS:
        raise PhotoError(tr("“{path}” is not a JPEG or PNG image.").format(path=path))
    image = reader.read()
    if image.isNull():
        raise PhotoError(tr("“{path}” could not be read: {error}").format(path=path, error=reader.errorString()))
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    for quality in (85, 75, 60, 45):
        data = _encode(flat, quality)
        if len(data) <= MAX_BYTES:
            return data
    raise PhotoError(tr("The photo stays larger than 2 MB even compressed."))


def thumbnail(data: bytes, side: int = THUMB_SIDE) -> QImage:
    """A small QImage of a stored JPEG (a null image when the bytes are no image)."""
    image = QImage.fromData(data, "JPG")
    if image.isNull():
        return image
    return image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def check_text(public: bool, credit: str) -> None:
    """The register's rule for a public photo (RG020), said before the round trip."""
    if public and not (credit or "").strip():
        raise PhotoError(tr("A public photo needs its credit (author). Enter it, or untick “public”."))


def _photo(row: Sequence, with_image: bool) -> Photo:
    return Photo(uuid=str(row[0]), site_uuid=str(row[1]), kind=row[2], caption=row[3] or "", credit=row[4] or "",
                 public=bool(row[5]), changed_by=row[6] or "", changed_at=str(row[7] or ""),
                 image=bytes(row[8]) if with_image and row[8] is not None else b"")


def list_photos(conn, kind: str, site_uuid: str, with_images: bool = True) -> List[Photo]:
    """The photos of one site the login may read (row-level security), oldest first."""
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT uuid, site_uuid, kind, caption, credit, public, changed_by, changed_at::text,"
                        " CASE WHEN %s THEN image END FROM coworking.site_photo"
                        " WHERE kind = %s AND site_uuid = %s ORDER BY created_at, uuid", (with_images, kind, site_uuid))
            rows = cur.fetchall()
    finally:
        conn.rollback()  # a read: no transaction left open on the server
    return [_photo(r, with_images) for r in rows]


def photos_for_sites(conn, site_uuids: Iterable[str], public_only: bool, per_site: int) -> dict:
    """Up to ``per_site`` photos (with images) per site uuid: from ``coworking.public_photo`` (what the public sees)
    or, for a role that may read them, all of ``coworking.site_photo``."""
    uuids = [str(u).strip("{}") for u in site_uuids]
    if public_only:
        query = ("SELECT uuid, site_uuid, kind, caption, credit, true, '', changed_on::text, image"
                 " FROM coworking.public_photo WHERE site_uuid = ANY (%s::uuid[]) ORDER BY site_uuid, uuid")
    else:
        query = ("SELECT uuid, site_uuid, kind, caption, credit, public, changed_by, changed_at::text, image"
                 " FROM coworking.site_photo WHERE site_uuid = ANY (%s::uuid[])"
                 " ORDER BY site_uuid, public DESC, created_at, uuid")
    try:
        with conn.cursor() as cur:
            cur.execute(query, (uuids,))
            rows = cur.fetchall()
    finally:
        conn.rollback()
    result: dict = {}
    for row in rows:
        photos = result.setdefault(str(row[1]), [])
        if len(photos) < per_site:
            photos.append(_photo(row, True))
    return result


def _write(conn, query: str, params: Sequence) -> Optional[Sequence]:
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            row = cur.fetchone() if cur.description else None
            count = cur.rowcount
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if count == 0:
        raise PhotoError(tr("The photo is gone, or your role may not change it. Reload the photos."))
    return row


def add_photo(conn, kind: str, site_uuid: str, image: bytes, caption: str = "", credit: str = "",
              public: bool = False) -> str:
    """Store a prepared JPEG (``prepare_image``) for the site; returns the photo's uuid."""
    import psycopg2

    check_text(public, credit)
    row = _write(conn, "INSERT INTO coworking.site_photo (kind, site_uuid, image, caption, credit, public)"
                       " VALUES (%s, %s, %s, %s, %s, %s) RETURNING uuid",
                 (kind, site_uuid, psycopg2.Binary(image), caption.strip() or None, credit.strip() or None, public))
    return str(row[0])


def update_photo(conn, photo_uuid: str, caption: str, credit: str, public: bool) -> None:
    check_text(public, credit)
    _write(conn, "UPDATE coworking.site_photo SET caption = %s, credit = %s, public = %s WHERE uuid = %s",
           (caption.strip() or None, credit.strip() or None, public, photo_uuid))


def delete_photo(conn, photo_uuid: str) -> None:
    _write(conn, "DELETE FROM coworking.site_photo WHERE uuid = %s", (photo_uuid,))
