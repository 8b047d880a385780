"""``python -m quoteattr``: the same as the ``quoteattr`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
