"""Loads the whole library: bundled content first, then the user's routine files.

A file with problems is skipped and its problems are returned with the library; nothing
here raises for bad content, so one broken file never keeps the app from starting."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from backease_desktop.core import safe_files
from backease_desktop.core.content.errors import FILE_FIELD, ContentError
from backease_desktop.core.content.exercises import UserExercises, parse_exercise
from backease_desktop.core.content.model import (
    NO_RED_FLAGS,
    BreathePattern,
    Library,
    Routine,
    Stretch,
    Topic,
)
from backease_desktop.core.content.parse import (
    parse_breathing,
    parse_red_flags,
    parse_routine,
    parse_stretch,
    parse_topic,
)
from backease_desktop.core.content.required_signs import required_sign_errors
from backease_desktop.core.content.yamlsource import YNode, read_yaml
from backease_desktop.core.paths import exercise_folders, resources_dir, user_routines_dir

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(folder: Path, errors: list[ContentError] | None = None) -> list[Path]:
    """The content files of a folder, sorted so loading order (and ids' owners) is stable.

    A missing folder has none. One that cannot be read (no permission, a file where the
    folder belongs) has none either, and the reason goes to `errors` naming the folder: a
    user's folder must never keep the bundled content from loading."""
    problem = safe_files.folder_problem(folder)
    if problem is not None:
        if errors is not None:
            errors.append(ContentError(folder, 1, 1, FILE_FIELD, problem))
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    except FileNotFoundError:
        return []  # gone since it was looked at: as empty as a folder never made
    except OSError as exc:
        if errors is not None:
            message = safe_files.describe_os_error(folder, exc, "read the folder")
            errors.append(ContentError(folder, 1, 1, FILE_FIELD, message))
        return []


def _id_line(node_value: object) -> tuple[int, int]:
    if isinstance(node_value, dict) and "id" in node_value:
        id_node = node_value["id"]
        return id_node.line, id_node.column
    return 1, 1


class _IdRegistry:
    """Remembers which file first used each id, to report duplicates by both names."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.owner: dict[str, Path] = {}

    def claim(
        self, item_id: str, path: Path, line: int, column: int, errors: list[ContentError]
    ) -> bool:
        first = self.owner.get(item_id)
        if first is not None:
            errors.append(
                ContentError(
                    path,
                    line,
                    column,
                    "id",
                    f"the {self.kind} id '{item_id}' is already used by {first}",
                )
            )
            return False
        self.owner[item_id] = path
        return True


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_HasId)


def _load_each(
    paths: Iterable[Path],
    parse: Callable[[YNode, Path], ItemT | None],
    ids: _IdRegistry,
    errors: list[ContentError],
) -> list[tuple[ItemT, tuple[YNode, Path]]]:
    """Reads and parses each file in order; keeps what parsed and whose id is still free,
    with the node and path it came from. Every problem goes to `errors`."""
    loaded: list[tuple[ItemT, tuple[YNode, Path]]] = []
    for path in paths:
        node, problems = read_yaml(path)
        errors += problems
        if node is None:
            continue
        item = parse(node, path)
        if item is not None and ids.claim(item.id, path, *_id_line(node.value), errors):
            loaded.append((item, (node, path)))
    return loaded


def load_library(
    bundled: Path | None = None,
    user_routine_dirs: Iterable[Path] = (),
) -> Library:
    """Everything the app shows. `bundled` is the resources folder (the package's own by
    default); user routines are loaded after the bundled ones and may not reuse their ids.
    The user's own exercises come from the exercises folder beside each routines folder
    and from the routine files themselves (core/content/exercises.py)."""
    root = bundled or resources_dir()
    user_routine_dirs = list(user_routine_dirs)
    content = root / "content"
    errors: list[ContentError] = []

    breathing = BreathePattern()
    node, problems = read_yaml(content / "breathing.yaml")
    errors += problems
    if node is not None:
        breathing = parse_breathing(node, content / "breathing.yaml", errors) or breathing

    red_flags = NO_RED_FLAGS
    node, problems = read_yaml(content / "red-flags.yaml")
    errors += problems
    if node is not None:
        red_flags = parse_red_flags(node, content / "red-flags.yaml", errors) or red_flags
        if red_flags.all:  # loaded: now whether it holds every sign (else its errors say)
            errors += required_sign_errors(red_flags.ids_by_group(), content / "red-flags.yaml")

    stretches = {
        stretch.id: stretch
        for stretch, _ in _load_each(
            yaml_files(content / "stretches", errors),
            lambda node, path: parse_stretch(node, path, errors),
            _IdRegistry("stretch"),
            errors,
        )
    }

    exercises = UserExercises(stretches, errors)
    exercises.load_folders(exercise_folders(user_routine_dirs))
    sources = [(p, True) for p in yaml_files(root / "routines", errors)]
    for folder in user_routine_dirs:
        sources += [(p, False) for p in yaml_files(folder, errors)]
    bundled_files = {p for p, is_bundled in sources if is_bundled}

    def parse_routine_file(node: YNode, path: Path) -> Routine | None:
        known = exercises.bundled  # with "Stop if it hurts" first, as listed
        if path not in bundled_files:
            node, known = exercises.for_routine(node, path)
        return parse_routine(node, path, errors, known, breathing, bundled=path in bundled_files)

    routines = [
        routine
        for routine, _ in _load_each(
            [p for p, _ in sources], parse_routine_file, _IdRegistry("routine"), errors
        )
    ]

    topics = [
        _checked_links(topic, node.value, topic_path, stretches, routines, errors)
        for topic, (node, topic_path) in _load_each(
            yaml_files(content / "topics", errors),
            lambda node, path: parse_topic(node, path, errors),
            _IdRegistry("topic"),
            errors,
        )
    ]
    topics.sort(key=lambda t: (t.order, t.title))

    return Library(
        topics=tuple(topics),
        stretches=exercises.stretches(),
        routines=tuple(routines),
        red_flags=red_flags,
        breathing=breathing,
        errors=tuple(errors),
        notices=tuple(exercises.notices),
    )


def _checked_links(
    topic: Topic,
    doc: object,
    path: Path,
    stretches: dict[str, Stretch],
    routines: list[Routine],
    errors: list[ContentError],
) -> Topic:
    """Drops links to stretches or routines that do not exist, with an error for each."""
    known_routines = {r.id for r in routines}
    mapping = doc if isinstance(doc, dict) else {}
    kept: dict[str, tuple[str, ...]] = {}
    for key, noun, known in (
        ("stretches", "stretch", set(stretches)),
        ("routines", "routine", known_routines),
    ):
        ids = topic.stretch_ids if key == "stretches" else topic.routine_ids
        good = []
        for index, item_id in enumerate(ids):
            if item_id in known:
                good.append(item_id)
                continue
            item = mapping[key].value[index]
            errors.append(
                ContentError(
                    path,
                    item.line,
                    item.column,
                    f"{key}[{index}]",
                    f"no {noun} has the id '{item_id}'",
                )
            )
        kept[key] = tuple(good)
    return topic._replace(stretch_ids=kept["stretches"], routine_ids=kept["routines"])


def validate_files(paths: Iterable[Path], library: Library | None = None) -> list[ContentError]:
    """Checks routine files against the bundled stretches, as `backease --validate` does.

    Files under a `stretches/` or `topics/` folder, or named red-flags/breathing, are
    checked as that kind of content instead, so the bundled files can be validated too; a
    file in an `exercises/` folder is one exercise of a person's own. By default the
    person's own content is loaded too, so an id another of their files uses is caught."""
    lib = library or load_library(user_routine_dirs=[user_routines_dir()])
    stretches = {s.id: s for s in lib.stretches if s.origin == "bundled"}
    errors: list[ContentError] = []
    validated = _IdRegistry("routine")  # the files checked together must not share ids
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError:
            is_folder = False  # unreadable: read_yaml says why
        if not os.path.lexists(path):
            errors.append(ContentError(path, 1, 1, FILE_FIELD, "no such file"))
            continue
        if is_folder:
            errors.append(ContentError(path, 1, 1, FILE_FIELD, "is a folder, not a file"))
            continue
        node, problems = read_yaml(path)
        errors += problems
        if node is None:
            continue
        kind = path.parent.name
        if kind == "stretches":
            parse_stretch(node, path, errors)
        elif kind == "exercises":
            own = UserExercises(stretches, errors, strict=True)
            own.seed(lib, ignore=[path])
            exercise = parse_exercise(node, path, "", path.parent, errors)
            if exercise is not None:
                own.claim_checked(exercise, path, node)
        elif kind == "topics":
            topic = parse_topic(node, path, errors)
            if topic is not None:
                _checked_links(topic, node.value, path, stretches, list(lib.routines), errors)
        elif path.stem == "red-flags":
            parse_red_flags(node, path, errors)
        elif path.stem == "breathing":
            parse_breathing(node, path, errors)
        else:
            own = UserExercises(stretches, errors, strict=True)
            own.seed(lib, ignore=[path])
            node, known = own.for_routine(node, path)
            routine = parse_routine(node, path, errors, known, lib.breathing)
            if routine is not None and validated.claim(
                routine.id, path, *_id_line(node.value), errors
            ):
                _check_id_is_free(routine, node.value, path, lib, errors)
    return errors


def _check_id_is_free(
    routine: Routine, doc: object, path: Path, lib: Library, errors: list[ContentError]
) -> None:
    """A routine that validates but reuses a loaded routine's id would still be refused by
    the app, so --validate says so now."""
    owner = next((r.source for r in lib.routines if r.id == routine.id), None)
    if owner is None or owner.resolve() == path.resolve():
        return
    errors.append(
        ContentError(
            path,
            *_id_line(doc),
            "id",
            f"the routine id '{routine.id}' is already used by {owner}",
        )
    )
