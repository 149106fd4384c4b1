"""Safe YAML loading that remembers line numbers, for errors that name them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import GlowlintError


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise GlowlintError(f"duplicate key {key!r}", None, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, path: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except GlowlintError as e:
        raise GlowlintError(e.message, path, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = (e.problem or e.context or "invalid YAML").strip()
        raise GlowlintError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as e:
        raise GlowlintError(f"invalid YAML: {e}", path) from None


def load_yaml(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlowlintError("file not found", str(path)) from None
    except OSError as e:
        raise GlowlintError(f"cannot read: {e.strerror}", str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GlowlintError(f"not valid UTF-8 at byte {e.start}", str(path)) from None
    return parse_yaml(text, str(path))
