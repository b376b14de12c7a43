"""Windows that fit the small screens counters have (1366×768, 1024×768).

A dialog never opens taller or wider than the part of its screen that windows may use (the
taskbar left out): it is shrunk to fit, its form scrolls inside while its buttons stay in
view, and it is moved back onto the screen. `simulated_screen` stands in for a real screen of
a given size, for the screenshots and the tests (the offscreen platform has one fixed screen).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: What a taskbar and a window's title bar take from a screen's height, for a simulated screen.
TASKBAR = 40
TITLE_BAR = 30

#: The simulated screens in force, innermost last.
_simulated: list[QRect] = []


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) that windows may use."""
    if _simulated:
        return QRect(_simulated[-1])
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 728)


@contextmanager
def simulated_screen(width: int, height: int) -> Iterator[QRect]:
    """Fit windows as if the screen were `width` × `height` (its taskbar at the bottom)."""
    _simulated.append(QRect(0, 0, width, height - TASKBAR))
    try:
        yield QRect(_simulated[-1])
    finally:
        _simulated.pop()


def window_size(area: QRect) -> QSize:
    """A maximized window's size on `area`, its title bar left out."""
    return QSize(area.width(), area.height() - TITLE_BAR)


def fit_to_screen(window: QWidget) -> None:
    """Shrink `window` to the usable part of its screen if it is larger, and move it onto it."""
    area = available_area(window)
    limit = window_size(area)
    wanted = window.size().expandedTo(window.sizeHint())
    size = wanted.boundedTo(limit)
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.top()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))
