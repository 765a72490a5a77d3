"""The fault-injection suite's sandbox: a throwaway profile and a way to run BackEase in a
child process, optionally as an unprivileged user.

CI runs as root, and root ignores file modes: a `chmod 000` folder proves nothing unless
the code under test runs without that power. So a permission case runs BackEase as the
user `nobody` (uid/gid 65534, no supplementary groups) when the suite is root, and as the
current user otherwise (whose modes already apply). The sandbox lives in a world-traversable
temporary folder owned by that user, since pytest's own tmp_path is private to root."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOBODY = 65534
IS_ROOT = os.geteuid() == 0


def _drop_privileges() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _need_root(reason: str) -> None:
    if not IS_ROOT:
        pytest.skip(f"needs root: {reason}")


@pytest.fixture
def need_root() -> Callable[[str], None]:
    """Call with a reason: skips (the reason printed by -ra) a case that needs root, e.g.
    mknod of a device; as root, on CI, nothing skips."""
    return _need_root


@dataclass
class Sandbox:
    """A home with XDG folders, and BackEase run against it in a child process."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.root / "data" / "BackEase"

    @property
    def config(self) -> Path:
        return self.root / "config" / "BackEase"

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def give_away(self, path: Path) -> None:
        """Makes `path` (and everything under it) the unprivileged user's, as root."""
        if not IS_ROOT:
            return
        for folder, dirs, files in os.walk(path):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.lchown(name, NOBODY, NOBODY)
        os.lchown(path, NOBODY, NOBODY)

    def run_python(
        self, script: str, *, unprivileged: bool = False, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Runs `script` (Python source) in a child process against the sandbox."""
        return self.run("-c", script, unprivileged=unprivileged, timeout=timeout, module=False)

    def run(
        self,
        *args: str,
        module: bool = True,
        unprivileged: bool = False,
        timeout: float = 30,
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """`python -m backease_desktop ARGS`; `unprivileged` drops root's power first."""
        preexec: Callable[[], None] | None = None
        python = [sys.executable, *(["-m", "backease_desktop"] if module else []), *args]
        command = python
        if unprivileged and IS_ROOT:
            self.give_away(self.root)
            setpriv = shutil.which("setpriv")
            if setpriv:
                command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
                command += python
            else:
                preexec = _drop_privileges
        env = {**self.env, **(extra_env or {})}
        return subprocess.run(
            command,
            env=env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=preexec,
            check=False,
        )


def _make_all_removable(root: Path) -> None:
    for folder, dirs, _ in os.walk(root):
        for name in dirs:
            full = os.path.join(folder, name)
            if not os.path.islink(full):
                os.chmod(full, 0o700)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    root = Path(tempfile.mkdtemp(prefix="backease-faults-"))
    root.chmod(0o755)  # reachable by the unprivileged user
    for sub in ("config", "data", "cache", "runtime"):
        (root / sub).mkdir()
    (root / "runtime").chmod(stat.S_IRWXU)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_RUNTIME_DIR": str(root / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={root}/runtime/no-bus",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "LANG": "C.UTF-8",
    }
    try:
        yield Sandbox(root, env)
    finally:
        os.chmod(root, 0o700)
        _make_all_removable(root)
        shutil.rmtree(root, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """As root (CI) every fault case can run, so a skip there is a failure: a case that
    quietly stopped running proves nothing."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if IS_ROOT and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped as root, where every fault case must run: {report.longrepr}"
