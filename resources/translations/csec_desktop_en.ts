<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Dates</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EducationPage</name>
    <message numerus="yes">
        <source>%n youth session(s)</source>
        <translation>
            <numerusform>%n youth session</numerusform>
            <numerusform>%n youth sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n training</numerusform>
            <numerusform>%n trainings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message numerus="yes">
        <source>The date of birth is more than %n years ago.</source>
        <translation>
            <numerusform>The date of birth is more than %n year ago.</numerusform>
            <numerusform>The date of birth is more than %n years ago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n character(s).</source>
        <translation>
            <numerusform>Use at most %n character.</numerusform>
            <numerusform>Use at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add at least %n.</source>
        <translation>
            <numerusform>Add at least %n.</numerusform>
            <numerusform>Add at least %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give at most %n.</source>
        <translation>
            <numerusform>Give at most %n.</numerusform>
            <numerusform>Give at most %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message numerus="yes">
        <source>Use at least %n character(s); a few ordinary words work well.</source>
        <translation>
            <numerusform>Use at least %n character; a few ordinary words work well.</numerusform>
            <numerusform>Use at least %n characters; a few ordinary words work well.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s). A short sentence only you would think of is ideal.</source>
        <translation>
            <numerusform>Use at least %n character. A short sentence only you would think of is ideal.</numerusform>
            <numerusform>Use at least %n characters. A short sentence only you would think of is ideal.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n item</numerusform>
            <numerusform>%1: %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today: %n to do</source>
        <translation>
            <numerusform>Today: %n to do</numerusform>
            <numerusform>Today: %n to do</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locks after %n min idle</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MissingPanel</name>
    <message numerus="yes">
        <source>%n earlier episode(s).</source>
        <translation>
            <numerusform>%n earlier episode.</numerusform>
            <numerusform>%n earlier episodes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The youth&apos;s return is recorded. A screening of the returning youth is due within %n hour(s). Start it now?</source>
        <translation>
            <numerusform>The youth&apos;s return is recorded. A screening of the returning youth is due within %n hour. Start it now?</numerusform>
            <numerusform>The youth&apos;s return is recorded. A screening of the returning youth is due within %n hours. Start it now?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ObligationsView</name>
    <message numerus="yes">
        <source>%n open obligation(s)</source>
        <translation>
            <numerusform>%n open obligation</numerusform>
            <numerusform>%n open obligations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown with the filters chosen.</source>
        <translation>
            <numerusform>%n shown with the filters chosen.</numerusform>
            <numerusform>%n shown with the filters chosen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message numerus="yes">
        <source>Offered for the periods the county publishes: quarters and years, %n day(s) after they end.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n screening(s) listed</source>
        <translation>
            <numerusform>%n screening listed</numerusform>
            <numerusform>%n screenings listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) waiting to sync</source>
        <translation>
            <numerusform>%n decision waiting to sync</numerusform>
            <numerusform>%n decisions waiting to sync</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message numerus="yes">
        <source>Use at least %n character(s). A short sentence only you would think of is ideal.</source>
        <translation>
            <numerusform>Use at least %n character. A short sentence only you would think of is ideal.</numerusform>
            <numerusform>Use at least %n characters. A short sentence only you would think of is ideal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new passphrase is too short, too repetitive or too common: use at least %n character(s), a few ordinary words work well.</source>
        <translation>
            <numerusform>The new passphrase is too short, too repetitive or too common: use at least %n character, a few ordinary words work well.</numerusform>
            <numerusform>The new passphrase is too short, too repetitive or too common: use at least %n characters, a few ordinary words work well.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>Submitting is blocked: %n required question(s) still to answer. Choose one to go to it.</source>
        <translation>
            <numerusform>Submitting is blocked: %n required question still to answer. Choose it to go to it.</numerusform>
            <numerusform>Submitting is blocked: %n required questions still to answer. Choose one to go to it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● marks the %n field(s) that differ.</source>
        <translation>
            <numerusform>● marks the field that differs.</numerusform>
            <numerusform>● marks the %n fields that differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamCaseload</name>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n youth to %2, for good</source>
        <translation>
            <numerusform>%1: %n youth to %2, for good</numerusform>
            <numerusform>%1: %n youth to %2, for good</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n youth covered by %2 until %3</source>
        <translation>
            <numerusform>%1: %n youth covered by %2 until %3</numerusform>
            <numerusform>%1: %n youth covered by %2 until %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s) closed</source>
        <translation>
            <numerusform>%1: %n case closed</numerusform>
            <numerusform>%1: %n cases closed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>%n item(s) need you</source>
        <translation>
            <numerusform>%n item needs you</numerusform>
            <numerusform>%n items need you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n returned by your supervisor</source>
        <translation>
            <numerusform>%n returned by your supervisor</numerusform>
            <numerusform>%n returned by your supervisor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n youth missing from care</source>
        <translation>
            <numerusform>%n youth missing from care</numerusform>
            <numerusform>%n youth missing from care</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message numerus="yes">
        <source>%n wrong attempt(s) in a row.</source>
        <translation>
            <numerusform>%n wrong attempt in a row.</numerusform>
            <numerusform>%n wrong attempts in a row.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For your security, wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>For your security, wait %n second before trying again.</numerusform>
            <numerusform>For your security, wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YouthDetail</name>
    <message numerus="yes">
        <source>%n screening(s)</source>
        <translation>
            <numerusform>%n screening</numerusform>
            <numerusform>%n screenings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing-from-care episode(s)</source>
        <translation>
            <numerusform>%n missing-from-care episode</numerusform>
            <numerusform>%n missing-from-care episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n education session(s) attended</source>
        <translation>
            <numerusform>%n education session attended</numerusform>
            <numerusform>%n education sessions attended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open obligation(s)</source>
        <translation>
            <numerusform>%n open obligation</numerusform>
            <numerusform>%n open obligations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YouthEditor</name>
    <message numerus="yes">
        <source>Possible duplicate: %n youth already in this vault may be the same person: a similar name (allowing for typos and spellings) and the same date of birth, or the same client ID. %1. Check before saving: choose Save anyway to add a new record, or Cancel.</source>
        <translation>
            <numerusform>Possible duplicate: %n youth already in this vault may be the same person: a similar name (allowing for typos and spellings) and the same date of birth, or the same client ID. %1. Check before saving: choose Save anyway to add a new record, or Cancel.</numerusform>
            <numerusform>Possible duplicates: %n youth already in this vault may be the same person: a similar name (allowing for typos and spellings) and the same date of birth, or the same client ID. %1. Check before saving: choose Save anyway to add a new record, or Cancel.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YouthPage</name>
    <message numerus="yes">
        <source>Your caseload: %n youth. Type a name, a date of birth or a county client ID to search; click a column heading to sort.</source>
        <translation>
            <numerusform>Your caseload: %n youth. Type a name, a date of birth or a county client ID to search; click a column heading to sort.</numerusform>
            <numerusform>Your caseload: %n youth. Type a name, a date of birth or a county client ID to search; click a column heading to sort.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the best %n matches. Type more of the name to narrow the search.</source>
        <translation>
            <numerusform>Showing the best match. Type more of the name to narrow the search.</numerusform>
            <numerusform>Showing the best %n matches. Type more of the name to narrow the search.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n youth found, closest matches first.</source>
        <translation>
            <numerusform>%n youth found.</numerusform>
            <numerusform>%n youth found, closest matches first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YouthTableModel</name>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n overdue)</source>
        <translation>
            <numerusform>(%n overdue)</numerusform>
            <numerusform>(%n overdue)</numerusform>
        </translation>
    </message>
</context>
</TS>
