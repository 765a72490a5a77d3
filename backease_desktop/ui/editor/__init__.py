"""Plans in the window: the My routines page, the routine and exercise editors, and the
import preview. The editing itself (the model, undo data, validation) is in core/plans."""
