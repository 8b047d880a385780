"""Static checks run as tests, as in CI: ruff (lint and format) and the mypy type checker on
the package (settings in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed (test extra)")
def test_ruff_lint_and_format():
    lint = _run("ruff", "check", "quoteattr", "tests")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "quoteattr", "tests")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_type_checks_the_package():
    pytest.importorskip("mypy", reason="mypy is not installed (test extra)")
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr
