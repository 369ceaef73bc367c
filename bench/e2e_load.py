"""End to end under load: N citizens at once on Telegram (fake Bot API) until their tickets are filed.

Starts the deploy/ layout on loopback (tests/scale/cluster.py: Rasa with SQL tracker store on
PostgreSQL and Redis lock store, action server, web app serving the Telegram webhook, worker; one
copy of each by default, `--copies 2` for two behind random-copy balancers). For each level, N
citizens start together; each files a complaint (first message with department and place, then
the form's questions by text and buttons) and asks its status (tests/scale/citizens.py).
A turn is one citizen message: from the update reaching the webhook to the bot's answer, confirmed
in Rasa's tracker (that read is part of the turn). Prints turns per second, median and 95th
percentile turn time, and the resident memory of every process after each level. Never asserts.

    .venv/bin/python bench/e2e_load.py                          # 1, 10, 50 citizens; newest model in models/
    .venv/bin/python bench/e2e_load.py --copies 2 --levels 1 10 50 100 --model /tmp/m.tar.gz
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scale.citizens import p95, run_citizens  # noqa: E402
from tests.scale.cluster import newest_model, start_cluster  # noqa: E402


def _machine() -> str:
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {mem / 2 ** 20:.0f} GiB, load average {load}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50], help="citizens at once")
    parser.add_argument("--copies", type=int, default=1, help="copies of each stateless process")
    parser.add_argument("--model", type=Path, help="Rasa model (default: HELPLINE_TEST_MODEL or newest in models/)")
    args = parser.parse_args()
    model = args.model or newest_model()
    if model is None:
        print("no trained model: run `make train` or pass --model", file=sys.stderr)
        return 2
    print(f"machine: {_machine()}")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="e2e-load-") as workdir:
        cluster = start_cluster(Path(workdir), model=model, copies=args.copies)
        try:
            print(f"model {model.name}; {args.copies} cop{'y' if args.copies == 1 else 'ies'} of each process, "
                  f"ready in {time.monotonic() - started:.0f} s")
            print(f"{'at once':>7} {'filed':>6} {'turns':>6} {'turns/s':>8} {'median s':>9} {'p95 s':>7} {'wall s':>7}")
            memory, cpu = [], []
            first_chat = 7_000_000
            for level in args.levels:
                chats = list(range(first_chat, first_chat + level))
                cpu_before = cluster.cpu()
                outcomes, wall = asyncio.run(run_citizens(cluster.tg, cluster.rasa_url, cluster.token, chats,
                                                          at_once=level, first_index=first_chat - 7_000_000))
                first_chat += level
                turns = [t for o in outcomes for t in o.turns]
                filed = sum(1 for o in outcomes if o.number)
                print(f"{level:>7} {filed:>6} {len(turns):>6} {len(turns) / wall:>8.1f} "
                      f"{statistics.median(turns):>9.2f} {p95(turns):>7.2f} {wall:>7.1f}", flush=True)
                for o in outcomes:
                    if o.error:
                        print(f"        chat {o.chat}: {o.error}")
                memory.append((level, cluster.memory()))
                cpu_after = cluster.cpu()
                cpu.append((level, {n: (cpu_after[n] or 0) - (cpu_before[n] or 0) for n in cpu_after}))
            names = list(memory[0][1])
            print("\nresident memory (MiB) after each level")
            print(f"{'at once':>7} " + " ".join(f"{n:>10}" for n in names))
            for level, rss in memory:
                print(f"{level:>7} " + " ".join(f"{(rss[n] or 0):>10.0f}" for n in names))
            print("\nCPU seconds used during each level")
            print(f"{'at once':>7} " + " ".join(f"{n:>10}" for n in names))
            for level, used in cpu:
                print(f"{level:>7} " + " ".join(f"{used[n]:>10.1f}" for n in names))
            print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        finally:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
