"""A widget that draws an SVG illustration scaled to fit, sharp at any size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from backease_desktop.ui import theme


class SvgView(QWidget):
    """Keeps the drawing's aspect ratio and centres it; repaints from vectors, never pixmaps.

    Exposed as an image (ui/accessibility.py's role factory): its name says what it is a
    picture of, its description what the picture shows."""

    accessible_role = QAccessible.Role.Graphic

    def __init__(
        self,
        path: Path | None = None,
        min_size: QSize | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._renderer: QSvgRenderer | None = None
        self._image: QImage | None = None  # a PNG from a person's own exercise
        self._min = min_size or QSize(120, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_path(path)

    def set_path(self, path: Path | None) -> None:
        usable = path is not None and path.is_file()
        png = usable and path is not None and path.suffix.lower() == ".png"
        self._image = QImage(str(path)) if png else None
        self._renderer = theme.renderer(path) if usable and not png and path else None
        self.update()

    def set_description(self, title: str, description: str) -> None:
        """`title` names the picture ("Cat-cow"); `description` describes the pose."""
        self.setAccessibleName(self.tr("Picture: {0}").format(title) if title else "")
        self.setAccessibleDescription(description)

    def has_picture(self) -> bool:
        if self._image is not None:
            return not self._image.isNull()
        return self._renderer is not None and self._renderer.isValid()

    def minimumSizeHint(self) -> QSize:
        return self._min

    def sizeHint(self) -> QSize:
        return QSize(self._min.width() * 2, self._min.height() * 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is not None and not self._image.isNull():
            self._paint_image(self._image)
            return
        if self._renderer is None or not self._renderer.isValid():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self._renderer.viewBoxF()
        if box.isEmpty():
            box = QRectF(0, 0, 4, 3)
        target = QSize(round(box.width() * 1000), round(box.height() * 1000))
        target.scale(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - target.width()) / 2
        y = (self.height() - target.height()) / 2
        self._renderer.render(painter, QRectF(x, y, target.width(), target.height()))
        painter.end()

    def _paint_image(self, image: QImage) -> None:
        """A PNG, scaled smoothly to fit and centred (it cannot be as sharp as an SVG)."""
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x, y, size.width(), size.height()), image)
        painter.end()
