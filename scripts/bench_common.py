"""What the benchmark scripts share: medians and the description of the machine."""
import os
import platform
import statistics
import time


def median_ms(func, runs):
    """Median wall time of ``func`` in milliseconds over ``runs`` calls, after one warm-up call."""
    func()
    samples = []
    for _i in range(runs):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line), "?")
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"
