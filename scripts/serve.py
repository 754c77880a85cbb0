"""Start the app under gunicorn on a free loopback port for the benchmark and screenshot
commands, and stop it afterwards."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BENCH_USER, BENCH_PASSWORD = "bench-manager", "bench-manager-password"


def bench_account(role: str = "manager") -> tuple[str, str]:
    """An account of the role for the screenshot and benchmark commands (made on first use)."""
    from data import users
    from data.settings import load_settings
    settings = load_settings()
    name = BENCH_USER if role == "manager" else f"bench-{role}"
    if name not in {u.name for u in users.listing(settings)}:
        users.add(settings, name, BENCH_PASSWORD, role)
    return name, BENCH_PASSWORD


def signed_in_opener(base: str, account: tuple[str, str] | None = None):
    """A urllib opener holding a signed-in session cookie (the bench manager's by default)."""
    import http.cookiejar
    import re
    import urllib.parse
    name, password = account or bench_account()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/sign-in").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    opener.open(base + "/sign-in", urllib.parse.urlencode({"csrf": token, "name": name,
                                                             "password": password}).encode())
    cookies = {c.name: c.value for handler in opener.handlers if hasattr(handler, "cookiejar")
               for c in handler.cookiejar}
    opener.addheaders = [("X-CSRFToken", cookies["_csrf_token"])]
    return opener


@contextmanager
def gunicorn(workers: int = 2, env: dict | None = None):
    """gunicorn on a free loopback port, with the environment given (default: this one's)."""
    with gunicorn_process(workers, env) as (base, _process):
        yield base


@contextmanager
def gunicorn_process(workers: int = 2, env: dict | None = None, ready_path: str = "/sign-in",
                     port: int | None = None, log_path: Path | None = None, app: str = "app:server"):
    """gunicorn serving `app` on the port given (default: a free one), its log to log_path (default:
    nowhere)."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", app, "--workers", str(workers),
                               "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--timeout", "300"],
                              cwd=ROOT, env=env or os.environ.copy(), stdout=log, stderr=log)
    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(base + ready_path, timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start within 2 minutes")
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log_path:
            log.close()


def worker_pids(master_pid: int) -> list[int]:
    """gunicorn's worker processes: the children of its master."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.append(int(entry.name))
    return pids


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
