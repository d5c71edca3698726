"""Name search that forgives typing, and the duplicate check, among 50,000 youth (encrypted vault).

The youth have realistic California names: given and family names from common English and Spanish
ones, accents as families write them, a fifth with a double surname (hyphenated or not), some
with a preferred name. The queries are what a caseworker types: whole names, prefixes while
typing, a transposed letter, a sound-alike spelling (Lopes for López), family name first, one
part of a double surname. The duplicate check is the one run before a new youth is saved.

Figures: the median time of each kind of query and of the duplicate check (target <= 20 ms each),
and the size of the name index. Run: ``make bench`` or ``.venv/bin/python bench/bench_search.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from common import report  # type: ignore[import-not-found]

from csec_desktop.domain import Youth
from csec_desktop.store import Store

YOUTH = 50_000
REPEATS = 200
GIVEN = [
    "María",
    "José",
    "Ana",
    "Sofía",
    "Isabella",
    "Camila",
    "Valentina",
    "Lucía",
    "Ximena",
    "Daniela",
    "Gabriela",
    "Andrea",
    "Fernanda",
    "Alejandra",
    "Jessica",
    "Ashley",
    "Brianna",
    "Destiny",
    "Jasmine",
    "Kayla",
    "Aaliyah",
    "Hannah",
    "Emily",
    "Madison",
    "Olivia",
    "Emma",
    "Mía",
    "Natalia",
    "Yesenia",
    "Guadalupe",
    "Juan",
    "Luis",
    "Carlos",
    "Jesús",
    "Miguel",
    "Ángel",
    "Jorge",
    "Alejandro",
    "Diego",
    "Mateo",
    "Santiago",
    "Adrián",
    "Christopher",
    "Anthony",
    "Joshua",
    "Daniel",
    "David",
    "Kevin",
    "Brandon",
    "Jayden",
    "Elijah",
    "Isaiah",
    "Jordan",
    "Taylor",
    "Alex",
    "Kim",
    "Thanh",
    "Minh",
    "Bao",
    "Tuan",
    "Mai",
]
FAMILY = [
    "García",
    "López",
    "Hernández",
    "Martínez",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Flores",
    "Torres",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutiérrez",
    "Ortiz",
    "Chávez",
    "Ruiz",
    "Álvarez",
    "Castillo",
    "Jiménez",
    "Vázquez",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Mendoza",
    "Castro",
    "Vargas",
    "Ramos",
    "Delgado",
    "Guerrero",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Kim",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Thomas",
    "Jackson",
    "White",
    "Harris",
    "Martin",
    "Thompson",
    "Moore",
    "Young",
    "Allen",
    "Washington",
    "Okafor",
]
QUERIES: dict[str, Callable[[Youth, random.Random], str]] = {}


def query(kind: str) -> Callable[[Callable[[Youth, random.Random], str]], None]:
    def register(make: Callable[[Youth, random.Random], str]) -> None:
        QUERIES[kind] = make

    return register


def _plain(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@query("whole name, given then family")
def _whole(youth: Youth, rng: random.Random) -> str:
    return f"{youth.given_name} {youth.family_name.split()[0]}"


@query("prefixes while typing ('Mar Lo')")
def _prefixes(youth: Youth, rng: random.Random) -> str:
    return f"{youth.given_name[:3]} {youth.family_name[:2]}"


@query("two letters transposed in the family name")
def _transposed(youth: Youth, rng: random.Random) -> str:
    family = _plain(youth.family_name.split()[0].split("-")[0])
    i = rng.randrange(1, max(2, len(family) - 1))
    swapped = family[:i] + family[i + 1 : i + 2] + family[i : i + 1] + family[i + 2 :]
    return f"{youth.given_name} {swapped}"


@query("sound-alike spelling without accents ('Lopes')")
def _sound_alike(youth: Youth, rng: random.Random) -> str:
    family = _plain(youth.family_name.split()[0].split("-")[0])
    respelt = family.replace("z", "s") if "z" in family else family.replace("s", "z")
    return f"{_plain(youth.given_name)} {respelt}"


@query("family name first")
def _family_first(youth: Youth, rng: random.Random) -> str:
    return f"{youth.family_name} {youth.given_name}"


@query("one word only, a common family name")
def _one_word(youth: Youth, rng: random.Random) -> str:
    return youth.family_name.split()[0].split("-")[0]


def make_youth(rng: random.Random) -> Youth:
    family = rng.choice(FAMILY)
    if rng.random() < 0.2:
        family += rng.choice((" ", "-")) + rng.choice(FAMILY)
    return Youth(
        given_name=rng.choice(GIVEN),
        family_name=family,
        preferred_name=rng.choice(GIVEN) if rng.random() < 0.1 else None,
        date_of_birth=date(2005, 1, 1) + timedelta(days=rng.randrange(6500)),
        county="Fresno",
    )


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    rng = random.Random(15)
    with tempfile.TemporaryDirectory(prefix="csec-bench-search-") as tmp:
        store = Store(Path(tmp) / "vault.db", os.urandom(32), create=True)
        started = time.perf_counter()
        people = [make_youth(rng) for _ in range(YOUTH)]
        for start in range(0, YOUTH, 500):
            store.save_many(people[start : start + 500], actor="bench")
        seeded = time.perf_counter() - started
        timings: dict[str, list[float]] = {}
        for kind, make in QUERIES.items():
            for _ in range(REPEATS):
                text = make(rng.choice(people), rng)
                timings.setdefault(kind, []).append(timed(lambda t=text: store.search_youth(t)))
        newcomers = [make_youth(rng) for _ in range(REPEATS)]
        duplicates = [timed(lambda y=y: store.possible_duplicates(y)) for y in newcomers]

        def sizes() -> tuple[int, int]:
            conn = store._connection()
            terms = conn.execute("SELECT count(*) FROM youth_name_terms").fetchone()[0]
            keys = conn.execute("SELECT count(*) FROM name_variants").fetchone()[0]
            return terms, keys

        terms, keys = store.call(sizes)
        store.close()

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{YOUTH:,} youth, encrypted vault; medians of {REPEATS} queries each; load {load}")
    report("  saving the youth (index kept as they are saved)", seeded, "s")
    for kind, values in timings.items():
        report(f"  search: {kind}", statistics.median(values) * 1000, "ms", "<= 20 ms")
    everything = [value for values in timings.values() for value in values]
    report("  search: slowest query of all", max(everything) * 1000, "ms")
    report("  duplicate check before saving a new youth", statistics.median(duplicates) * 1000,
           "ms", "<= 20 ms")  # fmt: skip
    report("  name index: youth-term rows", terms, "rows")
    report("  name index: vocabulary keys (grow with distinct names)", keys, "rows")


if __name__ == "__main__":
    main()
