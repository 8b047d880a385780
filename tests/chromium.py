"""Headless Chromium, for the tests that open a generated page in a real browser."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: The browser, or None (the tests using it are skipped; CI installs it: .ci/run).
CHROMIUM = shutil.which("chromium")


def chromium(page: Path, *args: str, fragment: str = "") -> str:
    """Opens ``page`` (at ``#fragment`` if given) with ``args`` in a fresh profile; its stdout."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *args,
                page.as_uri() + (f"#{fragment}" if fragment else ""),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return out.stdout
