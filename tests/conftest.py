"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

import quoteattr


@pytest.fixture(params=["normal", "fast"])
def both_modes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test twice: ``quoteattr.extract`` in normal mode, then in fast mode (which
    parses only what the rules' triggers select): fast mode must not lose a construction."""
    if request.param == "fast":
        from quoteattr.nlp import load_nlp
        from quoteattr.pipeline import Extractor

        monkeypatch.setattr(quoteattr, "extract", Extractor(load_nlp(), fast=True).extract)
    return request.param
