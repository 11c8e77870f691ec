"""A throwaway or local PostgreSQL/PostGIS cluster in a folder, on its own port.

Used by the test fixture (a temp dir, removed afterwards) and by `make db` (.pgdata in the repository).
The server refuses to run as root, so when we are root the server commands run as the `postgres` user. That user
cannot enter a checkout under /root (mode 0700): the cluster's files then live in a folder of its own in the
`postgres` home (one per data folder asked for) and the data folder asked for is a link to it. The superuser
password file stays beside the data folder asked for (0600); initdb reads the password from a private folder
that only the server user can read, removed right after.
Server binaries are found under /usr/lib/postgresql/<newest>/bin, whatever the Debian release ships.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

SUPERUSER = "postgres"


def bin_dir() -> Path:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name.split(".")[0]))
    if not dirs:
        raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (make setup)")
    return Path(dirs[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: List[str]) -> List[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


def _server_can_enter(folder: Path) -> bool:
    """Whether the server user can reach files in ``folder`` (every folder on the way searchable); a folder still
    to be made counts as its nearest existing parent."""
    if os.geteuid() != 0:
        return True
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return subprocess.run(_as_server_user(["test", "-x", str(folder)]), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def _write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only from the first byte on (no moment with the umask's mode)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


class Cluster:
    """A cluster in ``pgdata`` listening on 127.0.0.1:``port`` with password (scram) authentication.

    ``pgdata`` is where the cluster is asked for; ``self.pgdata`` where its files are (the same folder, or when
    we are root and the server user cannot reach it, a folder in that user's home that ``pgdata`` links to).
    """

    def __init__(self, pgdata: Path, port: int):
        self.requested = Path(os.path.abspath(pgdata))
        self.port = port
        self.password_file = self.requested.parent / (self.requested.name + ".superuser-password")
        self.pgdata = self._data_folder()

    def _data_folder(self) -> Path:
        if self.requested.is_symlink() or (self.requested / "PG_VERSION").exists():
            return self.requested.resolve()
        if _server_can_enter(self.requested.parent):
            return self.requested
        key = hashlib.sha256(str(self.requested).encode()).hexdigest()[:12]
        home = Path(pwd.getpwnam("postgres").pw_dir)
        return home / "coworking-clusters" / f"{self.requested.name.lstrip('.')}-{key}"

    @property
    def password(self) -> str:
        return self.password_file.read_text().strip()

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER, password: Optional[str] = None) -> str:
        pw = self.password if password is None else password
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user} password={pw}"

    def _chown(self, path: Path) -> None:
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")

    def init(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        if self.pgdata != self.requested and not self.requested.is_symlink():
            self.pgdata.parent.mkdir(parents=True, exist_ok=True)
            self._chown(self.pgdata.parent)
            self.requested.parent.mkdir(parents=True, exist_ok=True)
            if self.requested.is_dir():  # left empty by a start that failed before; never removed with content
                self.requested.rmdir()
            self.requested.symlink_to(self.pgdata, target_is_directory=True)
        self.pgdata.mkdir(parents=True, exist_ok=True)
        self._chown(self.pgdata)
        os.chmod(self.pgdata, 0o700)
        _write_private(self.password_file, secrets.token_urlsafe(24))
        # initdb (the server user) reads the password from a folder only it can enter, beside the data folder
        with tempfile.TemporaryDirectory(prefix=self.pgdata.name + ".pw-init-", dir=self.pgdata.parent) as private:
            pwfile = Path(private) / "password"
            _write_private(pwfile, self.password)
            self._chown(Path(private))
            self._chown(pwfile)
            subprocess.run(
                _as_server_user([str(bin_dir() / "initdb"), "-D", str(self.pgdata), "-U", SUPERUSER,
                                 "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8"]),
                check=True, stdout=subprocess.DEVNULL,
            )
        with open(self.pgdata / "postgresql.conf", "a") as conf:
            conf.write(
                "\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.pgdata}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 100\nshared_buffers = 128MB\n"
            )

    def is_running(self) -> bool:
        r = subprocess.run(_as_server_user([str(bin_dir() / "pg_ctl"), "status", "-D", str(self.pgdata)]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return r.returncode == 0

    def start(self) -> None:
        self.init()
        if self.is_running():
            return
        log = self.pgdata / "server.log"
        subprocess.run(
            _as_server_user([str(bin_dir() / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.pgdata),
                             "-l", str(log), "-o", f"-p {self.port}"]),
            check=True, stdout=subprocess.DEVNULL,
        )
        self._wait()

    def _wait(self, timeout: float = 30) -> None:
        import psycopg2

        deadline = time.time() + timeout
        while True:
            try:
                psycopg2.connect(self.dsn()).close()
                return
            except psycopg2.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if (self.pgdata / "PG_VERSION").exists() and self.is_running():
            subprocess.run(_as_server_user([str(bin_dir() / "pg_ctl"), "stop", "-m", "fast", "-w",
                                            "-D", str(self.pgdata)]), check=False, stdout=subprocess.DEVNULL)

    def create_database(self, name: str, extensions=("postgis",)) -> str:
        """(Re)create database ``name`` with the extensions; returns its superuser DSN."""
        import psycopg2
        from psycopg2 import sql

        conn = psycopg2.connect(self.dsn())
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        conn.close()
        conn = psycopg2.connect(self.dsn(name))
        conn.autocommit = True
        with conn.cursor() as cur:
            for ext in extensions:
                cur.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
        conn.close()
        return self.dsn(name)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.pgdata, ignore_errors=True)
        if self.requested.is_symlink():
            self.requested.unlink()
        self.password_file.unlink(missing_ok=True)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("action", choices=["start", "stop", "dsn"])
    p.add_argument("--pgdata", required=True)
    p.add_argument("--port", type=int, default=55432)
    a = p.parse_args(argv)
    cluster = Cluster(Path(a.pgdata), a.port)
    if a.action == "start":
        cluster.start()
        sys.stdout.write(f"PostGIS running on 127.0.0.1:{a.port} (data in {cluster.pgdata}; "
                         f"superuser password in {cluster.password_file})\n")
    elif a.action == "stop":
        cluster.stop()
    else:
        sys.stdout.write(cluster.dsn() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
