"""Qt Linguist translations: the app's own (``resources/translations``) and Qt's standard ones.

English is the source language, so it needs no file. Strings are marked with ``self.tr`` in
classes and ``QCoreApplication.translate(context, text)`` elsewhere; ``make translations`` runs
``pyside6-lupdate`` over ``csec_desktop/gui`` and ``ui/`` and compiles the ``.qm`` files.

A PySide6 pitfall: ``self.tr`` looks strings up under the *runtime* class name, so a string marked
in a base class is not found for a subclass. Translated widgets here are therefore not
subclassed further.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from csec_desktop.paths import resources_dir

SUPPORTED_LANGUAGES = ("en", "es")
CATALOG = "csec_desktop"


def translations_dir() -> Path:
    return resources_dir() / "translations"


class Translations:
    """Holds the installed translators (Qt does not own them, so they must stay referenced)."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, app: QCoreApplication, language: str) -> bool:
        """Switch ``app`` to ``language``. Returns False if its catalog could not be loaded (the
        app then stays in plain English rather than failing).

        English loads a plural-only catalog too, so "%n youth found" reads "1 youth found".
        """
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        self.language = "en"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        if language not in SUPPORTED_LANGUAGES:
            return False
        ours = QTranslator(app)
        if not ours.load(f"{CATALOG}_{language}", str(translations_dir())):
            return False
        if language != "en":
            qt_own = QTranslator(app)  # standard buttons and context menus
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{language}", qt_dir):
                app.installTranslator(qt_own)
                self._installed.append(qt_own)
            QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates))
        app.installTranslator(ours)
        self._installed.append(ours)
        self.language = language
        return True
