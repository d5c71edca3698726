"""What a caseworker learns, in words, and the answers it gives on each shipped instrument.

A case lists facts; the driver answers the instrument from them alone: every other required
question gets the least concerning answer a caseworker would give when nothing points the other
way ("no", "no concern", 0). No case names an item id.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import JsonValue

CSEC = "ca-csec-eligibility-risk"
LABOR = "child-labor-trafficking-screen"


class Fact(StrEnum):
    # Commercial sexual exploitation: has it ever happened?
    PRESSURED_INTO_SEX_FOR_MONEY = "someone pressured her into sex acts for money"
    SEXUAL_IMAGES_SOLD = "someone sold sexual images of the youth"
    SEX_FOR_A_PLACE_TO_STAY = "traded sex for a place to stay"
    PAID_FOR_SEX = "was paid for sex acts"
    DECLINED_WHETHER_PAID = "declined to say whether anyone paid for sex acts"
    NOT_KNOWN_WHETHER_PAID = "nobody knows whether anyone paid for sex acts"
    NOT_KNOWN_WHETHER_IMAGES_SOLD = "nobody knows whether sexual images of the youth were sold"
    # When.
    BEFORE_ENTERING_CARE = "it happened before the youth entered care"
    WHILE_IN_PLACEMENT = "it happened while the youth lived in a placement"
    WHILE_MISSING = "it happened while the youth was missing from placement"
    TIMING_NOT_KNOWN = "when it happened is not known"
    HAPPENING_NOW = "it is happening now"
    HAS_STOPPED = "it has stopped"
    NOT_KNOWN_IF_STILL_HAPPENING = "nobody knows whether it is still happening"
    NEW_INCIDENT_SINCE_REPORT = "it happened again since the last report"
    NO_NEW_INCIDENT = "nothing new since the last report"
    NOT_KNOWN_IF_NEW_INCIDENT = "nobody knows whether anything happened since the last report"
    # Risk signs.
    MUCH_OLDER_PARTNER = "has a much older boyfriend"
    UNEXPLAINED_MONEY = "has money nobody can explain"
    SEVERAL_PHONES = "carries several phones"
    HOTEL_KEYS = "was found with motel keys"
    RAN_AWAY_TWICE_THIS_YEAR = "ran away twice this year, overnight"
    SCREENER_POSSIBLY_CONCERNED = "the screener is somewhat worried"
    SCREENER_CLEARLY_CONCERNED = "the screener is clearly worried"
    # Labor trafficking.
    WORKS_ON_A_FARM = "works on a farm for someone outside the family"
    WORKS_LONG_HOURS = "works long hours on school days"
    MADE_TO_WORK_OFF_A_DEBT = "is made to work off a debt for the trip"
    PAPERS_KEPT_BY_EMPLOYER = "the employer keeps the youth's papers"
    MADE_TO_SELL_DRUGS = "is made to sell drugs for an adult"
    LABOR_HAPPENING_NOW = "the forced work is going on now"
    LABOR_HAS_STOPPED = "the forced work has stopped"


# (item, answer) per fact, per instrument. Timings are collected into the one timing question.
_CSEC: dict[Fact, dict[str, JsonValue]] = {
    Fact.PRESSURED_INTO_SEX_FOR_MONEY: {"induced_commercial_sex": "yes"},
    Fact.SEXUAL_IMAGES_SOLD: {"sexual_images_for_gain": "yes"},
    Fact.SEX_FOR_A_PLACE_TO_STAY: {"sex_for_food_or_shelter": "yes"},
    Fact.PAID_FOR_SEX: {"paid_for_sexual_acts": "yes"},
    Fact.DECLINED_WHETHER_PAID: {"paid_for_sexual_acts": "declined"},
    Fact.NOT_KNOWN_WHETHER_PAID: {"paid_for_sexual_acts": "unknown"},
    Fact.NOT_KNOWN_WHETHER_IMAGES_SOLD: {"sexual_images_for_gain": "unknown"},
    Fact.HAPPENING_NOW: {"exploitation_current": "yes"},
    Fact.HAS_STOPPED: {"exploitation_current": "no"},
    Fact.NOT_KNOWN_IF_STILL_HAPPENING: {"exploitation_current": "unknown"},
    Fact.NEW_INCIDENT_SINCE_REPORT: {"new_incident_since_report": "yes"},
    Fact.NO_NEW_INCIDENT: {"new_incident_since_report": "no"},
    Fact.NOT_KNOWN_IF_NEW_INCIDENT: {"new_incident_since_report": "unknown"},
    Fact.MUCH_OLDER_PARTNER: {"much_older_partner": "yes"},
    Fact.UNEXPLAINED_MONEY: {"unexplained_money": "yes"},
    Fact.SEVERAL_PHONES: {"several_phones": "yes"},
    Fact.HOTEL_KEYS: {"hotel_keys_or_receipts": "yes"},
    Fact.RAN_AWAY_TWICE_THIS_YEAR: {
        "ever_missing": "yes",
        "missing_episodes_past_year": 2,
        "missing_overnight": "yes",
        "whereabouts_unexplained": "no",
        "found_far_or_in_hotel": "no",
    },
    Fact.SCREENER_POSSIBLY_CONCERNED: {"screener_concern": "possible_concern"},
    Fact.SCREENER_CLEARLY_CONCERNED: {"screener_concern": "clear_concern"},
}
_LABOR: dict[Fact, dict[str, JsonValue]] = {
    Fact.BEFORE_ENTERING_CARE: {},
    Fact.NEW_INCIDENT_SINCE_REPORT: {"labor_new_incident_since_report": "yes"},
    Fact.NO_NEW_INCIDENT: {"labor_new_incident_since_report": "no"},
    Fact.WORKS_ON_A_FARM: {"does_work": "yes", "kind_of_work": ["agriculture"]},
    Fact.WORKS_LONG_HOURS: {"long_or_late_hours": "yes"},
    Fact.MADE_TO_WORK_OFF_A_DEBT: {"forced_labor_or_services": "yes", "unpaid_or_in_debt": "yes"},
    Fact.PAPERS_KEPT_BY_EMPLOYER: {"papers_kept": "yes"},
    Fact.MADE_TO_SELL_DRUGS: {"made_to_commit_crimes": "yes"},
    Fact.LABOR_HAPPENING_NOW: {"labor_exploitation_current": "yes"},
    Fact.LABOR_HAS_STOPPED: {"labor_exploitation_current": "no"},
    Fact.SCREENER_POSSIBLY_CONCERNED: {"screener_concern": "possible_concern"},
    Fact.SCREENER_CLEARLY_CONCERNED: {"screener_concern": "clear_concern"},
}
_TIMINGS = {
    Fact.BEFORE_ENTERING_CARE: "before_care",
    Fact.WHILE_IN_PLACEMENT: "while_in_care",
    Fact.WHILE_MISSING: "while_absent",
    Fact.TIMING_NOT_KNOWN: "unknown",
}
_TIMING_ITEM = {CSEC: "exploitation_timing", LABOR: "labor_timing"}
# Asked only when something happened; a case must say (never assumed "no").
_NEVER_ASSUMED = frozenset(
    {
        "exploitation_current",
        "new_incident_since_report",
        "labor_exploitation_current",
        "labor_new_incident_since_report",
    }
)
# The least concerning answers, for the required questions no fact speaks to.
_QUIET: dict[str, dict[str, JsonValue]] = {
    CSEC: {"information_sources": ["youth", "case_record"]},
    LABOR: {"does_work": "no"},
}


def answers_for(
    instrument_id: str, facts: frozenset[Fact], items: dict[str, str]
) -> dict[str, JsonValue]:
    """The answers a caseworker gives ``instrument_id`` knowing ``facts``. ``items`` maps each
    item id of the instrument to its response type, for the quiet answers."""
    table = _CSEC if instrument_id == CSEC else _LABOR
    answers: dict[str, JsonValue] = {}
    for item_id, kind in items.items():
        if item_id in _NEVER_ASSUMED:
            continue
        if kind == "yes_no_unknown":
            answers[item_id] = "no"
        elif kind == "concern":
            answers[item_id] = "no_concern"
        elif kind == "number":
            answers[item_id] = 0
    answers.update(_QUIET[instrument_id])
    for fact in sorted(facts):
        if fact in _TIMINGS:
            continue
        if fact not in table:
            raise ValueError(f"the fact '{fact}' says nothing on {instrument_id}")
        answers.update(table[fact])
    timings = [_TIMINGS[f] for f in sorted(facts) if f in _TIMINGS]
    if timings:
        answers[_TIMING_ITEM[instrument_id]] = timings
    return answers
