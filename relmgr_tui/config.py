"""User settings in config.toml: read with tomllib, written with tomli_w."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import tomli_w

from relmgr_tui import paths
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Methodology, Severity
from relmgr_tui.domain.risk import RiskBand
from relmgr_tui.domain.schedule import zone_named


@dataclass(frozen=True)
class Settings:
    theme: str = "textual-dark"
    default_methodology: Methodology = Methodology.WATERFALL
    blocking_risk_band: RiskBand = RiskBand.CRITICAL
    """Live risks in this band or above block entry into Deploying."""
    blocking_bug_severity: Severity = Severity.CRITICAL
    """Open bugs of this severity or worse (blocker, critical, major, minor) block entry into Deploying."""
    manager_name: str = ""
    """Shown in the header and used as the default owner of new releases."""
    minutes_dir: str = ""
    """Where `m` in the go/no-go review writes minutes, as typed (`~` allowed); empty: `minutes/` in the user
    data folder (created when the first minutes are written)."""
    rollback_window_days: int = 30
    """How many days after its release a release can still be marked rolled back."""
    timezone: str = ""
    """The IANA zone times are shown and typed in; empty: the system's zone."""
    holidays: str = ""
    """A country code of the `holidays` package ("GB"): a deployment window on its public holidays is warned of."""
    allow_self_signoff: bool = False
    """Whether a release's owner may sign off their own release."""
    keys: dict[str, str] = field(default_factory=dict)
    """The `[keys]` table: binding id -> key(s). The app checks the ids and keys (`ui.keymap.check`)."""

    @property
    def minutes_folder(self) -> Path:
        return Path(os.path.expanduser(self.minutes_dir)) if self.minutes_dir else paths.data_dir() / "minutes"


def _from_dict(data: dict, path: Path) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput(f"{path}: unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(known))}")
    values = dict(data)
    try:
        if "default_methodology" in values:
            values["default_methodology"] = Methodology(values["default_methodology"])
    except ValueError:
        raise InvalidInput(f"{path}: default_methodology must be 'waterfall' or 'agile'") from None
    if "blocking_risk_band" in values:
        try:
            values["blocking_risk_band"] = RiskBand.parse(str(values["blocking_risk_band"]))
        except InvalidInput as exc:
            raise InvalidInput(f"{path}: blocking_risk_band: {exc}") from None
    if "blocking_bug_severity" in values:
        try:
            values["blocking_bug_severity"] = Severity(str(values["blocking_bug_severity"]).strip().lower())
        except ValueError:
            raise InvalidInput(f"{path}: blocking_bug_severity must be one of blocker, critical, major, minor,"
                               f" not {values['blocking_bug_severity']!r}") from None
    for name in ("theme", "manager_name", "minutes_dir", "timezone", "holidays"):
        if name in values and not isinstance(values[name], str):
            raise InvalidInput(f"{path}: {name} must be a string")
    window = values.get("rollback_window_days", 30)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 3650:
        raise InvalidInput(f"{path}: rollback_window_days must be a whole number of days from 0 to 3650")
    if not isinstance(values.get("allow_self_signoff", False), bool):
        raise InvalidInput(f"{path}: allow_self_signoff must be true or false")
    _check_folder(values.get("minutes_dir", ""), path)
    _check_zone(values.get("timezone", ""), path)
    _check_holidays(values.get("holidays", ""), path)
    _check_keys(values.get("keys", {}), path)
    return Settings(**values)


def _check_folder(value: str, path: Path) -> None:
    """A relative folder would depend on where relmgr was started, and `~nosuchuser` stays unexpanded."""
    if value and ("\0" in value or not os.path.isabs(os.path.expanduser(value))):
        raise InvalidInput(f"{path}: minutes_dir must be a full path such as ~/minutes or /srv/minutes,"
                           f" not {value!r}")


def _check_zone(value: str, path: Path) -> None:
    if value:
        try:
            zone_named(value)
        except InvalidInput as exc:
            raise InvalidInput(f"{path}: timezone: {exc}") from None


def _check_holidays(value: str, path: Path) -> None:
    """A country code the `holidays` package knows (imported only when one is set)."""
    if value:
        import holidays

        if value not in holidays.list_supported_countries():
            raise InvalidInput(f"{path}: holidays: unknown country code {value!r}: give one the holidays package"
                               " knows, such as GB, US or DE")


def system_zone() -> str:
    """The system's IANA zone name: $TZ if it names one, else where /etc/localtime points, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
        candidates.append(link.partition("zoneinfo/")[2])
    except OSError:
        pass
    for name in candidates:
        try:
            return zone_named(name).key
        except InvalidInput:
            continue
    return "UTC"


def zone_of(settings: Settings) -> ZoneInfo:
    """The zone the user reads and types times in (config `timezone`, else the system's)."""
    return zone_named(settings.timezone or system_zone())


def _check_keys(value: object, path: Path) -> None:
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value.values()):
        raise InvalidInput(f'{path}: [keys] must be a table of binding ids and key names, such as'
                           f' "board.advance" = "ctrl+right"')


def load(path: Path) -> tuple[Settings, str]:
    """The settings in `path` (defaults when absent) and a warning when the file could not be used."""
    if not path.is_file():
        return Settings(), ""
    try:
        text = path.read_text(encoding="utf-8")
        return _from_dict(tomllib.loads(text), path), ""
    except tomllib.TOMLDecodeError as exc:
        # Imported here: a broken file is rare, and the board's first frame needs no templates.
        from relmgr_tui.domain.templates import toml_error

        return Settings(), f"{path}: {toml_error(exc, text)}; using default settings until it is fixed."
    except (OSError, UnicodeDecodeError, InvalidInput) as exc:
        return Settings(), f"{exc}; using default settings until it is fixed."


def to_toml(settings: Settings) -> str:
    data = asdict(settings)
    data["default_methodology"] = settings.default_methodology.value
    data["blocking_risk_band"] = settings.blocking_risk_band.label
    data["blocking_bug_severity"] = settings.blocking_bug_severity.value
    return tomli_w.dumps(data)


def save(settings: Settings, path: Path) -> None:
    """Write atomically so a crash never leaves half a config file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(to_toml(settings), encoding="utf-8")
    tmp.replace(path)


def with_theme(settings: Settings, theme: str) -> Settings:
    return replace(settings, theme=theme)
