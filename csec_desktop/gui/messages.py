"""Plain, translated sentences for the errors a window can meet. Never a traceback, never record
content: the vault's and store's errors name files by file name only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def error_message(error: BaseException) -> str:
    """One or two sentences for ``error``, in the current language."""
    # Imported here, not at the top: the unlock window uses this module and is shown before the
    # vault, the store and the services are loaded (start-up time).
    from csec_desktop.services.errors import (
        Conflict,
        IncompleteScreening,
        InvalidAnswers,
        InvalidInput,
        InvalidState,
        NotEditable,
        NotFound,
        OverrideNeedsReason,
        ServiceError,
        UnknownInstrumentError,
    )
    from csec_desktop.store import StoreClosed, StoreDamaged, StoreError
    from csec_desktop.vault import (
        KeyFileAccessError,
        KeyFileDamaged,
        KeyFileMissing,
        UnsupportedKeyFileVersion,
        VaultError,
        WrongPassphrase,
    )

    if isinstance(error, WrongPassphrase):
        return QCoreApplication.translate("Messages", "The passphrase is not correct.")
    if isinstance(error, KeyFileDamaged):
        return QCoreApplication.translate(
            "Messages",
            "The key file {file} is damaged or was changed, so the vault cannot be opened. "
            "Nothing was deleted. Contact county IT: they can restore it from a backup or "
            "recover it with the county recovery key.",
        ).format(file=error.path.name)
    if isinstance(error, StoreDamaged):
        return QCoreApplication.translate(
            "Messages",
            "The database file {file} is damaged or does not belong to this vault. "
            "Nothing was deleted. Contact county IT.",
        ).format(file=error.file_name)
    if isinstance(error, UnsupportedKeyFileVersion):
        return QCoreApplication.translate(
            "Messages",
            "The key file {file} was written by a newer version of CSEC Desktop. "
            "Install the current version.",
        ).format(file=error.path.name)
    if isinstance(error, KeyFileMissing):
        return QCoreApplication.translate(
            "Messages", "There is no key file {file} in the vault's folder."
        ).format(file=error.path.name)
    if isinstance(error, KeyFileAccessError):
        return QCoreApplication.translate(
            "Messages", "The key file {file} cannot be read or written: {reason}"
        ).format(file=error.path.name, reason=error.reason)
    if isinstance(error, StoreClosed):
        return QCoreApplication.translate(
            "Messages", "The vault is locked. Unlock it and try again."
        )
    if isinstance(error, Conflict):
        return QCoreApplication.translate(
            "Messages",
            "This record was changed since you opened it. Close it and open it again to see "
            "the current version.",
        )
    if isinstance(error, NotFound):
        return QCoreApplication.translate("Messages", "This record no longer exists in the vault.")
    # The services' own refusals, worded here so they read in the chosen language (their English
    # message stays for the log and the command line).
    if isinstance(error, NotEditable):
        return QCoreApplication.translate(
            "Messages",
            "This record can no longer be changed here: it was submitted or approved meanwhile. "
            "Close it and open it again to see where it stands.",
        )
    if isinstance(error, InvalidState):
        return QCoreApplication.translate(
            "Messages",
            "This cannot be done now: the record is no longer in the state it was in when you "
            "opened it. Close it and open it again.",
        )
    if isinstance(error, IncompleteScreening):
        return QCoreApplication.translate(
            "Messages",
            "The screening is not complete: answer or correct the questions listed on the "
            "summary page, then submit it again.",
        )
    if isinstance(error, OverrideNeedsReason):
        return QCoreApplication.translate(
            "Messages",
            "You chose a category other than the proposed one: write the reason, then submit.",
        )
    if isinstance(error, InvalidAnswers):
        return QCoreApplication.translate(
            "Messages",
            "Some answers do not fit this screening's questions and were not saved. Check the "
            "marked questions.",
        )
    if isinstance(error, UnknownInstrumentError):
        return QCoreApplication.translate(
            "Messages",
            "The screening instrument this record uses is not installed on this laptop. "
            "Contact county IT.",
        )
    if isinstance(error, InvalidInput) and error.details:
        from csec_desktop.gui.field_messages import problem_text

        return " ".join(problem_text(problem) for problem in error.details)
    if isinstance(error, InvalidInput | ServiceError | VaultError | StoreError):
        return str(error)  # already one plain line without personal data (services/errors.py)
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "Messages", "The computer refused a file operation: {reason}"
        ).format(reason=error.strerror or type(error).__name__)
    return QCoreApplication.translate(
        "Messages", "Something unexpected went wrong ({kind}). Nothing was deleted."
    ).format(kind=type(error).__name__)
