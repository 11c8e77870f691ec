"""Passwords in connection strings: find them, strip them before anything is stored, mask them in logs.

A connection string reaches the plugin as a libpq key/value string (``host=… dbname=… password=…``, values
possibly quoted as ``'a b\\'c'``) or as a URI (``postgresql://user:secret@host/db?password=…``). Only the
password is touched; everything else the user typed is kept as typed. The libpq service names offered instead
of typed credentials come from the service files libpq itself reads.
"""

from __future__ import annotations

import configparser
import os
import re
from pathlib import Path
from typing import List, Tuple

MASK = "***"

# key/value: "password", optional blanks around "=", then a quoted value (backslash escapes) or a bare word
_KEY_VALUE = re.compile(r"(?P<lead>^|\s+)password\s*=\s*(?P<value>'(?:[^'\\]|\\.)*'?|(?:[^\s'\\]|\\.)*)",
                        re.IGNORECASE)
# URI: the password part of user:password@ in postgres:// or postgresql://
_URI_USERINFO = re.compile(r"(?P<head>postgres(?:ql)?://[^:/@?#\s]*):(?P<value>[^@/?#\s]*)@", re.IGNORECASE)
# URI: a password=… query parameter
_URI_QUERY = re.compile(r"(?P<sep>[?&])password=(?P<value>[^&#\s]*)", re.IGNORECASE)


def _in_uri(text: str) -> bool:
    return re.search(r"postgres(?:ql)?://", text, re.IGNORECASE) is not None


def has_password(text: str) -> bool:
    """True when ``text`` carries a password (empty passwords count too: nothing of the kind is stored)."""
    text = text or ""
    if _in_uri(text):
        return bool(_URI_USERINFO.search(text) or _URI_QUERY.search(text))
    return bool(_KEY_VALUE.search(text))


def redact_password(text: str) -> str:
    """``text`` with every password replaced by ``***`` (for logs and the Processing history)."""
    if not isinstance(text, str) or "password" not in text.lower() and "://" not in text:
        return text
    text = _URI_USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", text)
    text = _URI_QUERY.sub(lambda m: f"{m['sep']}password={MASK}", text)
    return _KEY_VALUE.sub(lambda m: f"{m['lead']}password={MASK}", text)


def strip_password(text: str) -> Tuple[str, bool]:
    """``text`` without its password, and whether one was removed; the rest stays as the user typed it."""
    text = text or ""
    if not has_password(text):
        return text, False
    if _in_uri(text):
        text = _URI_USERINFO.sub(lambda m: f"{m['head']}@", text)
        text = _URI_QUERY.sub(lambda m: m["sep"], text)
        text = re.sub(r"\?&+", "?", text)
        text = re.sub(r"&{2,}", "&", text)
        text = re.sub(r"[?&]+(?=#|\s|$)", "", text)
    return _KEY_VALUE.sub("", text).strip(), True


def service_files() -> List[Path]:
    """The service files libpq reads: the user's (PGSERVICEFILE or ~/.pg_service.conf), then the system's."""
    user = os.environ.get("PGSERVICEFILE")
    if user:
        files = [Path(user)]
    elif os.name == "nt":
        files = [Path(os.environ.get("APPDATA", "")) / "postgresql" / ".pg_service.conf"]
    else:
        files = [Path.home() / ".pg_service.conf"]
    sysconf = os.environ.get("PGSYSCONFDIR")
    files.append(Path(sysconf) / "pg_service.conf" if sysconf else Path("/etc/postgresql-common/pg_service.conf"))
    return files


def service_names() -> List[str]:
    """Names of the libpq services defined in the service files (sorted, without duplicates)."""
    names = set()
    for path in service_files():
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, UnicodeDecodeError, configparser.Error):
            continue
        names.update(parser.sections())
    return sorted(names)


_AUTHCFG = re.compile(r"(^|\s+)authcfg\s*=\s*'?(?P<id>[A-Za-z0-9]*)'?", re.IGNORECASE)


def split_authcfg(text: str) -> Tuple[str, str]:
    """``text`` without its ``authcfg=…`` and the QGIS authentication configuration id ("" if none)."""
    text = text or ""
    match = _AUTHCFG.search(text)
    if match is None:
        return text.strip(), ""
    return _AUTHCFG.sub("", text).strip(), match["id"]


def with_authcfg(text: str, authcfg: str) -> str:
    """A connection string ``text`` naming the authentication configuration ``authcfg`` (replacing any)."""
    rest, _old = split_authcfg(text)
    return f"{rest} authcfg={authcfg}".strip() if authcfg else rest
