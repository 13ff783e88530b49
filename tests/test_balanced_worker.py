"""gunicorn as gunicorn.conf.py runs it: two workers share kept-alive connections evenly
(aidtracker.balanced_worker), also after a worker is killed and replaced.

Which worker holds a connection is read from /proc: the server side of each client
connection is a socket inode, and each worker's open files name the inodes it holds.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="reads sockets from Linux's /proc"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn with the project's settings and two workers: (process, port)."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "balanced-worker-test-" + "x" * 40,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the tests' settings are not the server's
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_workers(process, port, count=2)
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def workers(process: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def wait_for_workers(process: subprocess.Popen, port: int, count: int) -> None:
    """Until `count` workers run and take connections: `count` kept-alive connections
    reach as many workers."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        if len(workers(process)) == count:
            try:
                connections = [opened(port) for _ in range(count)]
            except OSError:
                connections = []
            reached = len(holders(process, port, connections)) if connections else 0
            for connection in connections:
                connection.close()
            if reached == count:
                time.sleep(0.3)  # the workers see the closed connections
                return
        time.sleep(0.2)
    raise AssertionError("gunicorn's workers did not start")


def opened(port: int) -> http.client.HTTPConnection:
    """A kept-alive connection that has had one answer (so a worker has accepted it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/no-such-page/")
    response = connection.getresponse()
    response.read()
    assert response.status == 404 and not response.will_close
    return connection


def holders(process: subprocess.Popen, port: int, connections: list) -> Counter:
    """How many of the client `connections` each worker holds {pid: count}."""
    client_ports = {connection.sock.getsockname()[1] for connection in connections}
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        remote_port = int(fields[2].split(":")[1], 16)
        if local_port == port and remote_port in client_ports:
            inodes.add(fields[9])
    held: Counter = Counter()
    for pid in workers(process):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            target = os.readlink(fd) if fd.is_symlink() else ""
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held[pid] += 1
    assert sum(held.values()) == len(connections)
    return held


def test_kept_alive_connections_are_shared_evenly(server):
    process, port = server
    for _ in range(3):  # connections closed free their places
        connections = [opened(port) for _ in range(6)]
        assert sorted(holders(process, port, connections).values()) == [3, 3]
        for connection in connections:
            connection.close()
        time.sleep(0.3)  # the workers see the closed connections


def test_a_killed_worker_is_replaced_and_shares_again(server):
    process, port = server
    killed = workers(process)[0]
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while killed in workers(process) or len(workers(process)) < 2:
        assert time.monotonic() < deadline, "gunicorn did not replace the killed worker"
        time.sleep(0.1)
    wait_for_workers(process, port, count=2)
    connections = [opened(port) for _ in range(4)]
    held = holders(process, port, connections)
    assert sorted(held.values()) == [2, 2]
