"""Configuration, read in one place.

Defaults live in `data/settings.toml`. A council's own file (IRO_SETTINGS_FILE) is laid
over them, then single environment variables over that. Everything else in the project
receives a `Settings` object; nothing below this module reads the environment.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULTS_FILE = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class EnvSetting:
    """One environment variable, where it lands in the settings tree, and what it means."""

    env: str
    path: tuple[str, ...]
    help: str
    kind: type = str


# Every environment variable the app reads. The README's settings table documents each
# (a test checks that), so an operator never has to read code to configure a deployment.
ENV_SETTINGS = (
    EnvSetting("DATABASE_URL", ("database", "url"),
               "SQLAlchemy URL of the database; empty means a SQLite file under the instance folder."),
    EnvSetting("CACHE_URL", ("cache", "url"),
               "Redis URL shared by all workers; empty means a cache inside each process."),
    EnvSetting("IRO_INSTANCE_DIR", ("instance_dir",),
               "Folder for the SQLite file and generated demo files (default: instance/)."),
    EnvSetting("IRO_COUNCIL_NAME", ("council", "name"), "Council name shown on every page."),
    EnvSetting("IRO_COUNCIL_CODE", ("council", "code"),
               "Council (LA) code given to data that has no LA column."),
    EnvSetting("IRO_COUNCIL_ONS_CODE", ("council", "ons_code"),
               "The council's ONS code (like E09000027), which the DfE validation rules compare placement "
               "areas with; empty means the council code."),
    EnvSetting("IRO_VALIDATOR_PYTHON", ("validation", "python"),
               "Python of the DfE validator's environment; empty means .venv-validator/bin/python in the project."),
    EnvSetting("IRO_POPULATION_0_17", ("council", "population_0_17"),
               "Children aged 0-17 living in the area, for rates per 10,000.", int),
    EnvSetting("IRO_POSTCODE_DISTRICTS", ("council", "postcode_districts"),
               "Comma-separated postcode districts of the council's own area.", list),
    EnvSetting("IRO_TERM_CHILDREN_IN_CARE", ("terminology", "children_in_care"),
               "Words used for children in care, e.g. 'our children'."),
    EnvSetting("IRO_SUPPRESSION_THRESHOLD", ("suppression", "threshold"),
               "Counts from 1 to this number are suppressed for aggregate-only roles.", int),
    EnvSetting("IRO_SECRET_KEY", ("access", "secret_key"),
               "Key that signs session cookies; empty means one generated once into the instance folder."),
    EnvSetting("IRO_HTTPS", ("access", "https"),
               "Set to 1 when served over HTTPS, so session cookies are marked Secure.", int),
    EnvSetting("IRO_DEMO_ACCOUNTS", ("access", "demo_accounts"),
               "1 lists the demo accounts on the sign-in page and lets setup create them; 0 for real use.", int),
    EnvSetting("IRO_FACTS_MB", ("memory", "facts_mb"),
               "Megabytes each worker may keep of per-period facts about every child (default 1280).", int),
    EnvSetting("IRO_CUTS_MB", ("memory", "cuts_mb"),
               "Megabytes each worker may keep of facts cut to a filter's children (default 512).", int),
    EnvSetting("IRO_RESULTS_MB", ("memory", "results_mb"),
               "Megabytes each worker may keep of measure results (default 256).", int),
    EnvSetting("IRO_SESSION_HOURS", ("access", "session_hours"),
               "Hours a sign-in lasts at most, however active (default 8).", float),
    EnvSetting("IRO_SESSION_IDLE_MINUTES", ("access", "session_idle_minutes"),
               "Minutes without a request after which a sign-in ends (default 30).", float),
    EnvSetting("IRO_TRUSTED_PROXIES", ("access", "trusted_proxies"),
               "How many proxies in front of the app add X-Forwarded-For; 0 (the default) ignores that header, "
               "so sign-in throttling goes by the address connecting.", int),
    EnvSetting("IRO_TRUSTED_HEADER", ("access", "trusted_header"),
               "Name of a header set by the council's single sign-on proxy holding the user name; empty (the "
               "default) turns sign-on by header off."),
)
OTHER_ENV = (
    ("IRO_SETTINGS_FILE", "A council's own settings file (TOML), laid over the defaults."),
)


@dataclass(frozen=True)
class MeasureRule:
    direction: str
    green: float
    amber: float
    target: float | None = None


@dataclass(frozen=True)
class Council:
    """The settings a measure needs about the council (not the whole Settings object)."""

    population_0_17: int
    postcode_districts: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    council_name: str
    council_code: str
    population_0_17: int
    postcode_districts: tuple[str, ...]
    children_in_care: str
    child_in_care: str
    suppression_threshold: int
    database_url: str
    cache_url: str
    instance_dir: Path
    secret_key: str = ""
    https: bool = False
    demo_accounts: bool = True
    trusted_header: str = ""
    session_hours: float = 8
    session_idle_minutes: float = 30
    trusted_proxies: int = 0
    council_ons_code: str = ""
    validator_python: Path = PROJECT_ROOT / ".venv-validator" / "bin" / "python"
    measure_rules: dict[str, MeasureRule] = field(default_factory=dict)
    facts_mb: int = 1280
    cuts_mb: int = 256
    results_mb: int = 256

    @property
    def council(self) -> Council:
        return Council(self.population_0_17, self.postcode_districts)


def load_settings(environ: os._Environ | dict | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    tree = _read_toml(DEFAULTS_FILE)
    council_file = environ.get("IRO_SETTINGS_FILE")
    if council_file:
        _merge(tree, _read_toml(Path(council_file)))
    for setting in ENV_SETTINGS:
        raw = environ.get(setting.env)
        if raw not in (None, ""):
            _set_path(tree, setting.path, _convert(raw, setting))
    return _build(tree)


def _build(tree: dict) -> Settings:
    instance_dir = Path(tree.get("instance_dir") or PROJECT_ROOT / "instance")
    database_url = tree["database"]["url"] or f"sqlite:///{instance_dir / 'iro.sqlite'}"
    rules = {
        measure_id: MeasureRule(rule["direction"], float(rule["green"]), float(rule["amber"]),
                                rule.get("target"))
        for measure_id, rule in tree.get("measures", {}).items()
    }
    for measure_id, rule in rules.items():
        if rule.direction not in ("higher_is_better", "lower_is_better"):
            raise ValueError(f"settings: measures.{measure_id}.direction must be "
                             f"higher_is_better or lower_is_better, not {rule.direction!r}")
    return Settings(
        council_name=tree["council"]["name"],
        council_code=str(tree["council"]["code"]),
        population_0_17=int(tree["council"]["population_0_17"]),
        postcode_districts=tuple(d.strip().upper() for d in tree["council"]["postcode_districts"]),
        children_in_care=tree["terminology"]["children_in_care"],
        child_in_care=tree["terminology"]["child_in_care"],
        suppression_threshold=int(tree["suppression"]["threshold"]),
        database_url=database_url,
        cache_url=tree["cache"]["url"],
        instance_dir=instance_dir,
        secret_key=tree.get("access", {}).get("secret_key") or _instance_secret(instance_dir),
        https=bool(int(tree.get("access", {}).get("https", 0))),
        demo_accounts=bool(int(tree.get("access", {}).get("demo_accounts", 1))),
        trusted_header=str(tree.get("access", {}).get("trusted_header", "")).strip(),
        session_hours=_positive(tree, "session_hours", 8),
        session_idle_minutes=_positive(tree, "session_idle_minutes", 30),
        trusted_proxies=int(tree.get("access", {}).get("trusted_proxies", 0)),
        council_ons_code=str(tree["council"].get("ons_code", "")).strip(),
        validator_python=Path(tree.get("validation", {}).get("python") or
                              PROJECT_ROOT / ".venv-validator" / "bin" / "python"),
        measure_rules=rules,
        facts_mb=int(tree["memory"]["facts_mb"]),
        cuts_mb=int(tree["memory"]["cuts_mb"]),
        results_mb=int(tree["memory"]["results_mb"]),
    )


def _positive(tree: dict, name: str, default: float) -> float:
    value = float(tree.get("access", {}).get(name, default))
    if value <= 0:
        raise ValueError(f"settings: access.{name} must be more than 0, not {value:g}")
    return value


def _instance_secret(instance_dir: Path) -> str:
    """One random key per instance, written once, so every worker signs cookies alike."""
    import os
    import secrets
    path = instance_dir / "secret_key"
    if not path.exists():
        # Written whole under another name, then linked into place: a worker starting at the same
        # moment either finds no file or the finished one, never a half-written one.
        instance_dir.mkdir(parents=True, exist_ok=True)
        draft = instance_dir / f"secret_key.{os.getpid()}.tmp"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker's key is in place first: use that one
        finally:
            draft.unlink()
    return path.read_text().strip()


def _read_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _merge(base: dict, override: dict) -> None:
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _set_path(tree: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def _convert(raw: str, setting: EnvSetting):
    if setting.kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{setting.env} must be a whole number, not {raw!r}") from None
    if setting.kind is float:
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{setting.env} must be a number, not {raw!r}") from None
    if setting.kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw
