"""glowlint's speed and memory against a floor and other tools, in one invocation.

    python bench/run.py                      # 5,000 files (~26 MB), 5 rounds (one page: 15)
    python bench/run.py --files 200 --runs 3
    python bench/run.py --quick              # smoke run: 100 files, 1 round

Generates the synthetic corpus with the shared generator (``--make-corpus``,
default ``../shared/bench/make_corpus.py`` next to the repository) into a work
folder (``--work``, default: the user cache folder's ``bench/``), then times
whole processes and their peak memory (largest resident set of any process of
the run, from ``getrusage(RUSAGE_CHILDREN)``). The commands run in
interleaved rounds, each round running every command once (`measure_all`):
``--runs`` rounds over the whole corpus, ``--page-runs`` over one page (one
run is a tenth of a second, and a few are too few on a noisy machine). The
medians and the fastest runs are reported:

- the floor: read every file and scan it with one stdlib ``re`` alternation of
  the phrase list, one core (bench/re_scan.py);
- glowlint on the whole corpus: no result cache (``--no-cache``; all cores,
  and ``--jobs 1``), and warm (result cache filled, nothing changed);
- glowlint on one ~5 KB page, no result cache (the rule-set cache warm, as
  after any earlier run), and with an empty user cache folder (first run ever);
- proselint and write-good, when found (``--proselint``, ``--write-good``, or
  on PATH): the same corpus and page.

Prints Markdown tables with ratios to the floor measured in the same
invocation, and how much faster glowlint is than proselint and write-good.
With ``--baseline CHECKOUT`` (a checkout of another commit, e.g. main), that
glowlint is timed in the same rounds, on the whole corpus and the page, and
the ratios of this code to it are printed.

With ``--rules-from CHECKOUT`` (usually the same checkout as ``--baseline``),
this code's snapshot gets that checkout's ``rules/`` instead of its own: this
code then runs the baseline's rules, and the ratios measure the code alone
(the rule set grows between releases; with its own rules, a newer glowlint
also pays for the rules it added). The findings should then be the
baseline's: check with ``bench/identity.py`` (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"


def measure_once(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Run ``cmd`` in a fresh helper process: (wall seconds, peak MB, exit status).

    The helper starts the command, so its RUSAGE_CHILDREN holds exactly this
    command and the processes it waited for (worker processes included).
    """
    helper = (
        "import resource, subprocess, sys, time, json\n"
        "cmd = json.loads(sys.argv[1])\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(cmd, stdout=subprocess.DEVNULL,\n"
        "                    stderr=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([wall, kb, rc]))\n"
    )
    out = subprocess.run([sys.executable, "-c", helper, json.dumps(cmd)], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True).stdout
    wall, kb, rc = json.loads(out)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS
    return wall, kb / scale, rc


@dataclass
class Measurement:
    """One command timed over several runs, interleaved with the others (see `measure_all`)."""

    key: str
    name: str
    cmd: list[str]
    runs: int
    ok: tuple[int, ...] = (0, 1)
    fresh_cache: bool = False  # an empty user cache folder for every run
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    failed: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def peak(self) -> float:
        return max(self.peaks)

    def run_once(self, cwd: Path, env: dict[str, str]) -> None:
        run_env = dict(env)
        if self.fresh_cache:
            run_env["GLOWLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="glowlint-bench-uc-")
        try:
            wall, peak, rc = measure_once(self.cmd, cwd, run_env)
        finally:
            if self.fresh_cache:
                shutil.rmtree(run_env["GLOWLINT_CACHE_DIR"], ignore_errors=True)
        if rc not in self.ok:
            print(f"  {self.name}: exit status {rc}; skipped ({' '.join(self.cmd)})",
                  file=sys.stderr)
            self.failed = True
            return
        self.walls.append(wall)
        self.peaks.append(peak)


def measure_all(measurements: list[Measurement], cwd: Path, env: dict[str, str]) -> None:
    """Run every measurement in rounds, each round running each command once.

    This machine's speed drifts by 10-20 % from minute to minute; run one tool
    five times and then the next, and the drift lands on one of them. In
    rounds, every command sees the same machine, and the medians compare.
    """
    for r in range(max(m.runs for m in measurements)):
        for m in measurements:
            if r < m.runs and not m.failed:
                m.run_once(cwd, env)
        print(f"  round {r + 1} done", file=sys.stderr)
    for m in measurements:
        if m.walls and not m.failed:
            print(f"  {m.name}: median {m.median:.3f} s, fastest {m.best:.3f} s, peak "
                  f"{m.peak:.0f} MB ({', '.join(f'{w:.3f}' for w in m.walls)})",
                  file=sys.stderr)


def default_work() -> Path:
    sys.path.insert(0, str(REPO))
    try:
        from glowlint.cache import user_cache_dir

        return user_cache_dir() / "bench"
    except Exception:  # noqa: BLE001
        return Path(tempfile.gettempdir()) / "glowlint-bench"
    finally:
        sys.path.pop(0)


def make_corpus(generator: Path, folder: Path, files: int) -> Path:
    corpus = folder / f"corpus-{files}"
    marker = corpus / ".complete"
    if not marker.exists():
        if corpus.exists():
            shutil.rmtree(corpus)
        print(f"generating {files} files into {corpus} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(generator), str(corpus), "--files", str(files)],
                       check=True, stdout=sys.stderr)
        marker.write_text("ok\n")
    return corpus


def page_of(corpus: Path, size: int = 5000) -> Path:
    """The Markdown page closest to ``size`` bytes (one file, as a pre-commit hook sees)."""
    pages = sorted(corpus.rglob("*.md"))
    return min(pages, key=lambda p: (abs(p.stat().st_size - size), str(p)))


def tool(explicit: str | None, *names: str) -> str | None:
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def package_of(checkout: Path) -> str:
    """The import package a checkout installs (``glowlint``; ``linter`` before issue 17)."""
    import re

    found = re.search(r'^glowlint\s*=\s*"(\w+)\.cli:main"',
                      (checkout / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else "glowlint"


def take_snapshot(checkout: Path, snapshot: Path, rules_from: Path | None = None) -> str:
    """A copy of ``checkout``'s code and rules laid out as installed; its package name.

    With ``rules_from``, the rules are that checkout's ``rules/`` instead (`--rules-from`).
    """
    package = package_of(checkout)
    shutil.rmtree(snapshot, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(checkout / "linter", snapshot / package, ignore=ignore)
    shutil.copytree((rules_from or checkout) / "rules", snapshot / "rules", ignore=ignore)
    return package


def installed_glowlint(work: Path, snapshot: Path, package: str = "glowlint",
                       name: str = "venv") -> list[str]:
    """The ``glowlint`` command of ``snapshot``, run as a glowlint installed from a wheel runs.

    As ``pip install`` does, the code is compiled to bytecode beforehand (this
    machine may set PYTHONDONTWRITEBYTECODE, and then every run would compile
    it anew). The interpreter is a virtual environment of its own that sees
    the snapshot and this environment's packages (glowlint's dependencies)
    through a ``.pth`` file: a development checkout installed in editable mode
    puts an import hook into this environment's start-up (about 10 ms a
    process) that no user's installation has. The command is a console script
    of the shape pip writes, as users run it (``python -m glowlint`` would also
    pay for runpy).
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(snapshot)], check=True,
                   stdout=subprocess.DEVNULL)
    venv = work / name
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)],
                           check=True, capture_output=True)
        where = "import sysconfig; print(sysconfig.get_path('purelib'))"
        out = subprocess.run([str(python), "-c", where], check=True, capture_output=True,
                             text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        # no venv module here: the editable hook is measured too
        return [sys.executable, "-m", package]
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    Path(out, "glowlint-bench.pth").write_text("\n".join([str(snapshot), *deps]) + "\n")
    if os.name == "nt":  # pip's scripts are .exe launchers there
        return [str(python), "-m", package]
    script = venv / "bin" / "glowlint"
    script.write_text(
        f"#!{python}\nimport re\nimport sys\nfrom {package}.cli import main\n"
        "if __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        "    sys.exit(main())\n")
    script.chmod(0o755)
    return [str(script)]


def _check_rules_from(ap: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.rules_from and (args.glowlint or args.live):
        ap.error("--rules-from needs the snapshot (not with --glowlint or --live)")
    if args.rules_from and not (args.rules_from / "rules").is_dir():
        ap.error(f"--rules-from: {args.rules_from / 'rules'} is not a folder")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, checked (``--quick`` applied)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=5000, help="corpus size (default 5000)")
    ap.add_argument("--runs", type=int, default=5, help="rounds of the whole-corpus "
                    "measurements (median)")
    ap.add_argument("--page-runs", type=int, default=15, help="rounds of the one-page "
                    "measurements (default 15; never fewer than --runs); the first run with "
                    "an empty user cache takes a second, and has --runs")
    ap.add_argument("--quick", action="store_true", help="smoke run: 100 files, 1 round")
    ap.add_argument("--make-corpus", type=Path, default=SHARED / "make_corpus.py")
    ap.add_argument("--phrases", type=Path, default=SHARED / "phrases.txt")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpus and caches")
    ap.add_argument("--glowlint", default=None, help="the glowlint command (default: this "
                    "Python's glowlint script, else python -m glowlint)")
    ap.add_argument("--proselint", default=None, help="proselint executable")
    ap.add_argument("--write-good", default=None, help="write-good executable")
    ap.add_argument("--skip-others", action="store_true", help="do not run proselint/write-good")
    ap.add_argument("--skip-jobs1", action="store_true", help="do not time --jobs 1")
    ap.add_argument("--live", action="store_true",
                    help="run the checkout itself, not a snapshot of linter/ and rules/ taken "
                    "at the start (edits during the run would then invalidate the caches)")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="a checkout of another commit (e.g. `git worktree add /tmp/main "
                    "main`): its glowlint is timed in the same rounds, and the ratios printed")
    ap.add_argument("--rules-from", type=Path, default=None,
                    help="a checkout whose rules/ this code runs instead of its own (e.g. the "
                    "--baseline checkout): the ratios then measure the code alone")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)
    _check_rules_from(ap, args)
    if args.quick:
        args.files, args.runs, args.page_runs = min(args.files, 100), 1, 1
    return args


def print_ratios(rows: dict[str, Measurement]) -> None:
    """How much faster glowlint is than the other tools, and its ratio to the baseline."""
    for key, other in (("cold", "proselint"), ("page", "page_proselint"),
                       ("page", "write_good_page")):
        if key in rows and other in rows:
            ours, theirs = rows[key], rows[other]
            print(f"- {theirs.name} / glowlint ({'whole corpus' if key == 'cold' else 'one page'}"
                  f"): {theirs.median / ours.median:.2f}× by medians, "
                  f"{theirs.best / ours.best:.2f}× by the fastest runs")
    for key, other in (("cold", "base_cold"), ("page", "base_page")):
        if key in rows and other in rows:
            ours, theirs = rows[key], rows[other]
            print(f"- glowlint / baseline ({'whole corpus' if key == 'cold' else 'one page'}): "
                  f"{ours.median / theirs.median:.3f}× by medians, "
                  f"{ours.best / theirs.best:.3f}× by the fastest runs")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    work = (args.work or default_work()).resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(args.make_corpus.resolve(), work, args.files)
    page = page_of(corpus)
    runs = max(1, args.runs)

    script = Path(sys.executable).parent / "glowlint"
    glow = args.glowlint.split() if args.glowlint else (
        [str(script)] if script.exists() else [sys.executable, "-m", "glowlint"])
    env = dict(os.environ)
    if not args.glowlint and not args.live:
        # the code as it is now: the caches' keys include glowlint's code, so an
        # edit in the checkout during the run would make the warm runs cold
        snapshot = work / "snapshot"
        rules_from = args.rules_from.resolve() if args.rules_from else None
        glow = installed_glowlint(work, snapshot, take_snapshot(REPO, snapshot, rules_from))
    base: list[str] = []
    if args.baseline:
        snapshot = work / "snapshot-baseline"
        base = installed_glowlint(work, snapshot, take_snapshot(args.baseline.resolve(), snapshot),
                                  "venv-baseline")
    env["GLOWLINT_CACHE_DIR"] = str(work / "user-cache")
    env.pop("GLOWLINT_DEBUG", None)
    cwd = work
    result_cache = work / "result-cache"
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    print(f"corpus: {args.files} files, {size / 1e6:.1f} MB; page: {page.name} "
          f"({page.stat().st_size} bytes); {cores} cores", file=sys.stderr)
    floor_cmd = [sys.executable, str(REPO / "bench" / "re_scan.py"), str(args.phrases)]
    # warm the rule-set cache and the OS file cache (not timed)
    subprocess.run([*glow, "check", "--no-cache", str(page)], cwd=cwd, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([*floor_cmd, str(corpus)], stdout=subprocess.DEVNULL)
    if base:
        subprocess.run([*base, "check", "--no-cache", str(page)], cwd=cwd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    warm_cmd = [*glow, "check", "--cache-dir", str(result_cache), str(corpus)]
    corpus_runs: list[Measurement] = [
        Measurement("floor", "stdlib re phrase scan, 1 core", [*floor_cmd, str(corpus)], runs,
                    ok=(0,)),
        Measurement("cold", "glowlint, no result cache",
                    [*glow, "check", "--no-cache", str(corpus)], runs),
    ]
    if not args.skip_jobs1:
        corpus_runs.append(Measurement("cold1", "glowlint --jobs 1, no result cache",
                                       [*glow, "check", "--no-cache", "--jobs", "1", str(corpus)],
                                       runs))
    corpus_runs.append(Measurement("warm", "glowlint, warm result cache", warm_cmd, runs))
    if base:
        corpus_runs.append(Measurement("base_cold", "baseline glowlint, no result cache",
                                       [*base, "check", "--no-cache", str(corpus)], runs))
    page_runs = max(runs, args.page_runs)
    page_cmd = [*glow, "check", "--no-cache", str(page)]
    one_page: list[Measurement] = [
        Measurement("page_floor", "stdlib re phrase scan, 1 core", [*floor_cmd, str(page)],
                    page_runs, ok=(0,)),
        Measurement("page", "glowlint, no result cache", page_cmd, page_runs),
        Measurement("page_first", "glowlint, first run (empty user cache)", page_cmd, runs,
                    fresh_cache=True),
    ]
    if base:
        one_page.append(Measurement("base_page", "baseline glowlint, no result cache",
                                    [*base, "check", "--no-cache", str(page)], page_runs))
    if not args.skip_others:
        prose = tool(args.proselint, "proselint")
        if prose:
            corpus_runs.append(Measurement("proselint", "proselint",
                                           [prose, "check", str(corpus)], runs))
            one_page.append(Measurement("page_proselint", "proselint",
                                        [prose, "check", str(page)], page_runs))
        good = tool(args.write_good, "write-good")
        if good:  # one page only: it takes files one by one as arguments
            one_page.append(Measurement("write_good_page", "write-good", [good, str(page)],
                                        page_runs, ok=tuple(range(256))))  # exit: suggestions
    shutil.rmtree(result_cache, ignore_errors=True)
    subprocess.run(warm_cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # fill the result cache (not timed)
    print(f"whole corpus: {runs} rounds", file=sys.stderr)
    measure_all(corpus_runs, cwd, env)
    print(f"one page: {page_runs} rounds", file=sys.stderr)
    measure_all(one_page, cwd, env)
    rows = {m.key: m for m in corpus_runs + one_page if m.walls and not m.failed}

    def table(group: list[Measurement], floor: Measurement | None, title: str) -> str:
        lines = [f"| {title} | median | fastest | peak memory | × the floor |",
                 "| --- | --- | --- | --- | --- |"]
        for row in group:
            if row.key not in rows:
                continue
            ratio = f"{row.median / floor.median:.2f}×" if floor else "-"
            lines.append(f"| {row.name} | {row.median:.3f} s | {row.best:.3f} s | "
                         f"{row.peak:.0f} MB | {ratio} |")
        return "\n".join(lines)

    version = subprocess.run([*glow, "--version"], capture_output=True, text=True,
                             env=env).stdout.strip()
    print()
    print(f"{version}; Python {platform.python_version()}; {platform.system()} "
          f"{platform.machine()}, {cores} cores; corpus {args.files} files "
          f"({size / 1e6:.1f} MB); {runs} interleaved rounds (one page: {page_runs})")
    if args.rules_from:
        print(f"\nthis code runs the rules of {args.rules_from} (--rules-from)")
    print()
    print(table(corpus_runs, rows.get("floor"), f"whole corpus ({args.files} files)"))
    print()
    print(table(one_page, rows.get("page_floor"), f"one page ({page.stat().st_size} bytes)"))
    print()
    print_ratios(rows)
    if args.json:
        args.json.write_text(json.dumps(
            {k: {"name": r.name, "walls": r.walls, "peaks_mb": r.peaks} for k, r in rows.items()}
            | {"files": args.files, "bytes": size, "cores": cores,
                                 "time": time.strftime("%Y-%m-%d %H:%M:%S")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
