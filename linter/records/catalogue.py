"""A seeded, synthetic product catalogue for tests and the benchmark.

    python -m glowlint.records.catalogue OUT_DIR [--records 20000] [--seed 1] [--row-group 5000]
                                                 [--variants 1]

writes ``catalogue.jsonl``, ``catalogue.csv`` and ``catalogue.parquet`` (several
row groups; needs pyarrow) with the same records: ``sku``, ``title``,
``description`` (about 80 words) and ``glowlint_ignore``. Record *i* depends
only on (seed, i). Mixed in on purpose: overclaims, traps that are not claims
(negated, asked, hedged), safety advice, null and empty descriptions, null and
duplicate ids, accents and emoji, line breaks inside descriptions (quoted in
CSV), a suppression, and one very long description. With ``variants`` N > 1,
records come in runs of N variants of one product (sizes: ``30 ml``, ``50 ml``
…) sharing its description, as real catalogues repeat copy; N = 1 (the default)
gives every record its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TREATMENTS = ["chemical peel", "microneedling", "microdermabrasion", "laser resurfacing",
              "hydrating facial", "LED light therapy", "retinol serum", "vitamin C serum"]
CLAIMS = [
    "It is completely painless.", "There are no side effects.",
    "Clinically proven to reduce fine lines.", "Suitable for all skin types.",
    "It permanently removes acne scars.", "It stimulates collagen production.",
    "Results are guaranteed after one session.", "The best treatment for dull skin.",
    "Safe for everyone, with zero downtime.", "Dermatologist recommended and FDA approved.",
    "It erases wrinkles overnight.", "100% natural and chemical-free.",
]
TRAPS = [
    "It will not completely remove acne scars.", "Is it painful? Most people feel some heat.",
    "Some clinics claim it is painless; we do not.", "There is usually little downtime.",
    "We never promise results after one session.",
]
ADVICE = [
    "Wear SPF 30 sunscreen every day afterwards.",
    "Book a consultation with a qualified practitioner first.",
    "Not suitable during pregnancy or with active eczema.",
    "Redness and mild swelling are common and fade within a day or two.",
]
PLAIN = [
    "Our {t} leaves skin looking fresh and even.", "Each session takes about forty minutes.",
    "Apply a thin layer to clean skin in the evening.", "Made in small batches in Manchester.",
    "The formula is fragrance free and comes in a recyclable glass bottle.",
    "Customers love the light texture and subtle scent.", "Gentle enough for weekly use.",
    "Pair it with a simple moisturiser for best comfort.",
    "Our team explains every step before you begin.", "Prices start from £45 per session.",
]
NON_ASCII = ["Crème légère ✨ for a radiant glow 😍.", "Naïve skin? Try our açaí mask 🌿.",
             "Über-gentle cleanser — 200 ml.", "日本製の美容液 with niacinamide."]


def _description(rng: random.Random) -> str:
    """About 80 words: plain sentences, maybe a claim, a trap, advice, accents."""
    treatment = rng.choice(TREATMENTS)
    parts = [f"Discover our {treatment}."]
    while sum(len(p.split()) for p in parts) < 70:
        roll = rng.random()
        if roll < 0.18:
            parts.append(rng.choice(CLAIMS))
        elif roll < 0.26:
            parts.append(rng.choice(TRAPS))
        elif roll < 0.40:
            parts.append(rng.choice(ADVICE))
        elif roll < 0.45:
            parts.append(rng.choice(NON_ASCII))
        else:
            parts.append(rng.choice(PLAIN).format(t=treatment))
    if rng.random() < 0.15:  # a line break inside the field (quoted in CSV)
        cut = rng.randrange(1, len(parts))
        return " ".join(parts[:cut]) + "\n\n" + " ".join(parts[cut:])
    return " ".join(parts)


SIZES = ["30 ml", "50 ml", "100 ml", "150 ml", "200 ml", "250 ml", "500 ml", "1 l"]


def record(seed: int, i: int, long_at: int, variants: int = 1) -> dict[str, Any]:
    """Record ``i`` of the catalogue of ``seed``: with ``variants`` > 1, a variant of
    product ``i // variants``, whose copy (and suppression) it shares."""
    rng = random.Random(f"{seed}:{i // variants}" if variants > 1 else f"{seed}:{i}")
    sku: str | None = f"SKU-{i:06d}"
    if i and i % 997 == 0:
        sku = f"SKU-{i - 500:06d}"  # a duplicate id
    elif rng.random() < 0.01:
        sku = None
    description: str | None = _description(rng)
    roll = rng.random()
    if roll < 0.03:
        description = None
    elif roll < 0.05:
        description = ""
    if i == long_at:
        description = " ".join(_description(random.Random(f"{seed}:long:{k}"))
                               for k in range(150))  # about 12,000 words
    title = f"{rng.choice(['Glow', 'Pure', 'Calm', 'Bright'])} {rng.choice(TREATMENTS)}"
    if rng.random() < 0.1:
        title += " - " + rng.choice(CLAIMS).rstrip(".")
    if variants > 1:
        title += f" {SIZES[i % variants % len(SIZES)]}"
    ignore = "painless -- approved by legal 2026-03" if rng.random() < 0.01 else None
    return {"sku": sku, "title": title, "description": description, "glowlint_ignore": ignore}


def records(n: int, seed: int = 1, variants: int = 1) -> Iterator[dict[str, Any]]:
    long_at = n // 2
    for i in range(n):
        yield record(seed, i, long_at, variants)


FIELDS = ("sku", "title", "description", "glowlint_ignore")


def write(folder: Path, n: int, seed: int = 1, row_group: int = 5000,
          parquet: bool = True, variants: int = 1) -> dict[str, Path]:
    """Write the catalogue as JSONL, CSV and (with pyarrow) Parquet; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"jsonl": folder / "catalogue.jsonl", "csv": folder / "catalogue.csv"}
    with open(paths["jsonl"], "w", encoding="utf-8") as jf, \
            open(paths["csv"], "w", encoding="utf-8", newline="") as cf:
        writer = csv.writer(cf)
        writer.writerow(FIELDS)
        for rec in records(n, seed, variants):
            jf.write(json.dumps(rec, ensure_ascii=False) + "\n")
            writer.writerow(["" if rec[k] is None else rec[k] for k in FIELDS])
    if parquet:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(k, pa.string()) for k in FIELDS])
        paths["parquet"] = folder / "catalogue.parquet"
        with pq.ParquetWriter(paths["parquet"], schema) as pw:
            batch: list[dict[str, Any]] = []
            for rec in records(n, seed, variants):
                batch.append(rec)
                if len(batch) == row_group:
                    pw.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                pw.write_table(pa.Table.from_pylist(batch, schema=schema))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--row-group", type=int, default=5000)
    parser.add_argument("--no-parquet", action="store_true")
    parser.add_argument("--variants", type=int, default=1,
                        help="records a product, sharing its copy (default: 1, none shared)")
    args = parser.parse_args()
    for kind, path in write(args.out, args.records, args.seed, args.row_group,
                            not args.no_parquet, max(1, args.variants)).items():
        print(f"{kind}: {path}")


if __name__ == "__main__":
    main()
