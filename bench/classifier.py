"""Classifier speed and memory: tagging latency of one report, throughput on one core, model RSS.

python bench/classifier.py [--model DIR] [--n 500]
Texts come from data/heldout.jsonl (run data/build_splits.py first) or the demo reports.
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_texts(n: int) -> list[str]:
    source = ROOT / "data" / "heldout.jsonl"
    if not source.exists():
        source = ROOT / "opinion" / "demo" / "reports.jsonl"
    texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    return (texts * (n // len(texts) + 1))[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    import classifier
    from classifier.text import segment
    segment("khởi động")  # underthesea's own start-up is not the model's cost
    before = rss_mb()
    started = time.perf_counter()
    model = classifier.load_model(args.model)
    load_seconds = time.perf_counter() - started
    model.predict(["khởi động mô hình"])
    after = rss_mb()

    texts = sample_texts(args.n)
    latencies = []
    for text in texts:
        t0 = time.perf_counter()
        model.predict([text])
        latencies.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    for start in range(0, len(texts), 64):
        model.predict(texts[start:start + 64])
    batch_rate = len(texts) / (time.perf_counter() - t0)

    latencies.sort()
    print(f"model {model.version}: load {load_seconds:.2f} s, memory {after - before:.0f} MB "
          f"(process RSS {after:.0f} MB)")
    print(f"one report with explanations ({len(texts)} reports, one core): "
          f"median {statistics.median(latencies):.2f} ms, p95 {latencies[int(0.95 * len(latencies)) - 1]:.2f} ms, "
          f"{1000 / statistics.mean(latencies):.0f} reports/s")
    print(f"batches of 64 with explanations: {batch_rate:.0f} reports/s")


if __name__ == "__main__":
    main()
