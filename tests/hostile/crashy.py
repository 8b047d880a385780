"""A batch task whose worker process dies on articles saying CRASH, as if killed by the system.

Used by tests/test_batch_crash.py with real worker processes (spawned interpreters import
this module by name: tests/hostile is on their sys.path as on the parent's).
"""

from __future__ import annotations

import os
import signal

from quoteattr import batch


def init(options: batch.Options, parent: int) -> None:
    """A worker that loads no model: the dying is what is tested."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class CrashingTask:
    def __call__(self, chunk: list) -> list[batch.Done]:
        for item in chunk:
            if isinstance(item, batch.Article) and "CRASH" in item.text:
                os.kill(os.getpid(), signal.SIGKILL)
        return [batch.Done(batch.item_key(i), [], batch.manifest_entry(i, [])) for i in chunk]
