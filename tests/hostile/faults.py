"""Access faults a root process never meets, simulated for the reader: a folder that refuses
listing, a file that refuses reading, a file removed between listing and reading."""

from __future__ import annotations

import os
from pathlib import Path

from make_corpus import BODY


def unreadable_folder(folder: Path, monkeypatch) -> None:
    """Fills ``folder`` with a.txt, b.txt, secret.txt, a folder « locked » and a dangling
    link, then makes secret.txt and locked refuse access and b.txt vanish once a.txt is
    opened."""
    from quoteattr.reading import sources

    for name in ("a.txt", "b.txt", "secret.txt"):
        (folder / name).write_text(BODY, encoding="utf-8")
    (folder / "locked").mkdir()
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    real_open, real_scandir = open, os.scandir

    def fake_open(path, *args, **kwargs):
        if str(path).endswith("a.txt"):
            os.unlink(folder / "b.txt")  # vanishes after the folder was listed
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def fake_scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    monkeypatch.setattr(sources.os, "scandir", fake_scandir)
