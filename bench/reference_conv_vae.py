#!/usr/bin/python3
"""The plain PyTorch training loop a user would write instead of vae-explorer, for `--arch conv`.

The network is tools/train_pytorch.py's twin of vae-explorer's (the same layers, names and shapes);
the loop is the textbook one: Bernoulli decoder on [0, 1] intensities, analytic KL, one sample per
image, Adam 1e-3, float32. Reads a uint8 .npy of [N, H, W, C] images and, as vae-explorer does,
trains on all but every tenth. Prints one JSON line.
"""
import argparse
import json
import math
import os
import sys
import time
import types

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from train_pytorch import VaeNetwork  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--latent", type=int, default=20)
    parser.add_argument("--hidden", type=int, default=400)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    images = np.load(args.data)
    count, height, width, channels = images.shape
    channel_major = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))).reshape(count, -1)
    train = channel_major[np.arange(count) % 10 != 9]
    settings = types.SimpleNamespace(arch="conv", latent=args.latent, hidden=[args.hidden], activation="relu",
                                     likelihood="bernoulli")
    model = VaeNetwork(settings, channels, height, width)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    total_steps = int(round(args.epochs * math.ceil(len(train) / args.batch)))
    images_done, train_seconds, step, last_elbo = 0, 0.0, 0, 0.0
    while step < total_steps:
        order = torch.randperm(len(train))
        started = time.perf_counter()
        for first in range(0, len(train), args.batch):
            if step >= total_steps:
                break
            x = train[order[first:first + args.batch]].float().div_(255)
            reconstruction, kl = model(x, x, 1, "analytic")
            loss = (kl - reconstruction).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            last_elbo = -loss.item()
            images_done += len(x)
            step += 1
        train_seconds += time.perf_counter() - started
    print(json.dumps({"images_per_s": images_done / train_seconds, "steps": step, "train_elbo_last": last_elbo,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
