"""Agency settings for the checks: the bundled defaults, overlaid by the agency's own file."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

DEFAULTS = Path(__file__).with_name("settings.toml")


class SettingsError(ValueError):
    """A settings file that cannot be read or names an unknown key."""


def load_settings(path: str | os.PathLike | None = None) -> dict[str, dict[str, Any]]:
    """Defaults, then ``path`` (or $NORMSCOPE_SETTINGS) on top; unknown keys are refused, not ignored."""
    with DEFAULTS.open("rb") as f:
        settings = tomllib.load(f)
    path = path or os.environ.get("NORMSCOPE_SETTINGS")
    if not path:
        return settings
    try:
        with Path(path).open("rb") as f:
            override = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read settings {path}: {exc}") from exc
    for section, values in override.items():
        if section not in settings or not isinstance(values, dict):
            raise SettingsError(f"unknown settings section [{section}] in {path}")
        for key, value in values.items():
            if key not in settings[section]:
                raise SettingsError(f"unknown setting {section}.{key} in {path}")
            if type(value) is not type(settings[section][key]) and not (
                    isinstance(value, (int, float)) and isinstance(settings[section][key], (int, float))):
                raise SettingsError(f"setting {section}.{key} in {path} must be {type(settings[section][key]).__name__}")
            settings[section][key] = value
    return settings
