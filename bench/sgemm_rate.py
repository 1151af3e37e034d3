"""The machine's SGEMM rate through the same LibTorch the program uses, for the benchmarks' ratios."""
import statistics
import time

import torch


def sgemm_rate(threads, rows, inner, columns, warmups, count):
    """Median GFLOP/s over 5 timings of `count` products [rows, inner] x [inner, columns]."""
    torch.set_num_threads(threads)
    a, b = torch.randn(rows, inner), torch.randn(inner, columns)
    for _ in range(warmups):
        a @ b
    rates = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(count):
            a @ b
        rates.append(2 * rows * inner * columns * count / (time.perf_counter() - started) / 1e9)
    return statistics.median(rates)
