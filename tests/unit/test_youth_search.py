"""Finding a youth the way a caseworker types: misspelt, accents left out, double surnames in part,
family name first — and the duplicate warning on a new record, with the same matching. Everything
runs through ``Store`` on a real encrypted vault."""

from __future__ import annotations

from datetime import date

import pytest

from csec_desktop.domain import Youth
from csec_desktop.store import Store
from csec_desktop.store.youth_search import match_score, names_match, terms_of
from tests.unit.conftest import make_youth


def _named(store: Store, given: str, family: str, **more: object) -> Youth:
    return store.save(make_youth(given_name=given, family_name=family, **more), actor="cw")


def _found(store: Store, text: str) -> list[str]:
    return [f"{y.given_name} {y.family_name}" for y in store.search_youth(text)]


@pytest.fixture
def caseload(store: Store) -> Store:
    _named(store, "María", "López")
    _named(store, "Ana", "García-López")
    _named(store, "Isabel", "Hernández Ruiz")
    _named(store, "Mark", "Stone")
    _named(store, "Dana", "Marley")
    _named(store, "Kim", "Nguyen")
    _named(store, "Catherine", "Vázquez")
    return store


def test_lopes_finds_lopez_written_with_its_accent(caseload: Store) -> None:
    assert _found(caseload, "Lopes") == ["Ana García-López", "María López"]


def test_transposed_letters_in_both_names_still_find_the_youth(caseload: Store) -> None:
    assert _found(caseload, "Mraia Lpoez") == ["María López"]
    assert _found(caseload, "hernnadez") == ["Isabel Hernández Ruiz"]


def test_either_part_of_a_double_surname_finds_the_youth(caseload: Store) -> None:
    assert _found(caseload, "garcia") == ["Ana García-López"]
    assert _found(caseload, "Ana Lopez") == ["Ana García-López"]
    assert _found(caseload, "ruiz isabel") == ["Isabel Hernández Ruiz"]
    # A hyphen typed where the record has a space, and the other way round.
    assert _found(caseload, "Hernandez-Ruiz") == ["Isabel Hernández Ruiz"]
    assert _found(caseload, "Garcia Lopez Ana") == ["Ana García-López"]


def test_family_name_typed_first_finds_the_youth(caseload: Store) -> None:
    assert _found(caseload, "Lopez Maria") == ["María López"]
    assert _found(caseload, "Nguyen Kim") == ["Kim Nguyen"]


def test_a_sound_alike_spelling_of_a_given_name_finds_the_youth(caseload: Store) -> None:
    assert _found(caseload, "Katherine Vasquez") == ["Catherine Vázquez"]


def test_prefixes_still_work_while_typing_and_exact_words_rank_first(caseload: Store) -> None:
    assert _found(caseload, "mar") == ["María López", "Dana Marley", "Mark Stone"]
    assert _found(caseload, "Lopez") == ["Ana García-López", "María López"]
    _named(caseload, "Lucía", "Lopes")
    # The exact spelling first, then the sound-alikes (by family name).
    assert _found(caseload, "Lopes") == ["Lucía Lopes", "Ana García-López", "María López"]


def test_short_words_are_not_guessed_at(caseload: Store) -> None:
    # Three letters are still being typed: "Kin" is no typo of "Kim".
    assert _found(caseload, "Kin") == []
    assert _found(caseload, "Smith") == []
    assert _found(caseload, "Lopez Smith") == []


def test_punctuation_in_the_query_is_not_an_error(caseload: Store) -> None:
    assert _found(caseload, '"*) OR 1=1 --') == []
    assert _found(caseload, "  ") == []


def test_a_renamed_youth_is_found_under_the_new_name_only(store: Store) -> None:
    youth = _named(store, "Jordan", "Okafor")
    store.save(youth.evolve(given_name="Taylor"), actor="cw")
    assert _found(store, "jordan") == []
    assert _found(store, "jordna okafor") == []
    assert _found(store, "taylor") == ["Taylor Okafor"]


def test_search_by_preferred_name(store: Store) -> None:
    _named(store, "Alejandra", "Soto", preferred_name="Ale")
    assert _found(store, "ale soto") == ["Alejandra Soto"]


# -- duplicates ----------------------------------------------------------------------------------


def _candidate(given: str, family: str, **more: object) -> Youth:
    return make_youth(given_name=given, family_name=family, **more)


def test_a_new_record_with_the_names_swapped_is_a_possible_duplicate(store: Store) -> None:
    first = _named(store, "María", "López", date_of_birth=date(2010, 3, 4))
    swapped = _candidate("Lopez", "Maria", date_of_birth=date(2010, 3, 4))
    assert [y.id for y in store.possible_duplicates(swapped)] == [first.id]


def test_a_misspelt_or_partial_double_surname_is_a_possible_duplicate(store: Store) -> None:
    first = _named(store, "Ana", "García-López", date_of_birth=date(2011, 7, 9))
    for given, family in (("Ana", "Garcia"), ("Ana", "Garsia Lopes"), ("Anna", "García López")):
        found = store.possible_duplicates(_candidate(given, family, date_of_birth=date(2011, 7, 9)))
        assert [y.id for y in found] == [first.id], (given, family)


def test_day_and_month_swapped_in_the_birth_date_is_a_possible_duplicate(store: Store) -> None:
    first = _named(store, "Kim", "Nguyen", date_of_birth=date(2012, 4, 3))
    slip = _candidate("Kim", "Nguyen", date_of_birth=date(2012, 3, 4))
    assert [y.id for y in store.possible_duplicates(slip)] == [first.id]


def test_the_same_county_client_id_is_a_possible_duplicate(store: Store) -> None:
    first = _named(store, "Kim", "Nguyen", county_client_id="0123-4567")
    other = _candidate(
        "Someone", "Else", date_of_birth=date(2008, 1, 1), county_client_id="0123-4567"
    )
    assert [y.id for y in store.possible_duplicates(other)] == [first.id]


def test_another_youth_born_the_same_day_is_not_a_duplicate(store: Store) -> None:
    _named(store, "María", "López", date_of_birth=date(2010, 3, 4))
    assert (
        store.possible_duplicates(_candidate("María", "Ortiz", date_of_birth=date(2010, 3, 4)))
        == []
    )
    assert (
        store.possible_duplicates(_candidate("Mateo", "López", date_of_birth=date(2010, 3, 4)))
        == []
    )
    assert (
        store.possible_duplicates(_candidate("María", "López", date_of_birth=date(2010, 3, 5)))
        == []
    )


def test_a_saved_youth_is_not_its_own_duplicate(store: Store) -> None:
    first = _named(store, "María", "López")
    assert store.possible_duplicates(first) == []


# -- the matching itself -------------------------------------------------------------------------


def test_terms_fold_case_accents_apostrophes_and_split_double_names() -> None:
    assert terms_of("María José García-López") == ["maria", "jose", "garcia", "lopez"]
    assert terms_of("O'Brien  Núñez") == ["obrien", "nunez"]


def test_match_scores_order_exact_prefix_sound_typo() -> None:
    assert match_score("lopez", "lopez") < match_score("lop", "lopez")  # type: ignore[operator]
    assert match_score("lopes", "lopez") is not None
    assert match_score("lpoez", "lopez") is not None
    assert match_score("lopez", "perez") is None
    assert names_match({"maria", "lopez"}, {"lopez", "maria"})
    assert not names_match({"ana"}, {"anabel", "ruiz"})  # a prefix is not the same name
