"""The user/machine configuration loader: defaults, precedence, and plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from csec_desktop.config import (
    DEFAULT_AUTO_LOCK_MINUTES,
    ConfigError,
    load_config,
    save_user_settings,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file_exists(tmp_path: Path) -> None:
    config = load_config(machine_file=tmp_path / "none.toml", user_file=None)
    assert config.auto_lock_minutes == DEFAULT_AUTO_LOCK_MINUTES == 15
    assert config.language == "en"
    assert config.server_url is None
    assert config.locked == frozenset()


def test_user_values_are_used(tmp_path: Path) -> None:
    user = write(
        tmp_path / "user.toml",
        'server_url = "https://csec.fresno.example/"\ncounty = "Fresno"\n'
        'auto_lock_minutes = 5\nlanguage = "es"\n',
    )
    config = load_config(user, tmp_path / "none.toml")
    assert config.server_url == "https://csec.fresno.example"
    assert config.county == "Fresno"
    assert config.auto_lock_minutes == 5
    assert config.language == "es"
    assert not config.is_locked("language")


def test_machine_values_override_user_values_and_are_locked(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", 'auto_lock_minutes = 25\nlanguage = "es"\n')
    machine = write(tmp_path / "machine.toml", 'auto_lock_minutes = 10\ncounty = "Kern"\n')
    config = load_config(user, machine)
    assert config.auto_lock_minutes == 10
    assert config.language == "es"
    assert config.county == "Kern"
    assert config.locked == {"auto_lock_minutes", "county"}


def test_machine_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    machine = write(tmp_path / "m.toml", "auto_lock_minutes = 3\n")
    monkeypatch.setenv("CSEC_MACHINE_CONFIG", str(machine))
    user = write(tmp_path / "u.toml", "")
    assert load_config(user).auto_lock_minutes == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("auto_lock_minutes = 31\n", "'auto_lock_minutes'"),
        ("auto_lock_minutes = 0\n", "'auto_lock_minutes'"),
        ('language = "fr"\n', "'language'"),
        ('county = "Springfield"\n', "not a California county"),
        ('server_url = "ftp://x"\n', "https://"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ("auto_lock_minutes = = 3\n", "not valid TOML"),
    ],
)
def test_bad_values_give_one_plain_line(tmp_path: Path, text: str, fragment: str) -> None:
    user = write(tmp_path / "user.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(user, tmp_path / "none.toml")
    message = str(caught.value)
    assert fragment in message
    assert "user.toml" in message
    assert "\n" not in message
    assert str(tmp_path) not in message  # file names only: a path can name a person


def test_explicit_user_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml", tmp_path / "none.toml")


def test_bad_machine_file_is_an_error_too(tmp_path: Path) -> None:
    machine = write(tmp_path / "machine.toml", "auto_lock_minutes = 45\n")
    with pytest.raises(ConfigError, match=r"machine\.toml"):
        load_config(write(tmp_path / "u.toml", ""), machine)


def test_save_user_settings_round_trips_and_keeps_other_values(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", 'county = "Fresno"\n')
    save_user_settings(user, {"language": "es", "auto_lock_minutes": 20})
    config = load_config(user, tmp_path / "none.toml")
    assert (config.county, config.language, config.auto_lock_minutes) == ("Fresno", "es", 20)


def test_save_user_settings_refuses_invalid_values(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    with pytest.raises(ConfigError):
        save_user_settings(user, {"auto_lock_minutes": 99})
    assert not user.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("allow_standalone = false\n", ("allow_standalone", False)),
        ('allow_standalone = "yes"\n', ("allow_standalone", True)),
        ("allow_standalone = 0\n", ("allow_standalone", False)),
        ('auto_lock_minutes = " 12 "\n', ("auto_lock_minutes", 12)),
        ('county = "  Kern "\n', ("county", "Kern")),
        (
            'server_url = "https://csec.kern.example/"\n',
            ("server_url", "https://csec.kern.example"),
        ),
        ('ca_bundle = "/etc/ssl/county.pem"\n', ("ca_bundle", Path("/etc/ssl/county.pem"))),
    ],
)
def test_values_are_converted_as_an_msi_or_a_person_writes_them(
    tmp_path: Path, text: str, expected: tuple[str, object]
) -> None:
    config = load_config(write(tmp_path / "user.toml", text), tmp_path / "none.toml")
    key, value = expected
    assert getattr(config, key) == value


@pytest.mark.parametrize(
    "text",
    [
        "auto_lock_minutes = true\n",  # a boolean is not a number of minutes
        "auto_lock_minutes = 12.5\n",
        'auto_lock_minutes = "soon"\n',
        "allow_standalone = 2\n",
        'allow_standalone = "maybe"\n',
        "county = 7\n",
        f'recovery_public_key = "{"k" * 201}"\n',
    ],
)
def test_wrong_kinds_of_value_are_refused_without_echoing_them(tmp_path: Path, text: str) -> None:
    user = write(tmp_path / "user.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(user, tmp_path / "none.toml")
    message = str(caught.value)
    assert message.startswith(f"in the configuration file user.toml: '{text.split(' ')[0]}': ")
    assert text.split("= ")[1].strip().strip('"') not in message  # the value is never repeated
