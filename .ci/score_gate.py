#!/usr/bin/env python3
"""CI gate: score extraction on the shared seed gold, the dev corpus and the project's own probe
articles (tests/data/probe) and fail below thresholds set just under what the extractor
reaches, so that a regression cannot land unnoticed."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

# field -> minimum F1; "wrong_offsets" and "dirty_labels" must be 0 everywhere
INFOBOX_FIELDS = ("event", "begin", "end", "place", "country", "part_of", "result", "combatants")
THRESHOLDS = {
    "seed": {"fields": {**{f: 1.0 for f in INFOBOX_FIELDS}, "casualty_claims": 1.0,
                        "prose_claims": 1.0}, "hard": 1.0},
    "dev": {"fields": {**{f: 0.99 for f in INFOBOX_FIELDS}, "casualty_claims": 0.98,
                       "prose_claims": 0.93}, "hard": 0.97},
    # tests/data/probe: articles written after the extractor, kept as a held-out check
    "probe": {"fields": {**{f: 0.98 for f in INFOBOX_FIELDS}, "casualty_claims": 0.95,
                         "prose_claims": 0.80}, "hard": 0.91},
}


def score(shared: Path, articles: Path, gold: Path, kg: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        proc = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(articles),
                               str(gold), "--kg", kg, "--json", str(out)],
                              capture_output=True, text=True)
        print(proc.stdout)
        if proc.returncode == 2 or not out.exists():
            print(proc.stderr, file=sys.stderr)
            raise SystemExit(f"score.py failed on {articles}")
        return json.loads(out.read_text())


def f1(counts: dict) -> float:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--kg", default=".venv/bin/kg")
    a = ap.parse_args()
    runs = {"seed": (Path("seeds"), a.shared / "gold"),
            "dev": (a.shared / "corpus" / "dev", a.shared / "corpus" / "dev-gold"),
            "probe": (Path("tests/data/probe/articles"), Path("tests/data/probe/gold"))}
    failures = []
    for name, (articles, gold) in runs.items():
        if not gold.exists():
            continue
        result = score(a.shared, articles, gold, a.kg)
        limits = THRESHOLDS[name]
        for field, minimum in limits["fields"].items():
            got = f1(result["fields"][field])
            if got < minimum:
                failures.append(f"{name}: {field} F1 {got:.3f} < {minimum:.3f}")
        if result["hard_f1"] < limits["hard"]:
            failures.append(f"{name}: hard F1 {result['hard_f1']:.3f} < {limits['hard']:.3f}")
        for counter in ("wrong_offsets", "dirty_labels"):
            if result[counter]:
                failures.append(f"{name}: {result[counter]} {counter.replace('_', ' ')}")
    for line in failures:
        print("score gate:", line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
