#!/usr/bin/python3
"""The plain PyTorch training loop a user would write instead of vae-explorer.

The reference configuration: 784-400-d_z ReLU MLP VAE, Bernoulli decoder on grey pixels, analytic KL
(estimator B), one sample per image, Adam 1e-3, batch 128, float32. Every step's ELBO,
reconstruction and KL are recorded, as vae-explorer does. Prints one JSON line.
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)


class VAE(nn.Module):
    def __init__(self, d_x=784, hidden=400, d_z=20):
        super().__init__()
        self.enc = nn.Linear(d_x, hidden)
        self.mu = nn.Linear(hidden, d_z)
        self.logvar = nn.Linear(hidden, d_z)
        self.dec = nn.Linear(d_z, hidden)
        self.out = nn.Linear(hidden, d_x)

    def forward(self, x):
        h = F.relu(self.enc(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.out(F.relu(self.dec(z)))
        return logits, mu, logvar


def per_image_terms(model, x):
    logits, mu, logvar = model(x)
    reconstruction = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)
    return reconstruction, kl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=float, default=10)
    parser.add_argument("--latent", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = torch.from_numpy(read_idx_images(f"{args.data}/train-images-idx3-ubyte.gz").copy())
    test = torch.from_numpy(read_idx_images(f"{args.data}/t10k-images-idx3-ubyte.gz").copy())
    model = VAE(d_z=args.latent)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    history = []
    batch = 128
    steps_per_epoch = math.ceil(len(train) / batch)
    total_steps = int(round(args.epochs * steps_per_epoch))
    images = 0
    train_seconds = 0.0
    step = 0
    while step < total_steps:
        order = torch.randperm(len(train))
        started = time.perf_counter()
        for first in range(0, len(train), batch):
            if step >= total_steps:
                break
            x = train[order[first:first + batch]].float().div_(255)
            reconstruction, kl = per_image_terms(model, x)
            loss = (kl - reconstruction).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            history.append((-loss.item(), reconstruction.mean().item(), kl.mean().item()))
            images += len(x)
            step += 1
        train_seconds += time.perf_counter() - started

    with torch.no_grad():
        x = test.float().div_(255)
        reconstruction, kl = per_image_terms(model, x)
        elbo = (reconstruction - kl).mean().item()
    print(json.dumps({"images_per_s": images / train_seconds, "steps": step,
                      "test_elbo": elbo, "train_elbo_last": history[-1][0],
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
