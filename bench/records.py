"""Catalogue throughput: records per second and peak memory of ``check-records``.

    python bench/records.py                    # 200,000 records (the issue's size)
    python bench/records.py --records 20000    # quicker, the same rates
    python bench/records.py --skip-dask        # without the Dask LocalCluster
    python bench/records.py --cache-cost       # and check's result cache, a record an entry
    python bench/records.py --variants 4       # products of 4 variants sharing their copy
    python bench/records.py --text-field title --text-field description   # several fields

Writes the seeded catalogue (`glowlint.records.catalogue`: ``description``
about 80 words, plus ``title``) as JSONL and Parquet into ``--work`` (default:
a temporary folder), then runs each command in its own process and measures
its wall time, its CPU time (user + system, of the process and the processes
it waited for: on a shared machine, records per CPU second is the rate a free
core would give) and the peak resident memory, sampled every 0.1 s with
psutil over the process and all its children (the largest single process,
and the whole tree at its largest). In the same invocation, the baseline: `lint_text`
called once per description with the rule set preloaded from the rule-set
cache, in one process (what glowlint offered before ``check-records``). The
commands:

- ``check-records catalogue.jsonl`` on one core;
- the same with ``--jobs 2``;
- ``--dask-local 2`` (a LocalCluster of 2 worker processes on 127.0.0.1);
- `glowlint.dask.lint_dataframe` on the Parquet file, split by row group,
  findings written as Parquet by the 2 workers (nothing gathered).

Every command reads ``description`` only (``--text-field description
--id-field sku``, JSONL output to /dev/null; ``--text-field`` names others, and
the baseline then lints each of them). Every record's copy is its own unless
``--variants N``: products of N variants (sizes) sharing their description,
which check-records lints once a batch (`glowlint.records.memo`) and the
baseline once a record. Rates count start-up: a run is one whole process, as a
user runs it, with the rules read from the rule-set cache (a one-record run
fills it first). Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASELINE = """
import sys, json, time
from glowlint import lint_text
from glowlint.cache import load_rules_cached
rules = load_rules_cached()  # as check-records loads them: from the rule-set cache
t = time.perf_counter()
n = 0
fields = sys.argv[2].split(",")
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        row = json.loads(line)
        for name in fields:
            if row.get(name):
                n += len(lint_text(row[name], rules=rules))
print(n, file=sys.stderr)
"""

# --cache-cost: what `check`'s result cache (linter/result_cache.py) would cost and save
# if it held one entry per record, keyed by the record's content (the question of issue
# 21, item 3). FILL lints every record and records its findings, then saves the cache;
# WARM reads the saved cache and looks every record up, linting nothing.
CACHE = """
import json, sys
from pathlib import Path
from glowlint.records.lint import lint_record
from glowlint.records.readers import Layout, RowError, read_records
from glowlint.records.rules import RulesSpec, compiled
from glowlint.result_cache import ResultCache
rules = compiled(RulesSpec())
cache = ResultCache.open(Path(sys.argv[2]), rules.full, "records")
if not isinstance(cache, ResultCache):
    raise SystemExit(f"no result cache: {cache}")
hits = found = 0
for record in read_records(Layout(sys.argv[1], ("description",), "sku"), "jsonl", print):
    if isinstance(record, RowError):
        continue
    key = ResultCache.key(json.dumps([record.fields, record.ignore]).encode(), "txt")
    if sys.argv[3] == "warm":
        cached = cache.get(key, sys.argv[1])
        hits += cached is not None
        found += len(cached[0]) if cached else 0
    else:
        findings = lint_record(record, rules, "txt", sys.argv[1])
        found += len(findings)
        cache.put(key, list(findings), None)
cache.save()
print(sys.argv[3], "hits", hits, "findings", found, file=sys.stderr)
"""

DASK_API = """
import sys
from dask.distributed import Client
from glowlint.dask import lint_dataframe, local_cluster, read_parquet, write_findings
if __name__ == "__main__":
    with local_cluster(2) as cluster, Client(cluster):
        ddf, offsets = read_parquet(sys.argv[1], columns=["sku", *sys.argv[3].split(",")])
        fields = sys.argv[3].split(",")
        found = lint_dataframe(ddf, fields, "sku", path=sys.argv[1], offsets=offsets)
        write_findings(found, sys.argv[2])
"""


def measure(cmd: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system, of the process and every process it
    waited for), peak RSS of the largest process and of the whole tree (bytes)."""
    import resource

    import psutil

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_one = peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_one, peak_tree
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                sizes = []
                for p in tree:
                    try:
                        sizes.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak_one = max(peak_one, *sizes, 0)
                peak_tree = max(peak_tree, sum(sizes))
            except psutil.Error:
                pass
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (done.ru_utime + done.ru_stime) - (used.ru_utime + used.ru_stime)
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return elapsed, cpu, peak_one, peak_tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--variants", type=int, default=1,
                        help="records a product, sharing its copy (default: 1, none shared)")
    parser.add_argument("--text-field", dest="fields", action="append", default=None,
                        help="a field to lint (repeatable; default: description)")
    parser.add_argument("--cache-cost", action="store_true",
                        help="also: the result cache of check, one entry a record (cold, warm)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="glowlint-records-"))
    from glowlint.records.catalogue import write

    paths = write(work, args.records, seed=1, row_group=max(1000, args.records // 16),
                  parquet=not args.skip_dask, variants=max(1, args.variants))
    fields = args.fields or ["description"]
    jsonl = str(paths["jsonl"])
    words = 0
    import json

    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            words += len((json.loads(line).get("description") or "").split())
    py = sys.executable
    base = [py, "-m", "glowlint", "check-records", jsonl, "--id-field", "sku", "-f", "jsonl",
            *(a for name in fields for a in ("--text-field", name))]
    runs = {
        "baseline: lint_text per record, rules preloaded, 1 process": [
            py, "-c", BASELINE, jsonl, ",".join(fields)],
        "check-records, 1 core": base,
        "check-records --jobs 2": [*base, "--jobs", "2"],
    }
    if not args.skip_dask:
        runs["check-records --dask-local 2"] = [*base, "--dask-local", "2"]
        runs["glowlint.dask.lint_dataframe, 2 workers, Parquet written by them"] = [
            py, "-c", DASK_API, str(paths["parquet"]), str(work / "findings"), ",".join(fields)]
    if args.cache_cost:
        folder = str(work / "cache")
        runs["result cache, cold: lint and record each record, save"] = [
            py, "-c", CACHE, jsonl, folder, "fill"]
        runs["result cache, warm: every record looked up, none linted"] = [
            py, "-c", CACHE, jsonl, folder, "warm"]
    # every run reads the rules from the rule-set cache, as the baseline does: the first
    # run after a change to glowlint's code would otherwise compile them (seconds, 45 MB)
    warm = work / "warm-up.jsonl"
    warm.write_text('{"description": "A gentle peel."}\n', encoding="utf-8")
    subprocess.run([*base[:4], str(warm), "-q"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    n = args.records
    print(f"{n:,} records, {words / n:.0f} words of description on average "
          f"(one of {max(len(line) for line in open(jsonl, encoding='utf-8')) // 1000} kB), "
          f"fields: {', '.join(fields)}, variants a product: {max(1, args.variants)}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print(f"load average before: {os.getloadavg()[0]:.1f}\n")
    print("| run | seconds | records/s | CPU seconds | records per CPU second "
          "| peak RSS, largest process | peak RSS, all processes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, cmd in runs.items():
        seconds, cpu, one, tree = measure(cmd)
        print(f"| {name} | {seconds:.1f} | {n / seconds:,.0f} | {cpu:.1f} | {n / cpu:,.0f} "
              f"| {one / 2**20:.0f} MB | {tree / 2**20:.0f} MB |", flush=True)
    if args.cache_cost:
        size = sum(f.stat().st_size for f in (work / "cache").glob("results-*.json"))
        print(f"\nresult cache file: {size / 2**20:.1f} MB")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
