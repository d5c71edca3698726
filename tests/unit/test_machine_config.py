"""Machine configuration sources of each platform, exercised on any OS.

Windows: a fake ``winreg`` module with the calls the policy reader makes. macOS: real plist files
written with ``plistlib`` under a temporary root. Linux: the TOML file under a temporary root.
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

import pytest

from csec_desktop.config import (
    MACHINE_CONFIG_ENV,
    MACOS_BUNDLE_ID,
    WINDOWS_POLICY_KEY,
    ConfigError,
    default_machine_config_file,
    load_config,
    machine_sources,
)


class FakeWinreg:
    """Just enough of ``winreg``: one HKLM tree of {key path: [(name, value, type)]}."""

    HKEY_LOCAL_MACHINE = 0x80000002
    KEY_READ = 0x20019
    KEY_WOW64_64KEY = 0x0100
    REG_SZ = 1
    REG_EXPAND_SZ = 2
    REG_BINARY = 3
    REG_DWORD = 4

    def __init__(self, keys: dict[str, list[tuple[str, Any, int]]]) -> None:
        self.keys = {path.lower(): values for path, values in keys.items()}
        self.opened_with: list[int] = []
        self.closed = 0

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = 0) -> Any:
        assert key == self.HKEY_LOCAL_MACHINE
        self.opened_with.append(access)
        if sub_key.lower() not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return sub_key.lower()

    def EnumValue(self, key: Any, index: int) -> tuple[str, Any, int]:
        values = self.keys[key]
        if index >= len(values):
            raise OSError(259, "No more data is available")
        return values[index]

    def CloseKey(self, key: Any) -> None:
        self.closed += 1


def windows(
    tmp_path: Path, values: list[tuple[str, Any, int]] | None, toml: str | None = None
) -> tuple[list[Any], FakeWinreg]:
    program_data = tmp_path / "ProgramData"
    if toml is not None:
        folder = program_data / "CSEC Desktop"
        folder.mkdir(parents=True)
        (folder / "config.toml").write_text(toml, encoding="utf-8")
    reg = FakeWinreg({} if values is None else {WINDOWS_POLICY_KEY: values})
    sources = machine_sources("win32", environ={"ProgramData": str(program_data)}, winreg=reg)
    return sources, reg


def user_file(tmp_path: Path, text: str = "") -> Path:
    path = tmp_path / "user.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_machine_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MACHINE_CONFIG_ENV, raising=False)


# -- Windows -----------------------------------------------------------------------------------


def test_msi_properties_in_the_policy_key_override_the_user(tmp_path: Path) -> None:
    sz, dword = FakeWinreg.REG_SZ, FakeWinreg.REG_DWORD
    sources, reg = windows(
        tmp_path,
        [
            ("ServerUrl", "https://csec.kern.example/", sz),
            ("County", "Kern", sz),
            ("AutoLockMinutes", "10", sz),  # an MSI property is a string
            ("OfflineLeaseDays", 14, dword),  # Group Policy writes a DWORD
            ("RecoveryKey", "", sz),  # property left empty on the msiexec line: unset
            ("AllowStandalone", "0", sz),
            ("CaBundle", r"C:\ProgramData\CSEC Desktop\county-ca.pem", sz),
        ],
    )
    config = load_config(user_file(tmp_path, "auto_lock_minutes = 25\n"), sources=sources)
    assert config.server_url == "https://csec.kern.example"
    assert config.county == "Kern"
    assert config.auto_lock_minutes == 10
    assert config.offline_lease_days == 14
    assert config.allow_standalone is False
    assert config.recovery_public_key is None
    assert str(config.ca_bundle).endswith("county-ca.pem")
    assert config.locked == {
        "server_url",
        "county",
        "auto_lock_minutes",
        "offline_lease_days",
        "allow_standalone",
        "ca_bundle",
    }
    assert reg.opened_with == [FakeWinreg.KEY_READ | FakeWinreg.KEY_WOW64_64KEY]
    assert reg.closed == 1


def test_policy_key_beats_the_program_data_file(tmp_path: Path) -> None:
    sources, _ = windows(
        tmp_path,
        [("AutoLockMinutes", 5, FakeWinreg.REG_DWORD)],
        toml='auto_lock_minutes = 20\ncounty = "Fresno"\n',
    )
    config = load_config(user_file(tmp_path), sources=sources)
    assert (config.auto_lock_minutes, config.county) == (5, "Fresno")
    assert config.locked == {"auto_lock_minutes", "county"}


def test_no_policy_key_and_no_file_sets_nothing(tmp_path: Path) -> None:
    sources, _ = windows(tmp_path, None)
    config = load_config(user_file(tmp_path, 'county = "Yolo"\n'), sources=sources)
    assert config.county == "Yolo"
    assert config.locked == frozenset()


def test_registry_value_names_are_case_insensitive(tmp_path: Path) -> None:
    sources, _ = windows(tmp_path, [("SERVERURL", "https://x.example", FakeWinreg.REG_SZ)])
    assert load_config(user_file(tmp_path), sources=sources).server_url == "https://x.example"


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ([("AutoLockMinutes", 45, FakeWinreg.REG_DWORD)], "'AutoLockMinutes'"),
        ([("AutoLockMinutes", "soon", FakeWinreg.REG_SZ)], "'AutoLockMinutes'"),
        ([("County", "Springfield", FakeWinreg.REG_SZ)], "'County': not a California county"),
        ([("ServerUrl", "csec.example", FakeWinreg.REG_SZ)], "'ServerUrl': must start with"),
        ([("ServerAddress", "https://x", FakeWinreg.REG_SZ)], "unknown setting 'ServerAddress'"),
        ([("County", b"\x00", FakeWinreg.REG_BINARY)], "'County': must be a string or a DWORD"),
    ],
)
def test_a_bad_policy_value_is_one_plain_line_naming_it(
    tmp_path: Path, values: list[tuple[str, Any, int]], fragment: str
) -> None:
    sources, reg = windows(tmp_path, values)
    with pytest.raises(ConfigError) as caught:
        load_config(user_file(tmp_path), sources=sources)
    message = str(caught.value)
    assert fragment in message
    assert "registry policy key HKLM\\Software\\Policies\\CSEC Desktop" in message
    assert "\n" not in message
    assert reg.closed == 1


def test_windows_program_data_path(tmp_path: Path) -> None:
    path = default_machine_config_file("win32", {"ProgramData": str(tmp_path)})
    assert path == tmp_path / "CSEC Desktop" / "config.toml"


# -- macOS -------------------------------------------------------------------------------------


def write_plist(root: Path, data: dict[str, Any], *, binary: bool = False) -> Path:
    path = root / "Library" / "Managed Preferences" / f"{MACOS_BUNDLE_ID}.plist"
    path.parent.mkdir(parents=True)
    with path.open("wb") as stream:
        plistlib.dump(data, stream, fmt=plistlib.FMT_BINARY if binary else plistlib.FMT_XML)
    return path


@pytest.mark.parametrize("binary", [False, True], ids=["xml", "binary"])
def test_managed_preferences_override_application_support(tmp_path: Path, binary: bool) -> None:
    support = tmp_path / "Library" / "Application Support" / "CSEC Desktop"
    support.mkdir(parents=True)
    (support / "config.toml").write_text('county = "Marin"\nauto_lock_minutes = 20\n', "utf-8")
    write_plist(
        tmp_path, {"AutoLockMinutes": 7, "AllowStandalone": False, "Language": "es"}, binary=binary
    )
    config = load_config(user_file(tmp_path), sources=machine_sources("darwin", root=tmp_path))
    assert (config.county, config.auto_lock_minutes, config.language) == ("Marin", 7, "es")
    assert config.allow_standalone is False
    assert config.locked == {"county", "auto_lock_minutes", "allow_standalone", "language"}


def test_a_bad_managed_preference_names_the_key(tmp_path: Path) -> None:
    write_plist(tmp_path, {"OfflineLeaseDays": 0})
    with pytest.raises(ConfigError, match=r"managed preferences .*\.plist: 'OfflineLeaseDays'"):
        load_config(user_file(tmp_path), sources=machine_sources("darwin", root=tmp_path))


def test_a_damaged_plist_is_a_plain_error(tmp_path: Path) -> None:
    path = write_plist(tmp_path, {})
    path.write_bytes(b"<plist><dict><key>County</key>")
    with pytest.raises(ConfigError, match="not a valid property list"):
        load_config(user_file(tmp_path), sources=machine_sources("darwin", root=tmp_path))


# -- Linux -------------------------------------------------------------------------------------


def test_linux_reads_etc_csec_desktop(tmp_path: Path) -> None:
    etc = tmp_path / "etc" / "csec-desktop"
    etc.mkdir(parents=True)
    (etc / "config.toml").write_text('county = "Kern"\noffline_lease_days = 5\n', "utf-8")
    sources = machine_sources("linux", root=tmp_path)
    config = load_config(user_file(tmp_path), sources=sources)
    assert (config.county, config.offline_lease_days) == ("Kern", 5)
    assert config.locked == {"county", "offline_lease_days"}
    assert default_machine_config_file("linux", {}) == Path("/etc/csec-desktop/config.toml")


def test_a_bad_machine_toml_names_the_key_and_says_machine(tmp_path: Path) -> None:
    etc = tmp_path / "etc" / "csec-desktop"
    etc.mkdir(parents=True)
    (etc / "config.toml").write_text("auto_lock_minutes = 99\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(user_file(tmp_path), sources=machine_sources("linux", root=tmp_path))
    assert str(caught.value).startswith(
        "in the machine configuration file config.toml: 'auto_lock_minutes'"
    )


def test_the_shipped_default_file_is_valid_and_sets_nothing(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "installer" / "linux" / "config.toml"
    config = load_config(user_file(tmp_path), shipped)
    assert config.locked == frozenset()


def test_environment_file_replaces_the_platform_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "named.toml"
    named.write_text("auto_lock_minutes = 3\n", "utf-8")
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(named))
    config = load_config(user_file(tmp_path))
    assert (config.auto_lock_minutes, config.locked) == (3, {"auto_lock_minutes"})
