#!/usr/bin/python3
"""Speed of `vae-explorer eval --iw-samples K` against the machine's SGEMM rate.

The importance-sampled log p(x) decodes K samples per image: almost all of its work is the
decoder's two matrix products, so its rate is compared with BLAS's on the larger one
([4096, hidden] x [hidden, D], the size of one pass) through the same LibTorch. The estimate's time
is that of eval with --iw-samples less that of the same eval without. On a shared machine the
rates swing with the load, so each repeat measures BLAS just before and just after the estimate,
and the figures are medians over the repeats. Prints one JSON line.

    bench/iwae_bench.py --model DIR/model.vae [--samples 5000] [--images 500] [--threads 2] [--repeats 3]

The model must be the reference MLP (784-400-20 by default; see --hidden and --latent).
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import torch

from sgemm_rate import sgemm_rate

HERE = os.path.dirname(os.path.abspath(__file__))
D, ROWS = 784, 4096


def output_layer_rate(threads, hidden):
    """GFLOP/s of this machine's BLAS on one pass's output layer, through the same LibTorch."""
    return sgemm_rate(threads, ROWS, hidden, D, warmups=5, count=20)


def timed_eval(exe, arguments):
    started = time.perf_counter()
    result = subprocess.run([exe, "eval"] + arguments + ["--json"], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", default=os.path.join(HERE, "..", "build", "app", "vae-explorer"))
    parser.add_argument("--model", required=True)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--images", type=int, default=500)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--hidden", type=int, default=400)
    parser.add_argument("--latent", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    common = [args.model, "--images", str(args.images), "--threads", str(args.threads)]
    # Multiply-adds of the decoder per sample, times two; the encoder runs once per image.
    flops = 2 * args.images * args.samples * (args.latent * args.hidden + args.hidden * D)
    runs = []
    for _ in range(args.repeats):
        gemm_before = output_layer_rate(args.threads, args.hidden)
        baseline, _ = timed_eval(args.exe, common)
        total, figures = timed_eval(args.exe, common + ["--iw-samples", str(args.samples)])
        gemm = (gemm_before + output_layer_rate(args.threads, args.hidden)) / 2
        seconds = total - baseline
        runs.append({"seconds": seconds, "gemm": gemm, "fraction": flops / seconds / 1e9 / gemm})
    seconds = statistics.median(r["seconds"] for r in runs)
    print(json.dumps({
        "benchmark": "iwae",
        "model": args.model,
        "threads": args.threads,
        "images": args.images,
        "iw_samples": args.samples,
        "repeats": args.repeats,
        "seconds": round(seconds, 2),
        "seconds_per_image": round(seconds / args.images, 4),
        "gflop_per_s": round(flops / seconds / 1e9, 1),
        "sgemm_gflop_per_s": round(statistics.median(r["gemm"] for r in runs), 1),
        "fraction_of_sgemm": round(statistics.median(r["fraction"] for r in runs), 3),
        "fraction_per_repeat": [round(r["fraction"], 3) for r in runs],
        "log_likelihood": figures["log_likelihood"],
        "elbo": figures["elbo"],
    }))


if __name__ == "__main__":
    main()
