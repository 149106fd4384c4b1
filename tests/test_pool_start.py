"""Worker pools start without fork, load their rules from the user cache, and give the
report `--jobs 1` gives (linter/pools.py, linter/parallel.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glowlint import pools

# glowlint check with a second thread running (as under a test runner or a language
# server), every warning of a deprecation an error: a pool that forks warns on Python
# 3.12+ ("This process is multi-threaded, use of fork() may lead to deadlocks").
# stderr says how the pool started and what its workers were given.
_CHECK = (
    "import sys, threading\n"
    "threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
    "from glowlint import cli, pools\n"
    "made = pools.Workers\n"
    "def traced(jobs, serve, args=(), preload=()):\n"
    "    print(pools.start_method(), type(args[0]).__name__, *preload, file=sys.stderr)\n"
    "    return made(jobs, serve, args, preload)\n"
    "pools.Workers = traced\n"
    "sys.argv = ['glowlint'] + sys.argv[1:]\n"
    "cli.main()\n"
)


def _pages(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):  # enough files for worker processes (parallel.MIN_PARALLEL)
        (folder / f"page-{i:03d}.md").write_text(
            f"# Peel {i}\n\nOur peel is completely painless and suits all skin types.\n\n"
            f"Book {i} sessions today.\n", encoding="utf-8")


def test_jobs_2_starts_workers_without_fork_and_reports_as_jobs_1(tmp_path: Path) -> None:
    _pages(tmp_path / "site", 70)
    env = {**os.environ, "CI": "1"}

    def check(jobs: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-W", "error::DeprecationWarning", "-c", _CHECK, "check",
             "--no-cache", "--isolated", "--format", "json", "--jobs", jobs, "site"],
            capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)

    one, two = check("1"), check("2")
    assert (one.returncode, two.returncode) == (1, 1), two.stderr
    assert two.stdout == one.stdout
    assert one.stdout.count('"rule": "painless"') == 70
    assert one.stderr == ""  # no pool for one job
    # the rules as what to load, and what the workers import from the fork server: the
    # modules of the rule set's kinds too (imported when a rule set has such a rule)
    # and of its planning and lexicon, and of the readers the pages need
    kinds = " ".join(["glowlint.doctypes", *(f"glowlint.kinds.{kind}" for kind in (
        "answer", "claim", "frame", "metric", "required")), "glowlint.language",
        "glowlint.lexicon", "glowlint.planning", "glowlint.readers.markdown"])
    assert two.stderr == (f"{pools.start_method()} Options glowlint.parallel glowlint.runner "
                          f"glowlint.cache glowlint.cli {kinds}\n")


def test_pools_never_fork() -> None:
    import multiprocessing

    assert pools.start_method() in multiprocessing.get_all_start_methods()
    assert pools.start_method() in ("forkserver", "spawn")
    if sys.platform.startswith("linux"):
        assert pools.start_method() == "forkserver"


@pytest.mark.parametrize("interrupt_after", [3])
def test_a_run_stopped_early_shuts_its_pool_down(tmp_path: Path, interrupt_after: int) -> None:
    """A caller that stops reading (Ctrl-C in the report) leaves no pool behind: nothing
    is printed at exit ("Exception ignored ... Bad file descriptor") and no worker lives on."""
    _pages(tmp_path / "site", 70)
    script = (
        "import sys\n"
        "from glowlint import parallel\n"
        "from glowlint.files import discover\n"
        "from glowlint.rules import load_rules\n"
        "targets = [t for t in discover(['site'])]\n"
        "results = parallel.lint_targets(targets, load_rules(), jobs=2)\n"
        f"for k, _ in zip(range({interrupt_after}), results): pass\n"
        f"if {interrupt_after}: results.close()\n"
        "import multiprocessing\n"
        "print(len(multiprocessing.active_children()))\n"
    )
    done = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", script],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "0\n"  # no worker lives on


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process group")
def test_ctrl_c_during_a_jobs_2_run_stops_it_cleanly(tmp_path: Path) -> None:
    """Ctrl-C at a terminal signals the whole process group: glowlint, its fork server
    and its workers. The run says "interrupted" once, exits 130, and nothing else is
    printed (no worker traceback, no "Exception ignored" at exit, no leaked semaphore)."""
    import signal
    import time

    site = tmp_path / "site"
    site.mkdir()
    page = "Our peel is completely painless. " * 150 + "\n"
    for i in range(2000):  # long enough to be interrupted while the workers lint
        (site / f"page-{i:04d}.md").write_text(f"# Page {i}\n\n{page}", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "glowlint", "check", "--no-cache", "--isolated", "--jobs", "2",
         "site"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "CI": "1"}, start_new_session=True)
    try:
        time.sleep(3)
        if proc.poll() is not None:
            pytest.skip("the run ended before it could be interrupted")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert (proc.returncode, err) == (130, b"glowlint: interrupted\n")


def test_workers_answer_in_order_and_raise_what_a_worker_raised() -> None:
    """`pools.Workers`: each worker keeps what it loads in its own frame and answers its
    chunks; the answers come in the chunks' order, an exception raised by the work is
    raised in the main process, and a worker that dies is reported, never waited for."""
    workers = pools.Workers(2, pools.answer, (int,))
    try:
        assert list(workers.results([str(n) for n in range(20)], ahead=3)) == list(range(20))
        with pytest.raises(ValueError, match="not a number"):
            list(workers.results(["1", "not a number", "3"], ahead=1))
    finally:
        workers.stop(wait=True, cancel=True)
    dying = pools.Workers(1, pools.answer, (os._exit,))
    try:
        with pytest.raises(pools.WorkerLost):
            list(dying.results([0], ahead=1))
    finally:
        dying.stop(wait=True, cancel=True)
    import multiprocessing

    assert multiprocessing.active_children() == []
