"""Build the desktop installers: ``python installer/build.py [bundle|deb|msi|all] [--force]``.

* ``bundle``: the PyInstaller one-folder bundle ``dist/csec-desktop/`` (skipped when up to date:
  a fingerprint of its inputs is kept in ``build/csec-desktop.inputs``);
* ``deb``: ``dist/csec-desktop_<version>_<arch>.deb`` from the bundle, with ``dpkg-deb`` alone;
* ``msi``: the Linux CI stand-in of the Windows package, ``dist/csec-desktop-standin.msi``,
  built from ``installer/windows/csec-desktop.wxs`` with msitools' ``wixl`` over a few dummy
  files (installs msitools/wixl when missing and running as root, as CI does);
* ``all`` (``make installer``): bundle and deb.

Used by ``make installer`` and by tests/installer (which build once per session).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "csec-desktop"
SPEC = ROOT / "installer" / "csec-desktop.spec"
STAMP = WORK / "csec-desktop.inputs"
PACKAGE = "csec-desktop"
INSTALL_DIR = "/opt/csec-desktop"
# Libraries the bundle takes from the system (PyInstaller leaves out libc, GL and libxcb on
# purpose; the xcb platform plugin needs these two xcb helpers too).
DEB_DEPENDS = "libc6 (>= 2.31), libgl1, libegl1, libxcb1, libxcb-icccm4, libxcb-keysyms1"


def version() -> str:
    text = (ROOT / "csec_desktop" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("build.py: no __version__ in csec_desktop/__init__.py")


def _inputs() -> list[Path]:
    files = [SPEC, ROOT / "pyproject.toml", *sorted((ROOT / "installer").glob("entry_*.py"))]
    package = ROOT / "csec_desktop"
    files += sorted(  # the server is left out of the bundle, so its changes do not count
        p for p in package.rglob("*.py") if p.relative_to(package).parts[0] != "server"
    )
    files += sorted(p for p in (ROOT / "resources").rglob("*") if p.is_file())
    return files


def fingerprint() -> str:
    """A hash of what the bundle is made from: sources, resources, spec, installed packages."""
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    site = Path(shutil.__file__).parent  # any stdlib module: distinguishes Python builds
    digest.update(str(site).encode())
    for entry in sorted(sys.path):
        folder = Path(entry)
        if folder.name == "site-packages" and folder.is_dir():
            digest.update(" ".join(sorted(p.name for p in folder.glob("*.dist-info"))).encode())
    return digest.hexdigest()


def bundle_is_current() -> bool:
    executable = BUNDLE / "csec-desktop"
    return (
        executable.exists()
        and STAMP.exists()
        and STAMP.read_text(encoding="utf-8").strip() == fingerprint()
    )


def ensure_pyinstaller() -> None:
    """PyInstaller from the ``installer`` extra of pyproject.toml, installed when missing.

    ``make setup`` installs only ``.[server,dev]``; the installer tests are part of the normal
    suite, so a fresh clone must be able to build without another step.
    """
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    with (ROOT / "pyproject.toml").open("rb") as stream:
        extras = tomllib.load(stream)["project"]["optional-dependencies"]["installer"]
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *extras], check=True)
    importlib.invalidate_caches()


def build_bundle(*, force: bool = False) -> Path:
    if not force and bundle_is_current():
        print(f"bundle: {BUNDLE.relative_to(ROOT)} is up to date")
        return BUNDLE
    ensure_pyinstaller()
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={WORK / 'pyinstaller'}",
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(fingerprint() + "\n", encoding="utf-8")
    print(f"bundle: built {BUNDLE.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    return BUNDLE


def _tree_size_kib(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def _architecture() -> str:
    done = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


LAUNCHER = """#!/bin/sh
# Installed by the csec-desktop package: run the bundled executable.
exec {install_dir}/{name} "$@"
"""

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Version=1.0
Name=CSEC Desktop
GenericName=CSEC screening
Comment=Screen youth for commercial sexual exploitation and log risk education
Comment[es]=Evaluación de jóvenes en riesgo de explotación sexual comercial
Exec=csec-desktop
Icon=csec-desktop
Terminal=false
Categories=Office;
StartupWMClass=csec-desktop
"""

POSTINST = """#!/bin/sh
set -e
# DPKG_ROOT: installed into another root (image builds, tests): leave this system's caches alone.
if [ "$1" = configure ] && [ -z "$DPKG_ROOT" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && \\
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
"""


def build_deb(
    *, package_version: str | None = None, out_dir: Path = DIST, fast: bool = False
) -> Path:
    """The Debian package of the current bundle. Never touches per-user data (the vaults).

    ``fast`` compresses with gzip -1 instead of xz (tests: same contents, ~40 s less).
    """
    if not (BUNDLE / "csec-desktop").exists():
        raise SystemExit("build.py: no bundle: run 'python installer/build.py bundle' first")
    package_version = package_version or version()
    architecture = _architecture()
    stage = WORK / "deb" / f"root-{package_version}"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / INSTALL_DIR.lstrip("/")
    shutil.copytree(BUNDLE, opt, symlinks=True)
    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in ("csec-desktop", "csec-admin"):
        launcher = usr_bin / name
        launcher.write_text(LAUNCHER.format(install_dir=INSTALL_DIR, name=name), encoding="utf-8")
        launcher.chmod(0o755)
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "csec-desktop.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for source, folder in (("csec-desktop.svg", "scalable"), ("csec-desktop.png", "256x256")):
        target = stage / "usr" / "share" / "icons" / "hicolor" / folder / "apps" / source
        target.parent.mkdir(parents=True)
        shutil.copy2(icons / source, target)
    etc = stage / "etc" / "csec-desktop"
    etc.mkdir(parents=True)
    shutil.copy2(ROOT / "installer" / "linux" / "config.toml", etc / "config.toml")
    (etc / "config.toml").chmod(0o644)
    doc = stage / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / "it-deployment.md", doc / "it-deployment.md")

    for path in stage.rglob("*"):  # readable by every user; only owners write
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)

    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    (control_dir / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {package_version}\n"
        f"Architecture: {architecture}\n"
        "Maintainer: CSEC Desktop project <csec-desktop@invalid>\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Installed-Size: {_tree_size_kib(stage)}\n"
        f"Depends: {DEB_DEPENDS}\n"
        "Description: CSEC screening and risk-education log for county child welfare\n"
        " Offline-first desktop app with an encrypted local vault, syncing to the county\n"
        " server. Machine-wide configuration: /etc/csec-desktop/config.toml.\n",
        encoding="utf-8",
    )
    (control_dir / "conffiles").write_text("/etc/csec-desktop/config.toml\n", encoding="utf-8")
    postinst = control_dir / "postinst"
    postinst.write_text(POSTINST, encoding="utf-8")
    postinst.chmod(0o755)
    for path in control_dir.iterdir():
        if path.name != "postinst":
            path.chmod(0o644)
    control_dir.chmod(0o755)

    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"{PACKAGE}_{package_version}_{architecture}.deb"
    started = time.monotonic()
    subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            *(["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]),
            "--build",
            str(stage),
            str(package),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage)
    print(f"deb: {package.name} in {time.monotonic() - started:.0f} s")
    return package


def ensure_wixl() -> None:
    """msitools' wixl and msiinfo: installed with apt when missing and we are root (CI)."""
    if shutil.which("wixl") and shutil.which("msiinfo"):
        return
    if os.geteuid() != 0:
        raise SystemExit("build.py: wixl/msiinfo missing: apt-get install msitools wixl")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    packages = ["msitools"]
    listed = subprocess.run(
        ["apt-cache", "show", "wixl"], capture_output=True, check=False, env=env
    )
    if listed.returncode == 0:  # Debian 12 splits wixl out of msitools
        packages.append("wixl")
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def build_standin_msi(out_dir: Path = DIST) -> Path:
    """The Windows package from the real .wxs over a few dummy files (checks the tables)."""
    ensure_wixl()
    work = WORK / "msi"
    if work.exists():
        shutil.rmtree(work)
    files = work / "bundle"
    (files / "_internal").mkdir(parents=True)
    for name in ("csec-desktop.exe", "csec-admin.exe", "_internal/python311.dll"):
        (files / name).write_text("stand-in for the PyInstaller Windows bundle\n", "utf-8")
    shutil.copy2(ROOT / "resources" / "icons" / "csec-desktop.ico", work / "csec-desktop.ico")
    shutil.copy2(ROOT / "installer" / "windows" / "csec-desktop.wxs", work / "csec-desktop.wxs")
    listing = "\n".join(sorted(str(p.relative_to(work)) for p in files.rglob("*") if p.is_file()))
    harvested = subprocess.run(
        [
            "wixl-heat",
            "-p",
            "bundle/",
            "--component-group",
            "BundleFiles",
            "--var",
            "var.SourceDir",
            "--directory-ref",
            "INSTALLDIR",
            "--win64",
        ],
        input=listing + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=work,
    )
    (work / "bundle-files.wxs").write_text(harvested.stdout, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    msi = out_dir / "csec-desktop-standin.msi"
    # wixl wants paths relative to where it runs.
    subprocess.run(
        [
            "wixl",
            "-a",
            "x64",
            "-D",
            "Wixl=1",
            "-D",
            "Win64=yes",
            "-D",
            "SourceDir=bundle",
            "-D",
            f"Version={version()}",
            "-D",
            "IconFile=csec-desktop.ico",
            "-o",
            str(msi.resolve()),
            "csec-desktop.wxs",
            "bundle-files.wxs",
        ],
        check=True,
        cwd=work,
        capture_output=True,
    )
    print(f"msi: {msi.name} (stand-in files)")
    return msi


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/build.py", description=__doc__)
    parser.add_argument("target", nargs="?", default="all", choices=["bundle", "deb", "msi", "all"])
    parser.add_argument("--force", action="store_true", help="rebuild the bundle even if current")
    args = parser.parse_args(argv)
    if args.target in ("bundle", "deb", "all"):
        build_bundle(force=args.force)
    if args.target in ("deb", "all"):
        build_deb()
    if args.target == "msi":
        build_standin_msi()
    return 0


if __name__ == "__main__":
    sys.exit(main())
