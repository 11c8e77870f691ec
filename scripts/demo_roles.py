"""The demo's login roles, their libpq services and their QGIS connections (used by scripts/demo.py).

Four logins, made members of the register's working groups through the register's own role functions
(coworking_plugin/db/roles.py, the code behind coworking:assign_editor and coworking:assign_reader):

    service                    login           group               QGIS connection
    coworking_demo_meissen     demo_meissen    coworking_editor    Leerstandsmelder – Meißen (Bearbeitung)
    coworking_demo_riesa       demo_riesa      coworking_editor    Leerstandsmelder – Riesa (Bearbeitung)
    coworking_demo_pruefung    demo_pruefung   coworking_reviewer  Leerstandsmelder – Prüfung
    coworking_demo_lesen       demo_lesen      coworking_reader    Leerstandsmelder – Lesen (öffentlich)

Each run gives every login a new random password. It is written only into the demo's service file
(demo/output/pg_service.conf, mode 0600, git-ignored); the QGIS connections name the service, nothing else.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

from psycopg2 import sql

LOG = logging.getLogger("demo")

MEISSEN, RIESA = "14627140", "14627230"  # official municipality keys (resources/data, VG5000 AGS)


@dataclass(frozen=True)
class DemoRole:
    key: str
    login: str
    group: str  # editor, reviewer or reader (coworking_plugin.db.roles.GROUPS)
    municipalities: Tuple[str, ...]
    connection: str

    @property
    def service(self) -> str:
        return f"coworking_demo_{self.key}"


ROLES: Dict[str, DemoRole] = {r.key: r for r in (
    DemoRole("meissen", "demo_meissen", "editor", (MEISSEN,), "Leerstandsmelder – Meißen (Bearbeitung)"),
    DemoRole("riesa", "demo_riesa", "editor", (RIESA,), "Leerstandsmelder – Riesa (Bearbeitung)"),
    DemoRole("pruefung", "demo_pruefung", "reviewer", (), "Leerstandsmelder – Prüfung"),
    DemoRole("lesen", "demo_lesen", "reader", (), "Leerstandsmelder – Lesen (öffentlich)"),
)}
#: the role the plugin's register connection points at when the demo opens
DEFAULT_ROLE = "meissen"


def create_logins(admin_conn, dbname: str) -> Dict[str, str]:
    """Create (or re-key) the four logins with new random passwords; returns login -> password (memory only)."""
    from psycopg2.extensions import encrypt_password

    from coworking_plugin.db import roles

    passwords = {}
    with admin_conn.cursor() as cur:
        for role in ROLES.values():
            password = secrets.token_urlsafe(24)
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role.login,))
            verb = "ALTER" if cur.fetchone() else "CREATE"
            # hashed here (SCRAM, libpq's PQencryptPasswordConn): the statement, which a server log may record,
            # carries the verifier only, never the password
            verifier = encrypt_password(password, role.login, admin_conn)
            cur.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(role.login)),
                        (verifier,))
            cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(dbname), sql.Identifier(role.login)))
            passwords[role.login] = password
    admin_conn.commit()
    for role in ROLES.values():
        if role.group == "reader":
            roles.grant_reader(admin_conn, role.login)
        else:
            roles.assign_editor(admin_conn, role.login, role.municipalities, group=role.group)
    LOG.info("login roles: %s", ", ".join(f"{r.login} ({r.group})" for r in ROLES.values()))
    return passwords


def write_service_file(path: Path, port: int, dbname: str, passwords: Dict[str, str]) -> None:
    """One libpq service per role; created 0600 (never readable by others, not even for a moment)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    text = "".join(f"[{r.service}]\nhost=127.0.0.1\nport={port}\ndbname={dbname}\nuser={r.login}\n"
                   f"password={passwords[r.login]}\n\n" for r in ROLES.values())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def write_profile(ini: Path, working_copy: Optional[Path] = None) -> None:
    """QGIS3.ini of the isolated profile: German UI, one PostgreSQL connection per role naming its service, the
    plugin's register connection on the Meißen editor (and its working copy)."""
    from qgis.PyQt.QtCore import QSettings

    ini.parent.mkdir(parents=True, exist_ok=True)
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.remove("PostgreSQL/connections/Coworking demo")  # the superuser connection of earlier demo versions
    for role in ROLES.values():
        base = f"PostgreSQL/connections/{role.connection}/"
        for key, value in {"service": role.service, "host": "", "port": "", "database": "", "username": "",
                           "password": "", "authcfg": "", "saveUsername": False, "savePassword": False,
                           "sslmode": "SslPrefer", "estimatedMetadata": True}.items():
            s.setValue(base + key, value)
    default = ROLES[DEFAULT_ROLE]
    s.setValue("PostgreSQL/connections/selected", default.connection)
    s.setValue("coworking_plugin/database", default.connection)
    if working_copy is not None:
        s.setValue("coworking_plugin/working_copy", str(working_copy))
    for key, value in {"overrideFlag": True, "userLocale": "de", "globalLocale": "de_DE"}.items():
        s.setValue(f"locale/{key}", value)
    s.sync()
    if s.status() != QSettings.Status.NoError:
        raise RuntimeError(f"could not write {ini}")


def connect(role_key: str):
    """psycopg2 connection as the demo role (through its service: the service file must be written)."""
    import psycopg2

    return psycopg2.connect(service=ROLES[role_key].service, application_name="coworking_demo")
