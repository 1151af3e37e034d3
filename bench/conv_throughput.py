#!/usr/bin/python3
"""Training throughput of `vae-explorer train --arch conv` against the plain PyTorch loop with the
same layers (reference_conv_vae.py), on colour images.

The data: N uint8 images 32x32x3 (a square of a random colour on black, so there is something to
learn), written to a .npy that both read, all but every tenth image trained on. The configuration:
three stride-2 stages (32, 64, 128 channels) to 4x4, a dense layer of 400, latent 20, ReLU,
Bernoulli on [0, 1] intensities, analytic KL, one sample, Adam 1e-3, batch 128, float32, the same
thread count. Runs alternate (ours, theirs, ours, ...) so that the machine's noise hits both alike;
the figures are medians over the repeats. Prints one JSON line.

    bench/conv_throughput.py --exe build/app/vae-explorer [--repeats 3] [--images 5000] [--threads 2]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np

from sgemm_rate import sgemm_rate

HERE = os.path.dirname(os.path.abspath(__file__))
SIDE, CHANNELS, Z, HIDDEN, BATCH = 32, 3, 20, 400, 128


def coloured_squares(count, seed):
    random = np.random.default_rng(seed)
    images = np.zeros((count, SIDE, SIDE, CHANNELS), dtype=np.uint8)
    half = SIDE // 2
    for index, (top, left) in enumerate(random.integers(0, half + 1, size=(count, 2))):
        images[index, top:top + half, left:left + half] = random.integers(64, 256, size=CHANNELS)
    return images


def run_ours(exe, data, threads, seed):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([exe, "train", "--dataset", data, "--arch", "conv", "--latent", str(Z), "--hidden",
                        str(HIDDEN), "--batch", str(BATCH), "--epochs", "1", "--threads", str(threads), "--seed",
                        str(seed), "--out", out], check=True, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "metrics.csv")) as f:
            rows = list(csv.DictReader(f))
    return {"images_per_s": float(rows[-1]["images_per_s"]), "test_elbo": float(rows[-1]["test_elbo"])}


def run_reference(data, threads, seed):
    result = subprocess.run([sys.executable, os.path.join(HERE, "reference_conv_vae.py"), "--data", data,
                             "--threads", str(threads), "--seed", str(seed), "--latent", str(Z), "--hidden",
                             str(HIDDEN), "--batch", str(BATCH)], check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", default=os.path.join(HERE, "..", "build", "app", "vae-explorer"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "squares.npy")
        np.save(data, coloured_squares(args.images, 0))
        ours, reference = [], []
        for repeat in range(args.repeats):
            ours.append(run_ours(args.exe, data, args.threads, repeat))
            reference.append(run_reference(data, args.threads, repeat))
    ours_rate = statistics.median(r["images_per_s"] for r in ours)
    reference_rate = statistics.median(r["images_per_s"] for r in reference)
    print(json.dumps({
        "benchmark": "conv_throughput",
        "config": "32x32x3 squares, conv 32-64-128 to 4x4, dense 400, latent 20, relu, bernoulli [0,1], "
                  "analytic kl, L=1, adam 1e-3, batch 128",
        "threads": args.threads,
        "train_images": args.images - args.images // 10,
        "repeats": args.repeats,
        "vae_explorer_images_per_s": round(ours_rate, 1),
        "pytorch_images_per_s": round(reference_rate, 1),
        "ratio": round(ours_rate / reference_rate, 3),
        "ratio_per_repeat": [round(o["images_per_s"] / r["images_per_s"], 3) for o, r in zip(ours, reference)],
        "sgemm_gflop_per_s": round(sgemm_rate(args.threads, BATCH, 2048, HIDDEN, warmups=20, count=200), 1),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "vae_explorer_test_elbo": [round(r["test_elbo"], 2) for r in ours],
    }))


if __name__ == "__main__":
    main()
