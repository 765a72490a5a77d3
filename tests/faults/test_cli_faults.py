"""The command line against hostile files and arguments: every answer is a clear message
and an exit code, nothing hangs, nothing huge or raw reaches the terminal."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

ROUTINE = "id: {id}\ntitle: {title}\nsummary: Mine.\nsteps:\n  - rest: {rest}\n"


def _routine(id_: str = "mine", title: str = "Mine", rest: str = "10") -> str:
    return ROUTINE.format(id=id_, title=title, rest=rest)


def test_validate_refuses_a_fifo_without_hanging(sandbox) -> None:
    fifo = sandbox.path("pipe.yaml")
    os.mkfifo(fifo)
    result = sandbox.run("--validate", str(fifo), timeout=20)
    assert result.returncode == 1
    assert "named pipe" in result.stdout and "Traceback" not in result.stderr


def test_validate_refuses_an_endless_device(sandbox, need_root: Callable[[str], None]) -> None:
    need_root("mknod of a character device")
    zero = sandbox.path("zero.yaml")
    os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    result = sandbox.run("--validate", str(zero), timeout=20)
    assert result.returncode == 1
    assert "a device" in result.stdout


def test_validate_reads_numbers_as_yaml_1_2_does(sandbox) -> None:
    path = sandbox.path("mine.yaml")
    path.write_text(_routine(rest="2e1") + "get_ready: 1.5e0\n")
    result = sandbox.run("--validate", str(path))
    assert result.returncode == 0, result.stdout


def test_a_huge_number_is_reported_at_its_field_and_shortened(sandbox) -> None:
    path = sandbox.path("mine.yaml")
    path.write_text(_routine(rest="1" + "0" * 308) + "get_ready: 1e300\n")
    result = sandbox.run("--validate", str(path))
    assert result.returncode == 1
    assert "steps[0].rest:" in result.stdout and "309 digits" in result.stdout
    assert "get_ready: 1e+300 seconds is out of range" in result.stdout
    assert "(file)" not in result.stdout
    assert "0" * 40 not in result.stdout


def test_validate_checks_ids_against_each_other(sandbox) -> None:
    first, second = sandbox.path("a.yaml"), sandbox.path("b.yaml")
    first.write_text(_routine())
    second.write_text(_routine(title="Again"))
    result = sandbox.run("--validate", str(first), str(second))
    assert result.returncode == 1
    assert f"{second}:1:5: id: the routine id 'mine' is already used by {first}" in result.stdout


def test_validate_checks_ids_against_installed_routines(sandbox) -> None:
    installed = sandbox.data / "routines"
    installed.mkdir(parents=True)
    (installed / "mine.yaml").write_text(_routine())
    copy = sandbox.path("copy.yaml")
    copy.write_text(_routine(title="Copy"))
    result = sandbox.run("--validate", str(copy))
    assert result.returncode == 1
    assert "already used by" in result.stdout and str(installed) in result.stdout
    # The installed file itself is not a clash with itself.
    assert sandbox.run("--validate", str(installed / "mine.yaml")).returncode == 0


def test_a_title_of_a_megabyte_is_refused_with_its_length(sandbox) -> None:
    path = sandbox.path("mine.yaml")
    path.write_text(_routine(title="x" * 1_000_000))
    result = sandbox.run("--validate", str(path))
    assert result.returncode == 1
    assert "title: is 1,000,000 characters long; at most 120" in result.stdout
    assert len(result.stdout) < 2000


def test_control_characters_in_a_title_never_reach_the_terminal(sandbox) -> None:
    installed = sandbox.data / "routines"
    installed.mkdir(parents=True)
    (installed / "mine.yaml").write_text(_routine(title='"Evil \\e[2J\\u202e title"'))
    result = sandbox.run("--list-routines")
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("mine\t"))
    assert "\x1b" not in line and "\u202e" not in line
    assert "Evil \\x1b[2J\\u202e title" in line


def test_an_unknown_topic_or_routine_exits_2_without_a_window(sandbox) -> None:
    topic = sandbox.run("--topic", "no-such-topic")
    assert topic.returncode == 2
    assert "no topic has the id 'no-such-topic'" in topic.stderr
    routine = sandbox.run("--routine", "no-such-routine")
    assert routine.returncode == 2
    assert "no routine has the id 'no-such-routine'" in routine.stderr
