"""The Debian package (dpkg-deb) and the Windows package source (wixl stand-in, msiinfo)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from csec_desktop import __version__
from tests.installer.conftest import empty_env

POLICY_KEY = r"Software\Policies\CSEC Desktop"
HKLM = "2"  # the Registry table's Root for HKEY_LOCAL_MACHINE
MSI_PROPERTIES = {
    "SERVERURL": "ServerUrl",
    "COUNTY": "County",
    "AUTOLOCKMINUTES": "AutoLockMinutes",
    "RECOVERYKEY": "RecoveryKey",
    "OFFLINELEASEDAYS": "OfflineLeaseDays",
    "ALLOWSTANDALONE": "AllowStandalone",
    "CABUNDLE": "CaBundle",
}


def output(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def debs(
    build: ModuleType, bundle: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The package of this build, and the same bundle labelled as an older release."""
    out = tmp_path_factory.mktemp("debs")
    return {
        "old": build.build_deb(package_version="0.0.1", out_dir=out, fast=True),
        "new": build.build_deb(out_dir=out, fast=True),
    }


def test_deb_control_fields_and_conffile(debs: dict[str, Path]) -> None:
    info = output("dpkg-deb", "--info", str(debs["new"]))
    assert "Package: csec-desktop" in info
    assert f"Version: {__version__}" in info
    assert "Depends: " in info and "libxcb-icccm4" in info
    assert output("dpkg-deb", "--ctrl-tarfile", str(debs["new"]))  # readable control archive
    conffiles = output("sh", "-c", f"dpkg-deb --info '{debs['new']}' conffiles")
    assert conffiles.split() == ["/etc/csec-desktop/config.toml"]


def test_deb_contents(debs: dict[str, Path]) -> None:
    listing = output("dpkg-deb", "--contents", str(debs["new"]))
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    for expected in (
        "/opt/csec-desktop/csec-desktop",
        "/opt/csec-desktop/csec-admin",
        "/opt/csec-desktop/_internal/resources/styles/app.qss",
        "/usr/bin/csec-desktop",
        "/usr/bin/csec-admin",
        "/usr/share/applications/csec-desktop.desktop",
        "/usr/share/icons/hicolor/scalable/apps/csec-desktop.svg",
        "/usr/share/icons/hicolor/256x256/apps/csec-desktop.png",
        "/etc/csec-desktop/config.toml",
        "/usr/share/doc/csec-desktop/it-deployment.md",
    ):
        assert expected in paths, expected
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}
    assert not any("server" in p.split("/")[-1] for p in paths if p.startswith("/opt/"))


def _dpkg(root: Path, *args: str) -> None:
    """dpkg on a throwaway root: no chroot (no shell inside), scripts see DPKG_ROOT and skip."""
    subprocess.run(
        [
            "dpkg",
            f"--root={root}",
            "--log=/dev/null",
            "--force-depends",
            "--force-script-chrootless",
            "--force-not-root",
            "--force-unsafe-io",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def test_upgrade_keeps_the_county_config_and_the_user_vault(
    debs: dict[str, Path], tmp_path: Path
) -> None:
    root = tmp_path / "root"
    admin = root / "var" / "lib" / "dpkg"
    for folder in ("info", "updates", "triggers"):
        (admin / folder).mkdir(parents=True)
    (admin / "status").touch()
    (admin / "available").touch()
    _dpkg(root, "-i", str(debs["old"]))
    config = root / "etc" / "csec-desktop" / "config.toml"
    config.write_text(config.read_text("utf-8") + 'county = "Kern"\n', encoding="utf-8")
    home = tmp_path / "home"
    vault = home / ".local" / "share" / "csec-desktop" / "vault.db"
    vault.parent.mkdir(parents=True)
    vault.write_bytes(b"the user's vault")

    _dpkg(root, "--force-confold", "-i", str(debs["new"]))

    status = output("dpkg-query", f"--admindir={admin}", "-W", "csec-desktop")
    assert status.split() == ["csec-desktop", __version__]
    assert 'county = "Kern"' in config.read_text("utf-8")  # the conffile edit survives
    assert vault.read_bytes() == b"the user's vault"
    done = subprocess.run(
        [str(root / "opt" / "csec-desktop" / "csec-desktop"), "--version"],
        env=empty_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == f"csec-desktop {__version__}"


def test_msi_writes_every_property_to_the_policy_key(build: ModuleType) -> None:
    msi = build.build_standin_msi(build.WORK / "msi-out")
    rows = [
        line.split("\t")
        for line in output("msiinfo", "export", str(msi), "Registry").splitlines()[3:]
    ]
    policy = {row[3]: row for row in rows if row[2] == POLICY_KEY}
    for prop, name in MSI_PROPERTIES.items():
        assert name in policy, name
        assert policy[name][1] == HKLM
        assert policy[name][4] == f"[{prop}]"
    summary = output("msiinfo", "suminfo", str(msi))
    assert "Template: x64;1033" in summary
    properties = dict(
        line.split("\t", 1)
        for line in output("msiinfo", "export", str(msi), "Property").splitlines()[3:]
    )
    assert properties.get("ALLUSERS") == "1"  # per-machine
    assert properties.get("UpgradeCode")
    upgrade = output("msiinfo", "export", str(msi), "Upgrade")
    assert "WIX_UPGRADE_DETECTED" in upgrade  # a newer build replaces an older one
