#!/usr/bin/python3
"""Writes a folder of colour icons to try the colour path on: 64x64 RGBA PNGs with transparent
backgrounds, one subfolder per class (torchvision's ImageFolder layout), the kind of folder people
bring after MNIST. Each icon is a filled circle, square, triangle or ring (the class) of a random
hue, size and place, with a darker outline; everything else is transparent.

    tools/make_colour_icons.py OUT_FOLDER [--count 4000] [--seed 0]
    vae-explorer train --dataset OUT_FOLDER --color rgb --image-size 32 --arch conv --out run

Needs only NumPy (Debian's python3-numpy); the PNGs are written with zlib.
"""
import argparse
import colorsys
import os
import struct
import zlib

import numpy as np

SIDE = 64
SUPERSAMPLE = 4
CLASSES = ("circle", "square", "triangle", "ring")


def png_bytes(rgba):
    height, width, _ = rgba.shape
    rows = b"".join(b"\x00" + rgba[y].tobytes() for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + \
        chunk(b"IEND", b"")


def coverage(shape, centre, radius, angle):
    """The shape's inside on a supersampled grid, and the band near its edge (the outline)."""
    size = SIDE * SUPERSAMPLE
    ys, xs = (np.mgrid[0:size, 0:size] + 0.5) / SUPERSAMPLE
    dx, dy = xs - centre[0], ys - centre[1]
    cos, sin = np.cos(angle), np.sin(angle)
    u, v = cos * dx + sin * dy, -sin * dx + cos * dy
    if shape == "circle":
        distance = np.hypot(u, v) - radius
    elif shape == "square":
        distance = np.maximum(np.abs(u), np.abs(v)) - radius * 0.85
    elif shape == "triangle":
        edges = [np.cos(a) * u + np.sin(a) * v for a in (np.pi / 2, np.pi / 2 + 2 * np.pi / 3, np.pi / 2 + 4 * np.pi / 3)]
        distance = np.maximum.reduce(edges) - radius * 0.55
    else:
        distance = np.abs(np.hypot(u, v) - radius * 0.75) - radius * 0.25
    return distance <= 0, (distance <= 0) & (distance > -2.0)


def icon(shape, random):
    radius = random.uniform(12, 22)
    centre = random.uniform(radius + 4, SIDE - radius - 4, size=2)
    inside, outline = coverage(shape, centre, radius, random.uniform(0, 2 * np.pi))
    fill = np.array(colorsys.hsv_to_rgb(random.uniform(0, 1), random.uniform(0.6, 1), random.uniform(0.7, 1)))
    colour = np.where(outline[..., None], fill * 0.45, fill)
    rgba = np.concatenate([colour * inside[..., None], inside[..., None].astype(float)], axis=-1)
    # Averaging the supersamples antialiases; colour is premultiplied, so divide it back out.
    rgba = rgba.reshape(SIDE, SUPERSAMPLE, SIDE, SUPERSAMPLE, 4).mean(axis=(1, 3))
    alpha = rgba[..., 3:]
    rgb = np.divide(rgba[..., :3], alpha, out=np.zeros_like(rgba[..., :3]), where=alpha > 0)
    return (np.concatenate([rgb, alpha], axis=-1) * 255 + 0.5).astype(np.uint8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    random = np.random.default_rng(args.seed)
    for index in range(args.count):
        shape = CLASSES[index % len(CLASSES)]
        folder = os.path.join(args.out, shape)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "%05d.png" % index), "wb") as f:
            f.write(png_bytes(icon(shape, random)))


if __name__ == "__main__":
    main()
