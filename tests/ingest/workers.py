"""Real Celery worker processes for the integration tests and the ingestion benchmark."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).parent / "celery")
WORKER_STARTED = "ready."
WORKER_DID_NOT_START = "The Celery worker did not start within {seconds} s; its log:\n{log}"


def database_url(db: dict) -> str:
    """A postgres:// URL for a Django DATABASES entry."""
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class Worker:
    """`celery -A aidtracker worker --pool=prefork -c N` in its own process group."""

    def __init__(self, env: dict[str, str], *, concurrency: int = 2) -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "aidtracker.settings", **env}
        self.concurrency = concurrency
        self.log = Path(tempfile.mkstemp(prefix="aidtracker-worker-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 40) -> Worker:
        name = f"ingest-{uuid.uuid4().hex[:8]}@%h"
        command = [CELERY, "-A", "aidtracker", "worker", "--pool=prefork"]
        command += ["-c", str(self.concurrency), "-l", "info", "-n", name]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the pool children die with it
            )
        deadline = time.monotonic() + timeout
        while WORKER_STARTED not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(WORKER_DID_NOT_START.format(seconds=timeout, log=self.output()))
            time.sleep(0.1)
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: no warm shutdown, no acknowledgement."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()
