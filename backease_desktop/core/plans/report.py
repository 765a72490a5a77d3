"""What an import adds, in the words both the command line and the preview window use."""

from __future__ import annotations

from backease_desktop.core.content.origin import provenance
from backease_desktop.core.plans.install import Installed, PlanPreview
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import about_minutes


def describe_plan(preview: PlanPreview) -> list[str]:
    """The preview: the routine, each own exercise with who wrote it, the pictures."""
    routine = preview.routine
    steps = len(routine.steps)
    noun = "step" if steps == 1 else "steps"
    lines = [
        f"routine '{routine.id}': {routine.title} "
        f"({steps} {noun}, {about_minutes(routine_duration_s(routine))})"
    ]
    for stretch in preview.exercises:
        lines.append(f"exercise '{stretch.id}': {stretch.title}. {provenance(stretch)}")
    lines += [f"picture {name}" for name in preview.pictures]
    if preview.replaces is not None:
        lines.append(f"replaces {preview.replaces} (the old file goes to the trash)")
    return lines


def describe_install(preview: PlanPreview, installed: Installed) -> list[str]:
    lines = [f"added {line}" for line in describe_plan(preview) if not line.startswith("replaces")]
    lines += [f"installed {path}" for path in installed.added]
    lines += [f"replaced {old} (moved to the trash: {where})" for old, where in installed.replaced]
    return lines
