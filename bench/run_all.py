"""Run every benchmark on ../shared and write one JSON report (``make bench``).

    python bench/run_all.py [--quick] [--out bench/results/latest.json]

``--quick`` runs each benchmark on a subset (minutes instead of the better part of an hour on 2 cores).
Each benchmark is a separate process, so a crash in one is reported and the others still run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"

#: name → (script arguments, arguments added with --quick)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "gate": (["gate_report.py"], []),
    "extraction_aeb": (["extraction_aeb.py"], ["--limit", "40"]),
    "actors": (["actors_dev.py", "all"], ["--limit", "300"]),
    "events_conflibert": (["events_dev.py", "conflibert"], ["--limit", "300"]),
    "events_petrarch": (["events_dev.py", "petrarch"], ["--limit", "300"]),
    "quotes_polnear_dev": (["quotes_polnear.py", "--split", "dev"], ["--limit", "20"]),
    "timex": (["timex_dev.py"], ["--limit", "40"]),
    "speed": (["events_dev.py", "speed"], ["--docs", "60"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--only", nargs="*", default=None, help="names of benchmarks to run")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"benchmarks need {SHARED} (development data beside the repository)")
    report: dict[str, object] = {"quick": args.quick, "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    for name, (command, quick) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        argv = [sys.executable, str(HERE / command[0]), *command[1:], *(quick if args.quick else [])]
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        seconds = round(time.perf_counter() - started, 1)
        try:
            result: object = json.loads(done.stdout[done.stdout.index("{") :])
        except ValueError:
            result = {"error": f"exit {done.returncode}", "stderr": done.stderr[-2000:]}
        report[name] = {"seconds": seconds, "result": result}
        print(f"{name}: {seconds}s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
