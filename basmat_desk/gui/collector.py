"""Python's garbage collection, on the GUI thread only.

Python's cyclic garbage collector runs wherever an allocation crosses its threshold, which may be
the worker thread in the middle of a database call. A widget or dialog left in a reference cycle
(a lambda connected to one of its signals holds it) would then be deleted on that thread, while
the GUI thread is using Qt, and Qt crashes some time later in an unrelated place (seen here: a
segmentation fault inside the application event filter, the next time a window was shown).
pyqtgraph, Spyder and others do the same: automatic collection is turned off, and a timer on the
GUI thread collects with the thresholds the collector would have used.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("basmat.gui.gc")

#: How often the GUI thread checks whether a collection is due.
INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    """Turns automatic collection off and collects from a timer on the thread that owns it."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)
        gc.disable()

    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold (gc's own rule)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                collected = gc.collect(generation)
                if collected:
                    log.debug("gc: generation %d, %d objects", generation, collected)
                return
