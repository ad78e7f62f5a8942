"""Read the YAML config, expand ${ENV} references, validate into frozen Settings."""

from __future__ import annotations

import difflib
import os
import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bot.config.schema import Settings
from bot.errors import ConfigError

_SECRET_KEY = re.compile(r"token|secret|password", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(://[^/@:\s]*:)[^/@\s]*@")
_ENV_REF = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?P<default>[^}]*))?\}")


def _expand(value: Any, env: Mapping[str, str], path: str, problems: list[str]) -> Any:
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            name, default = m.group("name"), m.group("default")
            if name in env:
                return env[name]
            if default is not None:
                return default
            problems.append(f"{path}: environment variable {name} is not set")
            return ""

        return _ENV_REF.sub(sub, value)
    if isinstance(value, dict):
        return {
            k: _expand(v, env, f"{path}.{k}" if path else str(k), problems)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_expand(v, env, f"{path}[{i}]", problems) for i, v in enumerate(value)]
    return value


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith(("function-", "union[")) or part in ("bool", "literal['auto']"):
            continue
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


def _keys_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys the settings model accepts at a key path: what an unknown key may have
    meant."""
    model: Any = Settings
    for part in loc:
        if isinstance(part, int):
            continue  # an item of a list: the list's model, found below
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The settings model an annotation holds: itself, or inside Optional or a tuple."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _lookup(data: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        if isinstance(data, list) and isinstance(part, int):
            if part >= len(data):
                return None
            data = data[part]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _describe(err: Any, data: Any) -> str:
    loc = tuple(err["loc"])
    path = _key_path(loc)
    msg = str(err["msg"]).removeprefix("Value error, ")
    if not loc:
        return msg
    if err["type"] == "extra_forbidden":
        known = _keys_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return f"{path}: unknown key (did you mean {close[0]!r}?)"
        listed = f"; known keys here: {', '.join(sorted(known))}" if known else ""
        return f"{path}: unknown key (check its spelling){listed}"
    if err["type"] == "missing":
        return f"{path}: is required"
    value = _lookup(data, loc)
    if any(isinstance(p, str) and _SECRET_KEY.search(p) for p in loc):
        return f"{path}: {msg}"  # never print a secret, even a wrong one
    if isinstance(value, str):
        value = _URL_PASSWORD.sub(r"\1***@", value)  # nor a password inside a URL
        msg = _URL_PASSWORD.sub(r"\1***@", msg)
    if value is not None and not isinstance(value, dict | list) and repr(value) not in msg:
        return f"{path}: {value!r}: {msg}"
    return f"{path}: {msg}"


def parse_settings(
    data: Any, *, env: Mapping[str, str] | None = None, path: str | None = None
) -> Settings:
    """Validate already-loaded YAML data; ConfigError lists every problem with its key path."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            [f"the top level must be a mapping of sections, not {type(data).__name__}"], path=path
        )
    problems: list[str] = []
    expanded = _expand(data, os.environ if env is None else env, "", problems)
    if problems:
        raise ConfigError(problems, path=path)
    try:
        return Settings.model_validate(expanded)
    except ValidationError as exc:
        seen: list[str] = []
        for err in exc.errors():
            line = _describe(err, expanded)
            if line not in seen:
                seen.append(line)
        raise ConfigError(seen, path=path) from None


def load_settings(path: str | Path, *, env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate a config file. Nothing starts on a bad config."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(["the file does not exist"], path=str(file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"cannot be read: {exc}"], path=str(file)) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([f"{where}not valid YAML: {problem}"], path=str(file)) from None
    return parse_settings(data, env=env, path=str(file))
