#!/usr/bin/python3
"""Trains vae-explorer's VAE in PyTorch, for runs too big for one machine, and writes weights that
`vae-explorer import` turns into a checkpoint to explore.

One process (on the GPU if there is one):
    tools/train_pytorch.py --dataset DIR --out weights.pt [--arch mlp|conv] [--latent 2] ...
Several, as DistributedDataParallel (nccl on GPUs, gloo on CPUs), on one machine or many:
    torchrun --nproc_per_node N [--nnodes M --rdzv_backend c10d --rdzv_endpoint HOST:PORT --rdzv_id RUN] \
        tools/train_pytorch.py ...
(Debian 12's torchrun, PyTorch 1.13 under Python 3.11, misreads its own default --redirects and --tee
and stops with "'NoneType' object has no attribute 'get'"; `torchrun --redirects 9:0 --tee 9:0 ...`,
a setting for a process that does not exist, avoids it.)
Then, with the same settings:
    vae-explorer import weights.pt --dataset DIR [--arch ...] --out model.vae

DIR is a folder of MNIST-style IDX files (train- and t10k-images-idx3-ubyte, raw or .gz). The
network is the one of core/engine/libtorch/VaeNetwork.cpp, parameter for parameter; the optimiser is
Adam, `--batch` the minibatch of all processes together, and an epoch its whole minibatches. The last
line, JSON on stdout, holds the test ELBO as `vae-explorer eval` reports it (the same seeded draws
and targets), in nats per image.
"""
import argparse
import gzip
import json
import math
import os
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn

EVALUATION_SEED = 0x6576616C  # core/engine/libtorch/Trainer.cpp
EVALUATION_BATCH = 1000
BINARIZATION_OFFSET = 0x62696E6172697A65  # core/engine/libtorch/BatchSource.cpp
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def read_idx_images(folder, prefix):
    for name in (f"{prefix}-images-idx3-ubyte", f"{prefix}-images.idx3-ubyte"):
        for opener, suffix in ((open, ""), (gzip.open, ".gz")):
            path = os.path.join(folder, name + suffix)
            if os.path.exists(path):
                with opener(path, "rb") as f:
                    data = f.read()
                magic, count, height, width = (int.from_bytes(data[i:i + 4], "big") for i in range(0, 16, 4))
                if magic != 0x803:
                    raise SystemExit(f"{path}: not an IDX file of images")
                pixels = np.frombuffer(data, dtype=np.uint8, offset=16, count=count * height * width)
                return torch.from_numpy(pixels.reshape(count, height * width).copy()), height, width
    raise SystemExit(f"{folder}: no {prefix}-images-idx3-ubyte[.gz]")


class FlatConvHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.ConvTranspose2d(32, channels, 4, stride=2, padding=1)

    def forward(self, features):
        return self.conv(features).flatten(1)


class VaeNetwork(nn.Module):
    """The names and shapes of `export --weights`: the layers' indices in each Sequential count the
    activations, the (un)flattening and the convolutions, as the C++ network does."""

    def __init__(self, args, channels, height, width):
        super().__init__()
        size = channels * height * width
        activation = nn.Tanh if args.activation == "tanh" else nn.ReLU

        def dense(width, widths):
            layers = []
            for next_width in widths:
                layers += [nn.Linear(width, next_width), activation()]
                width = next_width
            return layers, width

        if args.arch == "mlp":
            encoder, encoded = dense(size, args.hidden)
            decoder, decoded = dense(args.latent, args.hidden[::-1])
            head = lambda: nn.Linear(decoded, size)
        else:
            features = (64, height // 4, width // 4)
            dense_encoder, encoded = dense(math.prod(features), args.hidden[:1])
            encoder = [nn.Unflatten(1, (channels, height, width)),
                       nn.Conv2d(channels, 32, 4, stride=2, padding=1), activation(),
                       nn.Conv2d(32, 64, 4, stride=2, padding=1), activation(), nn.Flatten()] + dense_encoder
            decoder, _ = dense(args.latent, [args.hidden[0], math.prod(features)])
            decoder += [nn.Unflatten(1, features), nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), activation()]
            head = lambda: FlatConvHead(channels)
        self.encoder = nn.Sequential(*encoder)
        self.posterior_mean = nn.Linear(encoded, args.latent)
        self.posterior_log_variance = nn.Linear(encoded, args.latent)
        self.decoder = nn.Sequential(*decoder)
        self.output_mean = head()
        self.output_log_variance = head() if args.likelihood == "gaussian" else None

    def forward(self, images, targets, samples, estimator, generator=None):
        """Per image: the reconstruction term over `samples` draws of z, and the KL (core's elboTerms)."""
        features = self.encoder(images)
        mean, log_variance = self.posterior_mean(features), self.posterior_log_variance(features)
        eps = torch.randn((samples,) + mean.shape, generator=generator, dtype=mean.dtype, device=mean.device)
        z = mean + torch.exp(0.5 * log_variance) * eps
        decoded = self.decoder(z.reshape(-1, mean.shape[1]))
        logits = self.output_mean(decoded)
        repeated = targets.repeat(samples, 1)
        if self.output_log_variance is None:
            log_likelihood = -F.binary_cross_entropy_with_logits(logits, repeated, reduction="none").sum(-1)
        else:
            log_variance_x = self.output_log_variance(decoded)
            squared_error = (repeated - logits).square()
            log_likelihood = (-0.5 * (log_variance_x + squared_error * torch.exp(-log_variance_x)).sum(-1)
                              - HALF_LOG_2PI * repeated.shape[-1])
        reconstruction = log_likelihood.reshape(samples, -1).mean(0)
        if estimator == "analytic":
            return reconstruction, -0.5 * (1 + log_variance - mean.square() - log_variance.exp()).sum(-1)
        standardised = (z - mean) * torch.exp(-0.5 * log_variance)
        log_posterior = -0.5 * (standardised.square() + log_variance).sum(-1)
        log_prior = -0.5 * z.square().sum(-1)
        return reconstruction, (log_posterior - log_prior).mean(0)


def binarised(pixels, seed):
    """The targets drawn once, as vae-explorer draws them for static binarisation and the test set."""
    generator = torch.Generator().manual_seed(seed ^ BINARIZATION_OFFSET)
    return torch.bernoulli(pixels.float().div(255), generator=generator)


@torch.no_grad()
def test_figures(network, test, args):
    """`vae-explorer eval`'s test ELBO: on the CPU, in batches of 1000, from its seeded generator."""
    network = network.cpu().eval()
    targets = binarised(test, args.seed) if args.binarize != "none" else None
    generator = torch.Generator().manual_seed(EVALUATION_SEED)
    reconstruction_sum = kl_sum = 0.0
    for first in range(0, len(test), EVALUATION_BATCH):
        images = test[first:first + EVALUATION_BATCH].float().div(255)
        batch_targets = images if targets is None else targets[first:first + EVALUATION_BATCH]
        reconstruction, kl = network(images, batch_targets, args.samples, args.estimator, generator)
        reconstruction_sum += reconstruction.double().sum().item()
        kl_sum += kl.double().sum().item()
    reconstruction, kl = reconstruction_sum / len(test), kl_sum / len(test)
    return {"test_elbo": reconstruction - kl, "test_reconstruction": reconstruction, "test_kl": kl}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", required=True, help="folder of IDX files")
    parser.add_argument("--out", required=True, help="the weights to write (.pt)")
    parser.add_argument("--arch", choices=["mlp", "conv"], default="mlp")
    parser.add_argument("--latent", type=int, default=2)
    parser.add_argument("--hidden", type=lambda text: [int(w) for w in text.split(",")], default=[400])
    parser.add_argument("--activation", choices=["relu", "tanh"], default="relu")
    parser.add_argument("--likelihood", choices=["bernoulli", "gaussian"], default="bernoulli")
    parser.add_argument("--binarize", choices=["none", "static", "dynamic"], default="none")
    parser.add_argument("--estimator", choices=["analytic", "mc"], default="analytic")
    parser.add_argument("--samples", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--steps", type=int, help="stop after this many steps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, help="CPU threads per process")
    args = parser.parse_args()

    distributed = "WORLD_SIZE" in os.environ  # set by torchrun
    device = torch.device("cpu")
    if torch.cuda.is_available():
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(device)
    if distributed:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    if args.threads:
        torch.set_num_threads(args.threads)

    train, height, width = read_idx_images(args.dataset, "train")
    test, test_height, test_width = read_idx_images(args.dataset, "t10k")
    if (height, width) != (test_height, test_width):
        raise SystemExit(f"{args.dataset}: training images are {height}x{width}, "
                         f"test images {test_height}x{test_width}")
    if not world <= args.batch <= len(train):
        raise SystemExit(f"--batch {args.batch}: at least one image per process, at most the {len(train)} "
                         "training images")
    train_targets = binarised(train, args.seed) if args.binarize == "static" else None

    torch.manual_seed(args.seed)  # the same initial weights in every process
    network = VaeNetwork(args, 1, height, width).to(device)
    model = nn.parallel.DistributedDataParallel(network) if distributed else network
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    order_generator = torch.Generator().manual_seed(args.seed)  # every process draws the same order

    steps_per_epoch = len(train) // args.batch
    total_steps = min(args.steps or math.inf, args.epochs * steps_per_epoch)
    step = 0
    while step < total_steps:
        order = torch.randperm(len(train), generator=order_generator)
        elbo_sum, epoch_steps = 0.0, 0
        for first in range(0, steps_per_epoch * args.batch, args.batch):
            if step == total_steps:
                break
            rows = order[first:first + args.batch].tensor_split(world)[rank]  # this process's share
            images = train[rows].float().div(255).to(device)
            if args.binarize == "dynamic":
                targets = torch.bernoulli(images)
            else:
                targets = images if train_targets is None else train_targets[rows].to(device)
            reconstruction, kl = model(images, targets, args.samples, args.estimator)
            loss = (kl - reconstruction).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            elbo_sum -= loss.item()
            epoch_steps += 1
            step += 1
        if rank == 0:
            print(f"step {step}: train elbo {elbo_sum / epoch_steps:.2f} (this epoch, process 0's share)",
                  file=sys.stderr)

    if rank == 0:
        # A plain dict: LibTorch 1.13 cannot read the OrderedDict that state_dict() returns.
        torch.save({name: tensor.detach().cpu().contiguous() for name, tensor in network.state_dict().items()},
                   args.out)
        print(json.dumps({**test_figures(network, test, args), "steps": step, "processes": world,
                          "device": device.type, "weights": args.out}))
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
