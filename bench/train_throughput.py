#!/usr/bin/python3
"""Training throughput of `vae-explorer train` against the plain PyTorch loop (reference_vae.py).

Both train the reference configuration (Fashion-MNIST, 784-400-20 ReLU MLP, Bernoulli on grey
pixels, analytic KL, one sample, Adam 1e-3, batch 128, float32) with the same thread count on the
same BLAS. Runs alternate (ours, theirs, ours, ...) so that the machine's noise hits both alike;
the figures are medians over the repeats. Prints one JSON line.

    bench/train_throughput.py --exe build/app/vae-explorer [--repeats 3] [--epochs 1] [--threads 2]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import torch

from sgemm_rate import sgemm_rate

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/share/datasets/fashion-mnist"
D, H, Z, BATCH = 784, 400, 20, 128


def flops_per_image():
    """Multiply-adds of one training step per image, times two: the forward pass, the weight
    gradients of every layer, and the input gradients of every layer but the first."""
    layers = [(D, H), (H, Z), (H, Z), (Z, H), (H, D)]
    forward = sum(i * o for i, o in layers)
    input_gradients = forward - D * H
    return 2 * (2 * forward + input_gradients)


def step_product_rate(threads):
    """GFLOP/s of this machine's BLAS on the step's largest product, through the same LibTorch."""
    return sgemm_rate(threads, BATCH, D, H, warmups=20, count=200)


def run_ours(exe, epochs, threads, seed):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([exe, "train", "--dataset", DATA, "--latent", str(Z), "--hidden", str(H), "--epochs",
                        str(epochs), "--threads", str(threads), "--seed", str(seed), "--out", out],
                       check=True, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "metrics.csv")) as f:
            rows = list(csv.DictReader(f))
    images = 60000 * len(rows)
    seconds = sum(60000 / float(r["images_per_s"]) for r in rows)
    return {"images_per_s": images / seconds, "test_elbo": float(rows[-1]["test_elbo"])}


def run_reference(epochs, threads, seed):
    result = subprocess.run([sys.executable, os.path.join(HERE, "reference_vae.py"), "--epochs", str(epochs),
                             "--threads", str(threads), "--seed", str(seed), "--latent", str(Z)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", default=os.path.join(HERE, "..", "build", "app", "vae-explorer"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    ours, reference = [], []
    for repeat in range(args.repeats):
        ours.append(run_ours(args.exe, args.epochs, args.threads, repeat))
        reference.append(run_reference(args.epochs, args.threads, repeat))
    ours_rate = statistics.median(r["images_per_s"] for r in ours)
    reference_rate = statistics.median(r["images_per_s"] for r in reference)
    gemm = step_product_rate(args.threads)
    flops = flops_per_image()
    print(json.dumps({
        "benchmark": "train_throughput",
        "config": "fashion-mnist 784-400-20 relu mlp, bernoulli grey, analytic kl, L=1, adam 1e-3, batch 128",
        "threads": args.threads,
        "epochs": args.epochs,
        "repeats": args.repeats,
        "vae_explorer_images_per_s": round(ours_rate, 1),
        "pytorch_images_per_s": round(reference_rate, 1),
        "ratio": round(ours_rate / reference_rate, 3),
        "ratio_per_repeat": [round(o["images_per_s"] / r["images_per_s"], 3) for o, r in zip(ours, reference)],
        "sgemm_gflop_per_s": round(gemm, 1),
        "flops_per_image": flops,
        "vae_explorer_fraction_of_sgemm": round(ours_rate * flops / (gemm * 1e9), 3),
        "pytorch_fraction_of_sgemm": round(reference_rate * flops / (gemm * 1e9), 3),
        "vae_explorer_test_elbo": [round(r["test_elbo"], 2) for r in ours],
        "pytorch_test_elbo": [round(r["test_elbo"], 2) for r in reference],
    }))


if __name__ == "__main__":
    main()
