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

DIR is what `vae-explorer train --dataset` reads, except image folders: a folder of MNIST-style IDX
files (train- and t10k-images-idx3-ubyte, raw or .gz), a CIFAR-10 or CIFAR-100 binary folder, a
Keras .npz archive (x_train, x_test) or a uint8 .npy of [N, H, W] or [N, H, W, C] images (every
tenth image, index % 10 == 9, for testing, as vae-explorer splits it). Images enter the network
channels first (C x H x W), as in vae-explorer, so colour weights import as they are. The
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


def channels_first(images, source):
    """uint8 [N, H, W] or [N, H, W, C] -> ([N, C*H*W] channels first, C, H, W)."""
    if images.dtype != np.uint8 or images.ndim not in (3, 4):
        raise SystemExit(f"{source}: expected uint8 images [N, H, W] or [N, H, W, C], not {images.dtype} "
                         f"{list(images.shape)}")
    if images.ndim == 3:
        images = images[..., None]
    count, height, width, channels = images.shape
    pixels = np.ascontiguousarray(images.transpose(0, 3, 1, 2)).reshape(count, -1)
    return torch.from_numpy(pixels), channels, height, width


def read_cifar(folder):
    """CIFAR-10's data_batch_1..5.bin and test_batch.bin, or CIFAR-100's train.bin and test.bin:
    records of label byte(s) then 3072 bytes, already channels first."""
    def records(names, label_bytes):
        data = b"".join(open(os.path.join(folder, name), "rb").read() for name in names)
        size = label_bytes + 3 * 32 * 32
        if len(data) % size:
            raise SystemExit(f"{folder}: the CIFAR batches are not whole {size}-byte records")
        rows = np.frombuffer(data, dtype=np.uint8).reshape(-1, size)[:, label_bytes:]
        return torch.from_numpy(rows.copy())

    if os.path.exists(os.path.join(folder, "test_batch.bin")):
        train = records([f"data_batch_{i}.bin" for i in range(1, 6)], 1)
        return train, records(["test_batch.bin"], 1), 3, 32, 32
    return records(["train.bin"], 2), records(["test.bin"], 2), 3, 32, 32


def read_dataset(path):
    """(train, test, channels, height, width), the images as [N, C*H*W] uint8."""
    if path.endswith(".npz"):
        with np.load(path) as archive:
            train, channels, height, width = channels_first(archive["x_train"], path)
            test, *shape = channels_first(archive["x_test"], path)
    elif path.endswith(".npy"):
        images, channels, height, width = channels_first(np.load(path), path)
        is_test = torch.arange(len(images)) % 10 == 9
        train, test, shape = images[~is_test], images[is_test], [channels, height, width]
    elif os.path.exists(os.path.join(path, "test_batch.bin")) or os.path.exists(os.path.join(path, "test.bin")):
        return read_cifar(path)
    else:
        train, height, width = read_idx_images(path, "train")
        test, *shape = read_idx_images(path, "t10k")
        channels, shape = 1, [1] + shape
    if shape != [channels, height, width]:
        raise SystemExit(f"{path}: training images are {channels}x{height}x{width}, test images "
                         f"{'x'.join(map(str, shape))}")
    return train, test, channels, height, width


def conv_layout(height, width):
    """The stage channels and the final feature map of `--arch conv` (core/run/ConvLayout.h): two
    stride-2 stages, then more while the map stays even and larger than 7, channels doubling to 256."""
    channels, height, width = [32, 64], height // 4, width // 4
    while height > 7 and width > 7 and height % 2 == 0 and width % 2 == 0:
        channels.append(min(2 * channels[-1], 256))
        height, width = height // 2, width // 2
    return channels, (channels[-1], height, width)


class FlatConvHead(nn.Module):
    def __init__(self, in_channels, channels):
        super().__init__()
        self.conv = nn.ConvTranspose2d(in_channels, channels, 4, stride=2, padding=1)

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
            stages, features = conv_layout(height, width)
            dense_encoder, encoded = dense(math.prod(features), args.hidden[:1])
            encoder = [nn.Unflatten(1, (channels, height, width))]
            for inputs, outputs in zip([channels] + stages, stages):
                encoder += [nn.Conv2d(inputs, outputs, 4, stride=2, padding=1), activation()]
            encoder += [nn.Flatten()] + dense_encoder
            decoder, _ = dense(args.latent, [args.hidden[0], math.prod(features)])
            decoder += [nn.Unflatten(1, features)]
            for inputs, outputs in zip(stages[:0:-1], stages[-2::-1]):
                decoder += [nn.ConvTranspose2d(inputs, outputs, 4, stride=2, padding=1), activation()]
            head = lambda: FlatConvHead(stages[0], channels)
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
    parser.add_argument("--dataset", required=True,
                        help="IDX folder, CIFAR binary folder, Keras .npz or uint8 .npy")
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

    train, test, channels, height, width = read_dataset(args.dataset)
    if not world <= args.batch <= len(train):
        raise SystemExit(f"--batch {args.batch}: at least one image per process, at most the {len(train)} "
                         "training images")
    train_targets = binarised(train, args.seed) if args.binarize == "static" else None

    torch.manual_seed(args.seed)  # the same initial weights in every process
    network = VaeNetwork(args, channels, height, width).to(device)
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
