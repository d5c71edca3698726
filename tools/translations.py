"""Update and compile the Qt Linguist translations (``make translations``).

``csec_desktop/app.py`` has no user-facing strings beyond one-line CLI errors, which stay English
like every command-line tool here.

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string from ``csec_desktop/gui``
   and the Designer forms in ``ui/`` into ``resources/translations/*.ts``,
   keeping existing translations of strings still in use (strings no longer used are dropped:
   git history keeps them).
   English gets a plural-only catalog, so "1 youth found" / "2 youth found" read right.
2. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.

Translate new strings in Qt Linguist (``pyside6-linguist resources/translations/*_es.ts``), then
run this again. ``--check`` exits 1 if a Spanish string is unfinished or a ``.qm`` does not
match its ``.ts``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOG = "csec_desktop"
LANGUAGES = {"es": [], "en": ["-pluralonly"]}


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"translations: {name} not found (install PySide6)")
    return found


def sources() -> list[str]:
    files = sorted((ROOT / "csec_desktop" / "gui").rglob("*.py"))
    files = [f for f in files if "forms" not in f.parts]  # the .ui files are the source
    files += sorted((ROOT / "ui").glob("*.ui"))
    return [str(f.relative_to(ROOT)) for f in files]


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOG}_{language}.ts"


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language, extra in LANGUAGES.items():
        target = ts_file(language)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *extra,
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                language,
                *sources(),
                "-ts",
                str(target.relative_to(ROOT)),
            ],
            check=True,
            cwd=ROOT,
        )


def compile_ts(source: Path, target: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True
    )


def release() -> None:
    for language in LANGUAGES:
        source = ts_file(language)
        compile_ts(source, source.with_suffix(".qm"))


def stale_catalogs() -> list[str]:
    """``.qm`` files that differ from what their ``.ts`` compiles to (file times lie after a
    git checkout, so the contents are compared)."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            source = ts_file(language)
            fresh = Path(tmp) / f"{language}.qm"
            compile_ts(source, fresh)
            committed = source.with_suffix(".qm")
            if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
                stale.append(committed.name)
    return stale


def unfinished(language: str) -> list[str]:
    """Source strings of ``language`` that have no finished translation."""
    tree = ET.parse(ts_file(language))  # noqa: S314 (our own file from the repository)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("obsolete", "vanished"):
            continue
        if translation.get("type") == "unfinished":
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is unfinished")
    args = parser.parse_args(argv)
    if args.check:
        problems = [f"unfinished (es): {text}" for text in unfinished("es")]
        problems += [f"not compiled: {name} (run `make translations`)" for name in stale_catalogs()]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    update()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
