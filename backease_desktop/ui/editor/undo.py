"""Undo and redo for the routine editor: each command carries a core `Edit` (the drafts
either side) and hands the one it goes to back to the editor. Changes to one value of one
step in a row (a spin box's arrows held down) merge into one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from backease_desktop.core.plans.drafts import RoutineDraft
from backease_desktop.core.plans.editing import Edit

_MERGING = 1


class DraftCommand(QUndoCommand):
    def __init__(
        self, edit: Edit, show: Callable[[RoutineDraft], None], merge_key: str = ""
    ) -> None:
        super().__init__(edit.label)
        self.edit = edit
        self.show = show
        self.merge_key = merge_key

    def redo(self) -> None:
        self.show(self.edit.after)

    def undo(self) -> None:
        self.show(self.edit.before)

    def id(self) -> int:
        return _MERGING if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftCommand) or other.merge_key != self.merge_key:
            return False
        self.edit = self.edit._replace(after=other.edit.after)
        return True
