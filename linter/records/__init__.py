"""Catalogues: product records (JSONL, CSV, Parquet) linted one record at a time.

A record is one document: the advice rules (missing sunscreen, consultation …)
read all of its text fields together, claims are found field by field, and every
finding names its record, field and row. Nothing here does work at import:
Dask workers start by ``spawn`` and import these modules before every task.

- `model`: `Record`, `RecordFinding` (a `Finding` that names record and field);
- `rules`: the rule set per process, compiled once per content hash (`RulesSpec`);
- `lint`: one record through the engine; `lint_records` (the Python API);
- `memo`: engine results shared by the records of a batch with the same copy;
- `frame`: `lint_frame` (pandas in, a flat findings frame out);
- `readers`: JSONL, CSV and Parquet read in batches, bad rows reported and skipped;
- `suppress`: the ``glowlint_ignore`` column and record baselines;
- `report`: the existing reporters fed with findings that name record and field;
- `command`: ``glowlint check-records``;
- `catalogue`: a seeded catalogue generator (tests, benchmark).
"""
