"""The constructions quoteattr reads, one registered rule each (:mod:`quoteattr.detect.rules`).

Every module of this package is imported when detection first runs; a module registers its
rules with :func:`quoteattr.detect.rules.register`. The built-in families are imported here
first, in the order detection has always run them (that order breaks ties between two equal
quotations); any other module of the package comes after them, by name.
"""

from __future__ import annotations

from . import continued, direct, indirect, sources  # noqa: F401 - they register the rules

__all__: list[str] = []
