"""Screenshots of the real windows for docs/screenshots/ (``make screenshots``).

Everything runs offscreen on a temporary vault that is deleted afterwards; the youth shown are
demo records from ``DemoSeeder``, every name marked ``DEMO``. Each screen is saved at 100% and
200% scale (``<screen>.png`` and ``<screen>@2x.png``); 200% runs in a second process because
Qt reads the scale factor once, at start.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DEMO_PASSPHRASE = "demo passphrase for screenshots"  # noqa: S105 (a throwaway demo vault)


def settle(app: object, qtbot_rounds: int = 20) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    for _ in range(qtbot_rounds):
        QCoreApplication.processEvents()
        QThread.msleep(10)


def wait_for(condition: object, timeout_s: float = 15.0) -> None:
    import time

    from PySide6.QtCore import QCoreApplication, QThread

    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: timed out waiting for a window")
        QCoreApplication.processEvents()
        QThread.msleep(10)


def shoot_screening(page: object, save: object) -> None:
    """The wizard on a section with a follow-up question open, and its summary page."""
    panel = page.casework.screenings  # type: ignore[attr-defined]
    panel._choose_instrument()
    wait_for(lambda: panel.start_dialog is not None)
    panel.start_dialog.accept()
    wait_for(lambda: panel.wizard is not None and panel.wizard.isVisible())
    wizard = panel.wizard
    wizard.resize(1000, 720)
    wizard.editors["information_sources"].button("youth").click()
    wizard.go_next()
    wizard.editors["induced_commercial_sex"].button("yes").click()
    wizard.editors["sexual_images_for_gain"].button("no").click()
    wait_for(lambda: wizard.save_label.text().startswith(("Saved", "Guardado")))
    save(wizard, "screening-section")  # type: ignore[operator]
    for _ in range(3):  # a 'no concern' answer to the rest, as a finished screening would have
        for item_id in wizard.missing_required():
            editor = wizard.editors[item_id]
            if editor.line_edit is not None:
                editor.line_edit.setText("01/15/2025" if "date" in item_id else "1")
                editor.answer_changed.emit(item_id)
            elif item_id == "exploitation_timing":
                editor.button("while_absent").click()
            else:
                choices = ("no", "no_concern", "youth")
                answer = next(a for a in choices if a in editor._buttons)
                editor.button(answer).click()
    wizard.submit()  # from a section: shows the summary (a second Ctrl+Enter submits)
    wait_for(lambda: wizard.summary_page.summary is not None)
    wizard.summary_page.verticalScrollBar().setValue(0)
    wizard.save_now()
    wait_for(lambda: not wizard.has_unsaved)
    save(wizard, "screening-summary")  # type: ignore[operator]
    # The confirm step: when the agency learned of it (the 24-hour clock), same or new incident.
    page_bar = wizard.summary_page.verticalScrollBar()
    page_bar.setValue(page_bar.maximum())
    save(wizard, "screening-confirm")  # type: ignore[operator]
    wizard.submit()
    wait_for(lambda: wizard.result_obligations is not None)
    wizard.reject()
    wait_for(lambda: panel.wizard is None)


def shoot_education(main: object, save: object) -> None:
    """The Education list with a youth session selected, and that session open in its editor."""
    from csec_desktop.domain import EducationSession

    page = main.education_page  # type: ignore[attr-defined]
    main.sections.setCurrentRow(main.pages.indexOf(page))  # type: ignore[attr-defined]
    wait_for(lambda: page.model.rowCount() > 0)
    sessions = [
        r for r in range(page.model.rowCount()) if isinstance(page.model.entry(r), EducationSession)
    ]
    row = next((r for r in sessions if page.model.entry(r).attendee_youth_ids), sessions[0])
    page.table.selectRow(row)
    wait_for(lambda: page.open_button.isEnabled())
    save(main, "main-education")  # type: ignore[operator]
    page.open_button.click()
    editor = page.editor
    wait_for(lambda: editor is not None and editor.isVisible())
    names = editor.ui.attendeeList
    wait_for(lambda: not any(names.item(i).text().endswith("…") for i in range(names.count())))
    save(editor, "session-editor")  # type: ignore[operator]
    editor.reject()
    wait_for(lambda: page.editor is None)


def shoot_sync(access: object, config: object, save: object) -> None:
    """The Sync section of an enrolled laptop whose county server cannot be reached."""
    from csec_desktop.gui.application import AppController
    from csec_desktop.services.sync import SyncSettings
    from csec_desktop.services.vault_session import VaultSession
    from csec_desktop.store import sync_state as ss
    from csec_desktop.sync.client import RetryPolicy

    session = VaultSession.open(access.data_dir, DEMO_PASSPHRASE, actor="m.rivera")  # type: ignore[attr-defined]
    for key, value in (
        (ss.META_SERVER_URL, "http://127.0.0.1:9"),  # nothing listens: "offline" at once
        (ss.META_DEVICE_TOKEN, "demo"),
        (ss.META_USERNAME, "m.rivera"),
    ):
        session.store.set_meta(key, value)
    settings = SyncSettings(retry=RetryPolicy(attempts=1), timeout=2.0)
    controller = AppController(access, config, sync_settings=settings)  # type: ignore[arg-type]
    controller.open_session(session)
    main = controller.main_window
    assert main is not None and main.sync_page is not None
    main.resize(1100, 680)
    main.sections.setCurrentRow(main.pages.indexOf(main.sync_page))
    indicator = main.sync_indicator
    assert indicator is not None
    wait_for(lambda: indicator.text().startswith(("Offline", "Sin conexión")))
    save(main, "main-sync")  # type: ignore[operator]
    controller.quit()


def capture(scale: int, language: str) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from csec_desktop.config import AppConfig
    from csec_desktop.gui.application import AppController
    from csec_desktop.gui.common.theme import LIGHT, apply_theme
    from csec_desktop.gui.i18n import Translations
    from csec_desktop.gui.vault_access import VaultAccess
    from csec_desktop.instruments import InstrumentRegistry
    from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder
    from csec_desktop.services.vault_session import VaultSession
    from csec_desktop.vault import FLOOR_KDF_PARAMS

    app = QApplication(["csec-desktop-screenshots"])
    app.setApplicationDisplayName("CSEC Desktop")
    apply_theme(app, LIGHT)
    Translations().install(app, language)
    suffix = ("" if scale == 1 else f"@{scale}x") + ("" if language == "en" else f".{language}")
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: object, name: str) -> None:
        settle(app)
        path = OUT / f"{name}{suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(f"saved {path.relative_to(ROOT)}")

    with tempfile.TemporaryDirectory(prefix="csec-screenshots-") as tmp:
        config = AppConfig(county="Fresno", language=language, user_file=Path(tmp) / "user.toml")
        data_dir = Path(tmp) / "vault"
        access = VaultAccess(data_dir, kdf_params=FLOOR_KDF_PARAMS)

        first = AppController(access, config)
        window = first.show_first_run()
        window.resize(600, 500)
        window.ui.passphraseEdit.setText("river stones")
        save(window, "first-run")
        first.quit()

        session = VaultSession.create(data_dir, DEMO_PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS)
        instrument = InstrumentRegistry.for_data_dir(data_dir).latest(DEMO_INSTRUMENT)
        DemoSeeder(session.store, instrument, seed=11).seed(youth=60, screenings=40, sessions=6)
        session.lock()

        unlock = AppController(access, config)
        unlock_window = unlock.show_unlock()
        unlock_window.resize(480, 320)
        save(unlock_window, "unlock")
        unlock.quit()

        controller = AppController(access, config)
        session = VaultSession.open(data_dir, DEMO_PASSPHRASE, actor="caseworker")
        controller.open_session(session)
        main = controller.main_window
        assert main is not None
        main.resize(1100, 680)
        today = main.today_page
        wait_for(lambda: today.isVisible())
        settle(app)
        save(main, "main-today")  # the app opens on what needs the user
        page = main.youth_page
        page.search_edit.setText("DEMO")
        page.run_search()
        wait_for(lambda: page.model.rowCount() > 0)
        page.table.selectRow(0)
        wait_for(lambda: page.detail.edit_button.isEnabled())
        save(main, "main-youth")
        page.add_youth()
        editor = page.editor
        assert editor is not None
        save(editor, "youth-editor")
        # What a mistake looks like: the fields named, the problems in the reader's language.
        editor.ui.givenNameEdit.setText("Ana DEMO")
        editor.ui.familyNameEdit.setText("Ruiz DEMO")
        editor.ui.birthDateEdit.setText("01/01/2099")
        editor.ui.clientIdEdit.setText("A/1")
        editor.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
        wait_for(lambda: bool(editor.ui.errorLabel.text()))
        save(editor, "youth-editor-error")
        editor.reject()
        shoot_screening(page, save)
        # The youth's page after the screening: the identification it made, in the history.
        panel = page.casework.identifications
        main.sections.setCurrentRow(main.pages.indexOf(page))
        page.casework.screenings.list.setCurrentRow(0)
        wait_for(lambda: panel.list.count() > 0 and panel.selected() is None)
        save(main, "main-youth-identifications")
        main.sections.setCurrentRow(main.pages.indexOf(main.obligations_page))
        view = main.obligations_page
        view.refresh()
        wait_for(lambda: view.model.rowCount() > 0)
        view.table.selectRow(0)
        save(main, "main-obligations")
        main.sections.setCurrentRow(main.sections.count() - 1)
        save(main, "main-settings")
        shoot_education(main, save)
        controller.quit()
        shoot_sync(access, config, save)

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from screenshots_supervisor import shoot_supervisor

        shoot_supervisor(save, wait_for, OUT, suffix, language)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=(1, 2), help="one scale only")
    parser.add_argument("--language", choices=("en", "es"), default=None)
    args = parser.parse_args(argv)
    if args.scale is not None and args.language is not None:
        capture(args.scale, args.language)
        return 0
    for scale in (1, 2) if args.scale is None else (args.scale,):
        for language in ("en", "es") if args.language is None else (args.language,):
            subprocess.run(
                [sys.executable, __file__, "--scale", str(scale), "--language", language],
                check=True,
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
