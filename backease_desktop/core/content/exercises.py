"""A person's own exercises: standalone files in the user's exercises folder, and the
`exercises:` list a routine file (a clinician's plan) may carry.

An exercise has every field of a bundled stretch file, read by the same `parse_stretch`, so
the two never drift apart, plus who wrote it (`source`) and when it was added (`added`). Its
picture (`illustration`) is a file next to the plan, SVG or PNG, checked here: it must exist,
stay inside the plan's folder, be small and really be a picture. "Stop if it hurts" is the
first caution of every exercise, added when a file leaves it out.

Ids are one namespace across all of a person's content: two files using one id is an error
naming both. A user's exercise may not take a bundled id; if a later version of BackEase
ships a stretch with an id a person already uses, their routines keep their own exercise and
the clash is reported once (`strict=False`, as the app loads), while --validate and --import
refuse it (`strict=True`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from backease_desktop.core.content.errors import FILE_FIELD, ContentError
from backease_desktop.core.content.fields import MappingReader
from backease_desktop.core.content.model import Library, Stretch
from backease_desktop.core.content.origin import SOURCE_YOU
from backease_desktop.core.content.parse import parse_stretch
from backease_desktop.core.content.yamlsource import YNode, read_yaml

EXERCISES_KEY = "exercises"
EXERCISES_MAX = 50
STOP_CAUTION = "Stop if it hurts."
PICTURE_SUFFIXES = (".svg", ".png")
PICTURE_MAX_BYTES = 2 * 1024 * 1024
# Keys only a user's exercise has; read here, not by parse_stretch.
_OWN_KEYS = ("source", "added", "illustration")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def is_stop_caution(text: str) -> bool:
    return text.strip().lower().startswith("stop if it hurts")


def with_stop_first(stretch: Stretch) -> Stretch:
    """The same exercise with "Stop if it hurts" as its first caution: moved up when the
    file has it further down, added when it has it nowhere."""
    cautions = stretch.cautions
    if cautions and is_stop_caution(cautions[0]):
        return stretch
    stop = next((c for c in cautions if is_stop_caution(c)), STOP_CAUTION)
    rest = tuple(c for c in cautions if c is not stop)
    return stretch._replace(cautions=(stop, *rest))


def check_picture(reader: MappingReader, key: str, folder: Path) -> tuple[str | None, bool]:
    """The picture's absolute path as text (None when there is none) and whether it is
    usable; every problem is recorded on `reader`."""
    node = reader.raw(key, required=False)
    if node is None:
        return None, True
    field = reader.field_name(key)
    if not isinstance(node.value, str) or not node.value.strip():
        reader.error_at(node, field, f"expected a picture file name, got {node.kind}")
        return None, False
    problem = picture_problem(node.value.strip(), folder)
    if problem is not None:
        reader.error_at(node, field, problem)
        return None, False
    # As written (not resolved): an import copies the picture to the same name.
    return str(folder.absolute() / node.value.strip()), True


def picture_problem(name: str, folder: Path) -> str | None:
    """Why the picture `name` (relative to `folder`) cannot be used, or None."""
    if Path(name).is_absolute() or "\\" in name:
        return f"'{name}' must be a path relative to the plan's file, such as pictures/tilt.svg"
    if ".." in Path(name).parts:
        return f"'{name}' leads outside the plan's folder; keep pictures beside the file"
    if Path(name).suffix.lower() not in PICTURE_SUFFIXES:
        return f"'{name}' is not an SVG or PNG picture (.svg or .png)"
    target = folder / name
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"the picture '{name}' is missing (looked for {target})"
    if not real.is_relative_to(folder.resolve()):
        return f"the picture '{name}' leads outside the plan's folder"
    try:
        size = real.stat().st_size
        if not real.is_file():
            return f"the picture '{name}' is not a file"
        if size > PICTURE_MAX_BYTES:
            return (
                f"the picture '{name}' is {size:,} bytes; pictures may be at most "
                f"{PICTURE_MAX_BYTES // (1024 * 1024)} MiB"
            )
        with real.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        return f"cannot read the picture '{name}': {exc.strerror or exc}"
    ok = head.startswith(_PNG_MAGIC) if real.suffix.lower() == ".png" else b"<svg" in head
    if not ok:
        return f"'{name}' is not a {real.suffix.lower()[1:].upper()} picture"
    return None


def _file_date(path: Path) -> str:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except (OSError, ValueError, OverflowError):
        return ""


def parse_exercise(
    node: YNode, path: Path, prefix: str, folder: Path, errors: list[ContentError]
) -> Stretch | None:
    """One exercise (a whole file, or an item of a routine's `exercises:` at `prefix`)."""
    if not isinstance(node.value, dict):
        errors.append(
            ContentError(
                path,
                node.line,
                node.column,
                prefix or FILE_FIELD,
                f"expected a mapping of keys to values, got {node.kind}",
            )
        )
        return None
    mapping = dict(node.value)
    own = {key: mapping.pop(key) for key in _OWN_KEYS if key in mapping}
    # parse_stretch needs both; a user's exercise may leave them out: no picture, and
    # "Stop if it hurts" added below.
    mapping["illustration"] = YNode("-", node.line, node.column)
    # A picture's description helps a screen reader; a person's own exercise may do without.
    described = "description" in mapping
    if not described:
        mapping["description"] = YNode("-", node.line, node.column)
    if "cautions" not in mapping:
        mapping["cautions"] = YNode([YNode(STOP_CAUTION, node.line, node.column)], 0, 0)
    before = len(errors)
    stretch = parse_stretch(
        YNode(mapping, node.line, node.column, node.key_line, node.key_column), path, errors
    )
    if prefix:
        for index in range(before, len(errors)):
            error = errors[index]
            field = prefix if error.field == FILE_FIELD else f"{prefix}.{error.field}"
            errors[index] = error._replace(field=field)
    reader = MappingReader(YNode(own, node.line, node.column), path, prefix, errors)
    source = reader.text("source", required=False, default=SOURCE_YOU)
    added = reader.text("added", required=False, default="")
    if added:
        try:
            added = dt.date.fromisoformat(added).isoformat()
        except ValueError:
            reader.error_at(
                reader.raw("added") or node,
                reader.field_name("added"),
                f"expected a date such as 2026-03-01, got '{added}'",
            )
    picture, picture_ok = check_picture(reader, "illustration", folder)
    if stretch is None or len(errors) > before or not picture_ok:
        return None
    return with_stop_first(
        stretch._replace(
            illustration=picture or "",
            description=stretch.description if described else "",
            origin="yours",
            source=source or SOURCE_YOU,
            added=added or _file_date(path),
            file=path,
        )
    )


def _yaml_files(folder: Path) -> list[Path]:
    """As library.yaml_files (not imported: library imports this module)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix in (".yaml", ".yml") and p.is_file()]


def _id_position(node: YNode) -> tuple[int, int]:
    if isinstance(node.value, dict) and "id" in node.value:
        return node.value["id"].line, node.value["id"].column
    return node.line, node.column


class UserExercises:
    """Every exercise of a person's content, with the file that owns each id."""

    def __init__(
        self, bundled: Mapping[str, Stretch], errors: list[ContentError], strict: bool = False
    ) -> None:
        self.bundled = {sid: with_stop_first(s) for sid, s in bundled.items()}
        self.errors = errors
        self.strict = strict
        self.mine: dict[str, Stretch] = {}
        self.standalone: dict[str, Stretch] = {}  # from the exercises folder
        self.owner: dict[str, Path] = {}
        self.shadowed: set[str] = set()  # user ids a bundled stretch has since taken
        self.notices: list[ContentError] = []  # one per shadowed id (Library.notices)

    def seed(self, library: Library, ignore: Iterable[Path] = ()) -> None:
        """Takes in the user's exercises already loaded (for --validate and --import), but
        not those of the files in `ignore` (a file being validated or replaced)."""
        skip = {p.resolve() for p in ignore}
        for stretch in library.stretches:
            file = stretch.file
            if stretch.origin == "yours" and file is not None and file.resolve() not in skip:
                self.mine[stretch.id] = stretch
                self.owner[stretch.id] = file
                if file.parent.name == "exercises":
                    self.standalone[stretch.id] = stretch

    def load_folders(self, folders: Iterable[Path]) -> None:
        """Standalone exercise files, one exercise each; pictures are beside them."""
        for folder in folders:
            for path in _yaml_files(folder):
                node, problems = read_yaml(path)
                self.errors += problems
                if node is None:
                    continue
                stretch = parse_exercise(node, path, "", path.parent, self.errors)
                if stretch is not None and self._claim(stretch, path, node, set()):
                    self.standalone[stretch.id] = stretch

    def for_routine(self, node: YNode, path: Path) -> tuple[YNode, dict[str, Stretch]]:
        """The routine's tree without its `exercises:` (parse_routine does not know the
        key) and the stretches its steps may name: bundled, standalone and its own, the
        user's winning a shared id. Another routine's own exercises are not among them, so
        a plan never silently depends on a different plan being installed."""
        known = {**self.bundled, **self.standalone}
        if not isinstance(node.value, dict) or EXERCISES_KEY not in node.value:
            return node, known
        mapping = dict(node.value)
        items = mapping.pop(EXERCISES_KEY)
        stripped = YNode(mapping, node.line, node.column, node.key_line, node.key_column)
        problem = ""
        if not isinstance(items.value, list) or not items.value:
            problem = f"expected a list of exercises, got {items.kind}"
        elif len(items.value) > EXERCISES_MAX:
            problem = f"{len(items.value)} exercises is too many (at most {EXERCISES_MAX})"
        if problem:
            self.errors.append(ContentError(path, items.line, items.column, EXERCISES_KEY, problem))
            return stripped, known
        seen: set[str] = set()
        assert isinstance(items.value, list)
        for index, item in enumerate(items.value):
            prefix = f"{EXERCISES_KEY}[{index}]"
            stretch = parse_exercise(item, path, prefix, path.parent, self.errors)
            if stretch is not None and self._claim(stretch, path, item, seen, prefix):
                known[stretch.id] = stretch
        return stripped, known

    def _claim(
        self, stretch: Stretch, path: Path, node: YNode, seen: set[str], prefix: str = ""
    ) -> bool:
        line, column = _id_position(node)
        field = f"{prefix}.id" if prefix else "id"
        sid = stretch.id

        def refuse(message: str) -> bool:
            self.errors.append(ContentError(path, line, column, field, message))
            return False

        if sid in seen:
            return refuse(f"the exercise id '{sid}' is listed twice in this file")
        seen.add(sid)
        first = self.owner.get(sid)
        if first is not None and first.resolve() != path.resolve():
            return refuse(f"the exercise id '{sid}' is already used by {first}")
        if sid in self.bundled:
            if self.strict:
                return refuse(
                    f"'{sid}' is the id of a stretch that comes with BackEase; "
                    "give your exercise another id"
                )
            if sid not in self.shadowed:
                self.shadowed.add(sid)
                self.notices.append(
                    ContentError(
                        path,
                        line,
                        column,
                        field,
                        f"BackEase now has a stretch with the id '{sid}' too; your routines "
                        "keep using your own exercise (give it another id to see both)",
                    )
                )
        self.mine[sid] = stretch
        self.owner[sid] = path
        return True

    def claim_checked(self, stretch: Stretch, path: Path, node: YNode) -> bool:
        """Checks a standalone exercise's id against everything else (for --validate)."""
        return self._claim(stretch, path, node, set())

    def stretches(self) -> tuple[Stretch, ...]:
        """The library's list: bundled first, then the user's (except those a bundled
        stretch has taken the id of: their routines still use them)."""
        mine = [s for sid, s in self.mine.items() if sid not in self.bundled]
        return (*self.bundled.values(), *mine)


__all__ = [
    "EXERCISES_KEY",
    "PICTURE_MAX_BYTES",
    "STOP_CAUTION",
    "UserExercises",
    "is_stop_caution",
    "parse_exercise",
    "picture_problem",
    "with_stop_first",
]
