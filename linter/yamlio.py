"""Safe YAML loading that remembers line numbers, for errors that name them.

Rule packs and configuration are untrusted input. Only plain data is built
(a `yaml.SafeLoader`: no ``!!python/...`` tags); keys must be scalars; and a
document whose aliases expand to more than `MAX_NODES` nodes (a "billion
laughs"), that refers to itself, or that is nested too deeply, is an error
before anything is built from it. Files over `MAX_SIZE` are not read.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GlowlintError
from .safeio import SETTINGS_LIMIT, read_regular

if TYPE_CHECKING:
    import yaml


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


MAX_NODES = 200_000  # nodes once every alias is expanded; the built-in packs have ~10,000
MAX_SIZE = SETTINGS_LIMIT  # bytes


@cache
def _loader() -> Any:
    """The loader class; PyYAML is imported only when some YAML is read (a run
    from the rule-set cache with no YAML configuration reads none)."""
    import yaml

    class Loader(yaml.SafeLoader):
        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            _check_expansion(node)
            return self.construct_document(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    return Loader


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    """An integer, or an error naming the line for one Python will not convert (over
    4,300 digits: `int` refuses them, as a guard against slow conversions)."""
    import yaml

    try:
        return int(yaml.SafeLoader.construct_yaml_int(loader, node))
    except ValueError:
        raise GlowlintError("invalid YAML: a number with too many digits", None,
                            node.start_mark.line + 1) from None


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Refuse alias bombs and self-reference: count nodes as if aliases were copies."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            if total > MAX_NODES:
                raise GlowlintError(
                    f"invalid YAML: aliases expand to more than {MAX_NODES:,} values",
                    None, node.start_mark.line + 1)
            sizes[key] = total
        elif key not in sizes:
            if key in on_path:
                raise GlowlintError("invalid YAML: an alias refers to itself", None,
                                    node.start_mark.line + 1)
            on_path.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node) if id(c) not in sizes)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    import yaml

    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise GlowlintError("a key must be a plain name, not a list or mapping", None,
                                key_node.start_mark.line + 1)
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise GlowlintError(f"duplicate key {key!r}", None, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def parse_yaml(text: str, path: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except GlowlintError as e:
        raise GlowlintError(e.message, path, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = (e.problem or e.context or "invalid YAML").strip()
        raise GlowlintError(f"invalid YAML: {problem}", path, line) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow: its line
        line = text.count("\n", 0, e.position) + 1
        raise GlowlintError(f"invalid YAML: character {e.character!r} is not allowed", path,
                            line) from None
    except yaml.YAMLError as e:
        problem = str(e).strip().splitlines()[0] if str(e).strip() else "unreadable"
        raise GlowlintError(f"invalid YAML: {problem}", path) from None
    except RecursionError:
        raise GlowlintError("invalid YAML: nested too deeply", path) from None


def load_yaml(path: Path) -> Any:
    try:
        data = read_regular(path, MAX_SIZE)
    except FileNotFoundError:
        raise GlowlintError("file not found", str(path)) from None
    except OSError as e:
        raise GlowlintError(f"cannot read: {e.strerror}", str(path)) from None
    if len(data) > MAX_SIZE:
        raise GlowlintError(f"too large for a YAML file (over {MAX_SIZE // 2**20} MB)", str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GlowlintError(f"not valid UTF-8 at byte {e.start}", str(path)) from None
    return parse_yaml(text, str(path))
