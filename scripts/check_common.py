"""What the standalone check and benchmark scripts share: loading a module by path and a
PASS/FAIL check decorator."""

import importlib.util
import sys
import time
import traceback

VERBOSE = "-v" in sys.argv[1:]
RESULTS = []


def load_by_path(name, path):
    """Import the file at ``path`` as module ``name`` (the addons' pure-Python tools, without Odoo)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def check(name):
    """Decorator: run the check now, record PASS/FAIL and its duration."""

    def run(func):
        started = time.perf_counter()
        try:
            detail = func() or ""
            ok = True
        except Exception as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
            if VERBOSE:
                traceback.print_exc()
        RESULTS.append((ok, name, detail, time.perf_counter() - started))
        print(
            "%s  %-58s %6.0f ms  %s"
            % ("PASS" if ok else "FAIL", name, RESULTS[-1][3] * 1000, detail),
            flush=True,
        )
        return func

    return run
