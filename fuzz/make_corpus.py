#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora into fuzz/corpus/TARGET: a few valid files and a few broken
ones per parser, each a few hundred bytes at most. The first byte of every input is the target's
mode byte (see the comment at the top of each fuzz_*.cpp). Run again after changing a format;
the JPEG seed needs ImageMagick's convert."""

import json
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, mode, contents):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(bytes([mode]) + contents)


def gzip_bytes(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def pattern(count):
    return bytes((i * 7 + 3) % 256 for i in range(count))


def idx_images(count, height, width, pixels):
    return struct.pack(">IIII", 0x803, count, height, width) + pixels


def idx_labels(labels):
    return struct.pack(">II", 0x801, len(labels)) + bytes(labels)


def idx_corpus():
    images = idx_images(3, 4, 4, pattern(48))
    labels = idx_labels([0, 1, 2])
    write("fuzz_idx", "images", 0, images)
    write("fuzz_idx", "labels", 2, labels)
    write("fuzz_idx", "images-gzipped-by-fuzzer", 1, images)
    write("fuzz_idx", "labels-gzipped-by-fuzzer", 3, labels)
    write("fuzz_idx", "images.gz", 0, gzip_bytes(images))
    write("fuzz_idx", "two-gzip-members", 0, gzip_bytes(images[:20]) + gzip_bytes(images[20:]))
    write("fuzz_idx", "truncated", 0, images[:-5])
    write("fuzz_idx", "wrong-magic", 0, struct.pack(">I", 0x0D03) + images[4:])
    write("fuzz_idx", "huge-dimensions", 0, idx_images(0xFFFFFFFF, 0xFFFF, 0xFFFF, pattern(16)))
    write("fuzz_idx", "truncated.gz", 0, gzip_bytes(images)[:-12])


def npy_file(descr, shape, data, fortran=False, version=1):
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape)
    length_size = 2 if version == 1 else 4
    prefix = 6 + 2 + length_size
    padded = header + " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    encoded = padded.encode("utf-8" if version == 3 else "latin-1")
    length = struct.pack("<H" if version == 1 else "<I", len(encoded))
    return b"\x93NUMPY" + bytes([version, 0]) + length + encoded + data


def npy_corpus():
    write("fuzz_npy", "u1-images", 0, npy_file("|u1", "(2, 3, 3)", pattern(18)))
    write("fuzz_npy", "f4-images", 0, npy_file("<f4", "(1, 2, 2)", struct.pack("<4f", 0, 0.25, 0.5, 1)))
    write("fuzz_npy", "f8-big-endian-images", 0, npy_file(">f8", "(1, 1, 2)", struct.pack(">2d", 0.1, 0.9)))
    write("fuzz_npy", "rgb-channels-last", 0, npy_file("|u1", "(1, 2, 2, 3)", pattern(12)))
    write("fuzz_npy", "images-version-3", 0, npy_file("|u1", "(1, 2, 2)", pattern(4), version=3))
    write("fuzz_npy", "images-gzipped-by-fuzzer", 1, npy_file("|u1", "(2, 2, 2)", pattern(8)))
    write("fuzz_npy", "i8-labels", 2, npy_file("<i8", "(3,)", struct.pack("<3q", 0, 1, 9)))
    write("fuzz_npy", "u2-column-labels-version-2", 2, npy_file(">u2", "(2, 1)", struct.pack(">2H", 4, 5), version=2))
    write("fuzz_npy", "labels.gz", 2, gzip_bytes(npy_file("|u1", "(4,)", bytes([0, 1, 2, 3]))))
    write("fuzz_npy", "fortran-order", 0, npy_file("|u1", "(1, 2, 2)", pattern(4), fortran=True))
    write("fuzz_npy", "truncated", 0, npy_file("<f4", "(2, 2, 2)", struct.pack("<3f", 0, 0.5, 1)))
    write("fuzz_npy", "huge-shape", 0, npy_file("|u1", "(4294967296, 4294967296, 3)", pattern(4)))
    write("fuzz_npy", "negative-label", 2, npy_file("<i1", "(2,)", struct.pack("<2b", 3, -1)))


def png(width, height, rows, colour_type=0):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def bmp(width, height, pixels_bgr):
    row_size = (3 * width + 3) // 4 * 4
    rows = b"".join(pixels_bgr[y * 3 * width:(y + 1) * 3 * width].ljust(row_size, b"\0") for y in range(height))
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + 40 + len(rows), 0, 0, 54) + info + rows


def image_corpus():
    # Mode byte: extension in bits 0-1 (png, jpg, jpeg, bmp), RGB in bit 2, size - 1 in bits 3-7.
    grey = png(4, 3, [pattern(4), pattern(8)[4:], bytes(4)])
    write("fuzz_image", "grey.png", 0 | (3 << 3), grey)
    write("fuzz_image", "rgb.png", 0 | 4 | (7 << 3), png(2, 2, [pattern(6), pattern(12)[6:]], colour_type=2))
    write("fuzz_image", "rgba.png", 0 | 4, png(1, 2, [pattern(4), pattern(8)[4:]], colour_type=6))
    write("fuzz_image", "image.bmp", 3 | 4 | (2 << 3), bmp(3, 2, pattern(18)))
    write("fuzz_image", "truncated.png", 0, grey[:-20])
    write("fuzz_image", "png-named-jpg", 1, grey)
    write("fuzz_image", "huge-png-header", 0, png(60000, 60000, [])[:33])
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "in.pgm")
        target = os.path.join(folder, "out.jpg")
        with open(source, "wb") as f:
            f.write(b"P5 4 4 255\n" + pattern(16))
        if shutil.which("convert"):
            subprocess.run(["convert", source, "-strip", "-quality", "50", target], check=True)
            with open(target, "rb") as f:
                jpeg = f.read()
            write("fuzz_image", "grey.jpg", 1 | (4 << 3), jpeg)
            write("fuzz_image", "truncated.jpeg", 2, jpeg[: len(jpeg) // 2])


def zip_bytes(members, compression=zipfile.ZIP_STORED):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "archive.npz")
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, contents in members:
                archive.writestr(name, contents)
        with open(path, "rb") as f:
            return f.read()


def npz_corpus():
    keras = [("x_train.npy", npy_file("|u1", "(2, 2, 2)", pattern(8))),
             ("y_train.npy", npy_file("|u1", "(2,)", bytes([0, 1]))),
             ("x_test.npy", npy_file("|u1", "(1, 2, 2)", pattern(4))),
             ("y_test.npy", npy_file("|u1", "(1,)", bytes([1])))]
    stored = zip_bytes(keras)
    write("fuzz_npz", "keras-stored", 0, stored)
    write("fuzz_npz", "keras-deflated", 0, zip_bytes(keras, zipfile.ZIP_DEFLATED))
    write("fuzz_npz", "unlabelled", 0, zip_bytes([keras[0], keras[2]]))
    write("fuzz_npz", "no-x-test", 0, zip_bytes(keras[:2]))
    write("fuzz_npz", "truncated", 0, stored[: len(stored) // 2])
    corrupt = bytearray(stored)
    corrupt[stored.index(b"NUMPY") + 80] ^= 0xFF  # inside x_train's data: the CRC-32 no longer matches
    write("fuzz_npz", "crc-mismatch", 0, bytes(corrupt))
    write("fuzz_npz", "member-images", 1, npy_file("|u1", "(2, 3, 3, 3)", pattern(54)))
    write("fuzz_npz", "member-images-and-labels", 3, npy_file("<i2", "(3,)", struct.pack("<3h", 0, 1, 2)))


def cifar_corpus():
    def record(labels, offset):
        return bytes(labels) + pattern(3 * 32 * 32 + offset)[offset:]
    write("fuzz_cifar", "cifar10-two-records", 0, record([3], 0) + record([9], 1))
    write("fuzz_cifar", "cifar100-one-record", 1, record([4, 77], 2))
    write("fuzz_cifar", "truncated", 0, record([3], 0)[:3000])
    write("fuzz_cifar", "label-out-of-range", 0, record([10], 0))
    write("fuzz_cifar", "cifar10-names", 2, b"airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n")
    write("fuzz_cifar", "cifar100-too-few-names", 3, b"apple\nbee\n")


def qbytearray(data):
    return struct.pack(">I", len(data)) + data


def history(steps, epochs):
    out = struct.pack(">Q", len(steps))
    for step, epoch, elbo, rec, kl in steps:
        out += struct.pack(">qifff", step, epoch, elbo, rec, kl)
    out += struct.pack(">Q", len(epochs))
    for epoch in epochs:
        out += struct.pack(">iq8d", *epoch)
    return out


CONFIG = {"arch": "mlp", "latent": 2, "hidden": [8], "activation": "relu", "likelihood": "bernoulli",
          "binarize": "none", "estimator": "analytic", "samples": 1, "optimizer": "adam", "lr": 0.001,
          "weight_decay": 0, "momentum": 0.9, "beta": 1, "warmup_epochs": 0, "batch": 16, "epochs": 2,
          "seed": "7", "threads": 1}


def checkpoint_body(meta, hist, tensors=b"PK\x03\x04 not a real torch archive", view=None, version=1):
    body = b"VAEXCKPT" + struct.pack(">I", version)
    body += qbytearray(json.dumps(meta, separators=(",", ":")).encode())
    body += qbytearray(hist) + qbytearray(tensors)
    body += qbytearray(json.dumps(view or {}, separators=(",", ":")).encode())
    return body


def checkpoint_corpus():
    meta = {"engine_version": 1, "config": CONFIG,
            "dataset": {"source": "builtin:shapes", "name": "shapes", "shape": [1, 28, 28], "classes": ["a", "b"]},
            "progress": {"completed_epochs": 1, "completed_steps": "3", "position": "0"}}
    hist = history([(1, 0, -500.5, 480.0, 20.5), (2, 0, -300.0, 290.0, 10.0)],
                   [(1, 2, -400.0, 380.0, 20.0, -410.0, 390.0, 20.0, 1000.0, 0.5)])
    body = checkpoint_body(meta, hist, view={"session": "abc"})
    crc = struct.pack(">I", zlib.crc32(body))
    # Mode 1: the fuzzer appends the checksum; mode 0: the file as it is, checksum included.
    write("fuzz_checkpoint", "valid-body", 1, body)
    write("fuzz_checkpoint", "valid-file", 0, body + crc)
    write("fuzz_checkpoint", "empty-history", 1, checkpoint_body(meta, history([], [])))
    bad_config = dict(CONFIG, arch="transformer", latent=-3)
    write("fuzz_checkpoint", "bad-settings", 1, checkpoint_body(dict(meta, config=bad_config), hist))
    write("fuzz_checkpoint", "history-count-too-large", 1, checkpoint_body(meta, struct.pack(">Q", 1 << 40)))
    write("fuzz_checkpoint", "newer-format", 1, checkpoint_body(meta, hist, version=2))
    write("fuzz_checkpoint", "bad-checksum", 0, body + b"\0\0\0\0")
    write("fuzz_checkpoint", "truncated", 0, (body + crc)[:40])
    write("fuzz_checkpoint", "foreign-file", 0, b"PK\x03\x04 a zip file, not a checkpoint")


def main():
    shutil.rmtree(os.path.join(HERE, "corpus"), ignore_errors=True)
    idx_corpus()
    npy_corpus()
    image_corpus()
    npz_corpus()
    cifar_corpus()
    checkpoint_corpus()


if __name__ == "__main__":
    main()
