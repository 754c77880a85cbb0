"""A synthetic council (or many) written as 903 CSVs and local extracts.

Nothing here is real: child ids are random numbers, postcodes use areas that do not exist
(XX, YY and Q-prefixed ones), IROs and advisers are numbered roles. The files go through the
same importer as a council's own, so the demo exercises the real path. The same seed gives the
same files, whatever the date: the extract is taken on a fixed day.
"""
from __future__ import annotations

import csv
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from data.measures.calendar import add_months, add_working_days

LAST_YEAR = 2026  # the last complete collection year: April 2025 to March 2026
EXTRACT_DATE = date(2026, 9, 30)  # data runs six months into 2026-27
ENTRY_AGES = ((0, 0.20), (1, 0.07), (3, 0.08), (6, 0.16), (10, 0.22), (13, 0.17), (16, 0.10))
ETHNIC_WEIGHTS = (("WBRI", 64), ("WOTH", 4), ("WIRT", 1), ("WROM", 1), ("MWBC", 4), ("MWBA", 2),
                  ("MWAS", 1), ("MOTH", 3), ("AIND", 1), ("APKN", 2), ("ABAN", 1), ("AOTH", 2),
                  ("BCRB", 2), ("BAFR", 4), ("BOTH", 2), ("CHNE", 1), ("OOTH", 3), ("REFU", 1),
                  ("NOBT", 1))
UASC_ETHNIC = (("AOTH", 30), ("BAFR", 30), ("OOTH", 30), ("BOTH", 10))
PN_WEIGHTS = (("PN1", 40), ("PN2", 10), ("PN3", 5), ("PN4", 5), ("PN5", 10), ("PN6", 23), ("PN7", 7))
ESCALATION_CATEGORIES = (("ADMIN_REPORT", 15), ("ADMIN_CAREPLAN", 12), ("ADMIN_OTHER", 5),
                         ("PERMANENCE", 18), ("PLACEMENT", 12), ("HEALTH", 5), ("EDUCATION", 8),
                         ("CONTACT", 8), ("SAFEGUARDING", 5), ("LEGAL", 4), ("RECOMMENDATION", 6),
                         ("OTHER", 2))
STAGES = (("INFORMAL", 50), ("1", 28), ("2", 13), ("3", 6), ("4", 3))
SOCIAL_WORK_TEAMS = ("North", "Central", "South")
NEET_CODES, EET_CODES = ("G4", "G5", "G6"), ("F2", "P2", "F4", "F5", "P5", "F1")


@dataclass(frozen=True)
class DemoSpec:
    children: int = 350  # in care at any time, across all councils
    years: int = 5
    seed: int = 1
    councils: int = 1
    council_code: str = "999"
    districts: tuple[str, ...] = ("XX1", "XX2", "XX3", "XX4", "XX5", "XX6", "XX7", "XX8", "XX9")


@dataclass
class Tables:
    """Rows for each output file, as lists of cells in the file's column order."""

    rows: dict[str, list[list]] = field(default_factory=dict)

    def add(self, name: str, row: list) -> None:
        self.rows.setdefault(name, []).append(row)


COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "iros": ["IRO_ID", "NAME", "TEAM", "FTE", "START", "END"],
    "iro_allocations": ["CHILD", "IRO_ID", "START", "END"],
    "escalations": ["ESCALATION_ID", "CHILD", "IRO_ID", "RAISED", "HIGHEST_STAGE", "CATEGORY",
                    "RESOLVED", "OUTCOME", "CAFCASS"],
    "eet_status": ["CHILD", "STATUS_DATE", "ACTIV", "ADVISER"],
    "feedback": ["CHILD", "REVIEW", "RESPONDENT", "RETURNED", "ADVOCATE_OFFERED", "CHILD_CHAIRED"],
    "midway": ["CHILD", "CHECK_DATE"],
    "child_teams": ["CHILD", "TEAM", "START", "END"],
    "postcode_centroids": ["POSTCODE", "LAT", "LON"],
}
LOCAL_FILES = {"iros", "iro_allocations", "escalations", "eet_status", "feedback", "midway",
               "child_teams", "postcode_centroids"}


def write_demo(spec: DemoSpec, out: Path, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Generate every council and write the files; returns the paths written."""
    rng = random.Random(spec.seed)
    say = progress or (lambda _m: None)
    geography = Geography(rng, spec)
    tables = Tables()
    per_council = max(1, spec.children // spec.councils)
    used_ids: set[str] = set()
    for index, code in enumerate(geography.council_codes):
        CouncilSim(rng, spec, code, index, per_council, geography, tables, used_ids).run()
        if spec.councils > 1 and (index + 1) % 10 == 0:
            say(f"generated {index + 1} of {spec.councils} councils")
    for postcode, (lat, lon) in sorted(geography.centroids.items()):
        tables.add("postcode_centroids", [None, postcode, f"{lat:.5f}", f"{lon:.5f}"])
    return _write(tables, spec, out, say)


def _write(tables: Tables, spec: DemoSpec, out: Path, say) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    regional = spec.councils > 1
    written = []
    for name, rows in tables.rows.items():
        if name == "oc3":
            by_year: dict[int, list] = {}
            for row in rows:
                by_year.setdefault(row[1], []).append([row[0]] + row[2:])
            for year, year_rows in sorted(by_year.items()):
                written.append(_write_file(out / f"{year}-oc3.csv", name, year_rows, regional, name))
        else:
            written.append(_write_file(out / f"{name}.csv", name, rows, regional, name))
        say(f"wrote {name}: {len(rows):,} rows")
    return written


def _write_file(path: Path, name: str, rows: list[list], regional: bool, table: str) -> Path:
    iso = table in LOCAL_FILES  # local extracts in ISO dates, 903 files as the DfE writes them
    by_council = table != "postcode_centroids"
    header = (["LA"] if regional and by_council else []) + COLUMNS[name]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            cells = [_cell(v, iso) for v in row[1:]]
            writer.writerow(([row[0]] if regional and by_council else []) + cells)
    return path


def _cell(value, iso: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat() if iso else value.strftime("%d/%m/%Y")
    return str(value)


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


class Geography:
    """Council centres, their postcode districts, and centroids for every postcode handed out."""

    def __init__(self, rng: random.Random, spec: DemoSpec):
        self.rng = rng
        self.council_codes = [spec.council_code] + [str(900 - i) for i in range(1, spec.councils)]
        self.districts: dict[str, list[tuple[str, float, float]]] = {}
        self.centroids: dict[str, tuple[float, float]] = {}
        for index, code in enumerate(self.council_codes):
            lat, lon = self._centre(index)
            names = list(spec.districts) if index == 0 else self._district_names(index)
            self.districts[code] = [(d, lat + rng.uniform(-0.08, 0.08), lon + rng.uniform(-0.12, 0.12))
                                    for d in names]
        # Districts far from every council, for placements a long way from home, and a ring of
        # neighbouring districts 8 to 18 miles out, outside the area but not far.
        self.far = [(f"YY{n}", rng.uniform(50.6, 54.8), rng.uniform(-3.8, 0.9)) for n in range(1, 41)]
        # Named like real districts (at most 4 characters, so a postcode fits the 903's 8).
        self.near = {code: [(f"N{chr(65 + index % 26)}{chr(65 + index // 26)}{n}", lat + 0.2 * math.sin(n),
                             lon + 0.3 * math.cos(n)) for n in range(1, 10)]
                     for index, code in enumerate(self.council_codes)
                     for lat, lon in [self._centre(index)]}

    @staticmethod
    def _centre(index: int) -> tuple[float, float]:
        if index == 0:
            return 52.48, -1.90
        row, col = divmod(index, 12)
        return 50.8 + (row % 13) * 0.3, -3.6 + col * 0.38

    @staticmethod
    def _district_names(index: int) -> list[str]:
        letter = chr(ord("A") + (index - 1) % 25)
        block = (index - 1) // 25
        return [f"Q{letter}{block * 9 + n}" for n in range(1, 10)]

    def postcode(self, council: str, far: bool = False, near_other: bool = False) -> str:
        if far:
            district = self.rng.choice(self.far)
        elif near_other:
            district = self.rng.choice(self.near[council])
        else:
            district = self.rng.choice(self.districts[council])
        name, lat, lon = district
        unit = f"{self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
               f"{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        postcode = f"{name} {unit}"
        if postcode not in self.centroids:
            self.centroids[postcode] = (lat + self.rng.uniform(-0.01, 0.01), lon + self.rng.uniform(-0.015, 0.015))
        return postcode

    def unresolvable_postcode(self) -> str:
        """A well-formed postcode missing from the centroid file (as happens with new builds)."""
        return f"YY99 {self.rng.randint(1, 9)}ZZ"


@dataclass
class Episode:
    start: date
    ls: str
    place: str
    provider: str
    pl_post: str
    rne: str
    end: date | None = None
    rec: str | None = None


class CouncilSim:
    """Children entering and leaving one council's care, and everything recorded about them."""

    def __init__(self, rng, spec: DemoSpec, code: str, index: int, in_care: int, geography: Geography,
                 tables: Tables, used_ids: set[str]):
        self.rng, self.spec, self.code, self.index = rng, spec, code, index
        self.in_care, self.geo, self.tables, self.used_ids = in_care, geography, tables, used_ids
        self.window_start = date(LAST_YEAR - spec.years, 4, 1)
        self.iros = self._make_iros()
        self.escalation_number = 0

    # --- the population ----------------------------------------------------------------------

    def run(self) -> None:
        mean_years = 3.5  # time in care of the mix below: gives about `in_care` at each 31 March
        entrants_per_year = self.in_care / mean_years
        first_entry = self.window_start - timedelta(days=365 * 18)
        span_days = (EXTRACT_DATE - first_entry).days
        count = int(entrants_per_year * span_days / 365)
        for _ in range(count):
            entry = first_entry + timedelta(days=self.rng.randrange(span_days))
            self._child(entry)

    def _child(self, entry: date) -> None:
        rng = self.rng
        age_floor = _pick(rng, [(a, w) for a, w in ENTRY_AGES])
        age_days = age_floor * 365 + rng.randrange(365 if age_floor < 16 else 700)
        dob = entry - timedelta(days=age_days)
        eighteenth = _birthday(dob, 18)
        short_breaks = rng.random() < 0.03 and age_floor >= 3
        uasc = not short_breaks and age_floor >= 13 and rng.random() < 0.30
        periods = self._periods(entry, dob, eighteenth, uasc)
        if short_breaks:
            periods = self._short_break_periods(entry, eighteenth)
        last_end = periods[-1][-1].end
        left_before_window = last_end is not None and last_end < self.window_start
        if left_before_window and (last_end - dob).days < 16 * 365:
            return  # not in any return we write
        child = self._new_id()
        sex = "M" if rng.random() < (0.9 if uasc else 0.55) else "F"
        ethnic = _pick(rng, UASC_ETHNIC if uasc else ETHNIC_WEIGHTS)
        self.tables.add("header", [self.code, child, sex, dob, ethnic, None,
                                   "0" if sex == "F" and age_floor >= 12 else None, None])
        if uasc:
            self.tables.add("uasc", [self.code, child, sex, dob, eighteenth])
        if left_before_window:  # a care leaver: in the returns for OC3 only
            self._care_leaver(child, dob, periods[-1][-1])
            return
        home = self.geo.postcode(self.code)
        for episodes in periods:
            self._write_episodes(child, home, episodes, age_floor)
            if not short_breaks:
                self._period_records(child, dob, episodes)
        self._care_leaver(child, dob, periods[-1][-1])
        if age_floor >= 10 and rng.random() < 0.06:
            self._missing(child, dob, periods[0][0].start, periods[-1][-1].end)

    def _new_id(self) -> str:
        while True:
            child = str(self.rng.randrange(100000, 9999999))
            if child not in self.used_ids:
                self.used_ids.add(child)
                return child

    def _periods(self, entry: date, dob: date, eighteenth: date, uasc: bool) -> list[list[Episode]]:
        periods = [self._period(entry, dob, eighteenth, uasc)]
        last = periods[-1][-1]
        # Some children go home and come back into care.
        if last.rec in ("E4A", "E4B", "E13") and self.rng.random() < 0.12:
            again = last.end + timedelta(days=self.rng.randint(30, 700))
            if again < min(eighteenth, EXTRACT_DATE) - timedelta(days=30):
                periods.append(self._period(again, dob, eighteenth, uasc))
        return periods

    def _period(self, start: date, dob: date, eighteenth: date, uasc: bool) -> list[Episode]:
        rng = self.rng
        kind = rng.random()
        if kind < 0.45:
            length = rng.randint(2, 180)
        elif kind < 0.73:
            length = rng.randint(180, 1100)
        else:
            length = 20000  # until 18
        end = start + timedelta(days=length)
        reaches_18 = end >= eighteenth
        end = min(end, eighteenth)
        age_at_start = (start - dob).days / 365.25
        ls = "V2" if uasc or rng.random() < 0.30 else ("C1" if rng.random() < 0.9 else rng.choice(("L1", "L2", "J1")))
        adoption = ls == "C1" and age_at_start < 4 and not reaches_18 and rng.random() < 0.45
        if adoption:
            end = start + timedelta(days=rng.randint(420, 900))
        instability = rng.choices((0.12, 0.6, 2.5), (75, 18, 7))[0]  # placement moves a year
        episodes = [self._placement(start, dob, ls, "S", adoption=False)]
        day = start
        while True:
            previous_day = day
            day = day + timedelta(days=max(1, int(rng.expovariate(instability) * 365)))
            if adoption and episodes[-1].ls != "E1" and day > start + timedelta(days=360):
                day = max(previous_day + timedelta(days=1), start + timedelta(days=rng.randint(241, 360)))
            elif episodes[-1].ls == "C1" and day > start + timedelta(days=400):
                # Interim care orders become full care orders (or end) within about a year.
                day = max(previous_day + timedelta(days=1), start + timedelta(days=rng.randint(120, 400)))
            if day >= end or day > EXTRACT_DATE:
                break
            episodes[-1].end, episodes[-1].rec = day, "X1"
            episodes.append(self._next_episode(episodes[-1], day, dob, start, adoption))
        if end <= EXTRACT_DATE:
            episodes[-1].end = end
            episodes[-1].rec = self._exit_reason(age_at_start, reaches_18, episodes[-1])
        return episodes

    def _next_episode(self, previous: Episode, day: date, dob: date, start: date, adoption: bool) -> Episode:
        """A placement move, a change of legal status, or both (RNE P, T, L, B or U)."""
        rng = self.rng
        if adoption and previous.ls != "E1" and day > start + timedelta(days=240):
            return self._placement(day, dob, "E1", "B", adoption=True)
        legal_change = previous.ls in ("C1", "L1", "L2", "J1") and rng.random() < (0.85 if previous.ls == "C1" else 0.5)
        new_ls = ("C2" if previous.ls != "J1" else "V2") if legal_change else previous.ls
        moves = not legal_change or rng.random() < 0.4
        if not moves:
            return Episode(day, new_ls, previous.place, previous.provider, previous.pl_post, "L")
        same_carer = rng.random() < 0.1
        rne = ("U" if same_carer else "B") if legal_change else ("T" if same_carer else "P")
        return self._placement(day, dob, new_ls, rne, adoption=new_ls == "E1")

    def _short_break_periods(self, entry: date, eighteenth: date) -> list[list[Episode]]:
        periods, day = [], entry
        ls = self.rng.choice(("V3", "V4"))
        while day < min(eighteenth, EXTRACT_DATE) and len(periods) < 40:
            post = self.geo.postcode(self.code)
            end = day + timedelta(days=self.rng.randint(1, 3))
            periods.append([Episode(day, ls, "K1" if self.rng.random() < 0.1 else "R1", "PR1", post, "S",
                                    end, "E13")])
            day = day + timedelta(days=self.rng.randint(20, 60))
        return periods

    def _placement(self, start: date, dob: date, ls: str, rne: str, adoption: bool) -> Episode:
        rng = self.rng
        age = (start - dob).days / 365.25
        if adoption:
            place = rng.choice(("A3", "A4", "A5", "A6"))
        elif age >= 16 and rng.random() < 0.4:
            place = "K3" if start >= date(2023, 4, 1) else "H5"
        elif age >= 11 and rng.random() < 0.22:
            place = rng.choices(("K2", "K1", "R1", "S1", "R5"), (85, 3, 5, 5, 2))[0]
        elif rng.random() < 0.06:
            place = "P1"
        elif rng.random() < 0.01:
            place = "T4"
        else:
            place = rng.choices(("U1", "U2", "U3", "U4", "U5", "U6"), (6, 2, 12, 25, 10, 45))[0]
        provider = {"P1": "PR0"}.get(place) or (
            rng.choices(("PR1", "PR4", "PR5", "PR2"), (55, 35, 6, 4))[0] if place.startswith("U")
            else rng.choices(("PR4", "PR1", "PR5", "PR3"), (70, 15, 10, 5))[0])
        draw = rng.random()
        if draw < 0.012:
            pl_post = self.geo.unresolvable_postcode()
        elif draw < 0.016:
            pl_post = None
        elif place in ("K2", "K1", "S1", "R5") and rng.random() < 0.55 or draw < 0.12:
            pl_post = self.geo.postcode(self.code, far=True)
        elif draw < 0.28:
            pl_post = self.geo.postcode(self.code, near_other=True)
        else:
            pl_post = self.geo.postcode(self.code)
        return Episode(start, ls, place, provider, pl_post, rne)

    def _exit_reason(self, age_at_start: float, reaches_18: bool, last: Episode) -> str:
        rng = self.rng
        if reaches_18:
            return rng.choices(("E17", "E5", "E6", "E8", "E7", "E4A", "E9"), (30, 30, 5, 20, 4, 8, 3))[0]
        if last.place.startswith("A"):
            return rng.choice(("E11", "E12"))
        if age_at_start < 5:
            return rng.choices(("E4A", "E4B", "E45", "E46", "E47", "E48", "E41", "E13", "E2"),
                               (40, 5, 14, 5, 8, 3, 12, 12, 1))[0]
        if age_at_start >= 16:
            return rng.choices(("E4A", "E4B", "E5", "E6", "E13", "E8", "E15", "E14", "E3"),
                               (30, 5, 20, 5, 12, 15, 5, 4, 4))[0]
        return rng.choices(("E4A", "E4B", "E13", "E45", "E41", "E8", "E16", "E3", "E9", "E14"),
                           (40, 8, 14, 10, 8, 8, 3, 4, 2, 3))[0]

    def _write_episodes(self, child: str, home: str, episodes: list[Episode], age_floor: int) -> None:
        cin = self.rng.choices(("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"),
                               (62, 4, 3, 8, 14, 2, 1, 6))[0]
        home_post = None if self.rng.random() < 0.005 else home
        for episode in episodes:
            self.tables.add("episodes", [self.code, child, episode.start, episode.rne, episode.ls, cin,
                                         episode.place, episode.provider, episode.end, episode.rec, None,
                                         home_post, episode.pl_post, None])
            if episode.place.startswith("A") and episode.rne in ("P", "B", "T", "U", "S"):
                self.tables.add("placed_for_adoption", [self.code, child, None, episode.start, None, None])

    # --- what happens while in care ---------------------------------------------------------------

    def _period_records(self, child: str, dob: date, episodes: list[Episode]) -> None:
        start, end = episodes[0].start, episodes[-1].end
        stop = min(end or EXTRACT_DATE, EXTRACT_DATE)
        iro = self._allocate(child, start, end)
        team = "Disabled children" if self.rng.random() < 0.05 else self.rng.choice(SOCIAL_WORK_TEAMS)
        self.tables.add("child_teams", [self.code, child, team, start, end])
        reviews = self._reviews(start, stop)
        previous = None
        for held in reviews:
            age = (held - dob).days / 365.25
            code = "PN0" if age < 4 else _pick(self.rng, PN_WEIGHTS)
            if self.rng.random() < 0.005:
                code = None
            self.tables.add("reviews", [self.code, child, dob, held, code])
            if age >= 4 and held >= self.window_start:
                self._feedback(child, held, age)
            if previous and self.rng.random() < 0.75:
                middle = previous + (held - previous) / 2 + timedelta(days=self.rng.randint(-10, 10))
                self.tables.add("midway", [self.code, child, middle])
            previous = held
        self._escalations(child, iro, start, stop)
        self._eet(child, dob, start, stop)

    def _reviews(self, start: date, stop: date) -> list[date]:
        rng = self.rng
        held, due = [], add_working_days(start, 20)
        while True:
            if rng.random() < 0.05:
                when = due + timedelta(days=rng.randint(1, 30))  # late
            else:
                when = due - timedelta(days=rng.randint(0, 25 if held else 8))
            when = max(when, start + timedelta(days=1))
            if when > stop:
                return held
            held.append(when)
            due = add_months(when, 3 if len(held) == 1 else 6)

    def _feedback(self, child: str, review: date, age: float) -> None:
        rng = self.rng
        advocate = (rng.choices(("Y", "N", None), (88, 9, 3))[0]) if age >= 11 else None
        chaired = rng.choices(("NO", "CO", "FULL"), (82, 13, 5))[0] if age >= 11 else "NO"
        self.tables.add("feedback", [self.code, child, review, "CHILD", "Y" if rng.random() < 0.32 else "N",
                                     advocate, chaired])
        for respondent, chance, returned in (("PARENT", 0.6, 0.25), ("CARER", 0.7, 0.45)):
            if rng.random() < chance:
                self.tables.add("feedback", [self.code, child, review, respondent,
                                             "Y" if rng.random() < returned else "N", None, None])

    def _make_iros(self) -> list[tuple[str, float]]:
        count = max(3, round(self.in_care / 58))
        iros = []
        for n in range(1, count + 1):
            iro_id = f"IRO{self.code}-{n:02d}"
            fte = self.rng.choices((1.0, 0.8, 0.6), (70, 20, 10))[0]
            team = f"IRO team {'AB'[n % 2]}"
            self.tables.add("iros", [self.code, iro_id, f"IRO {n:02d}", team, fte, date(2015, 1, 5), None])
            iros.append((iro_id, fte))
        return iros

    def _allocate(self, child: str, start: date, end: date | None) -> str:
        ids, weights = zip(*self.iros)
        iro = self.rng.choices(ids, weights)[0]
        if end is None or (end - start).days > 200 and self.rng.random() < 0.15:
            switch = start + timedelta(days=self.rng.randint(60, max(61, ((end or EXTRACT_DATE) - start).days)))
            if switch < (end or EXTRACT_DATE) and self.rng.random() < 0.15:
                self.tables.add("iro_allocations", [self.code, child, iro, start, switch])
                iro = self.rng.choices(ids, weights)[0]
                start = switch
        self.tables.add("iro_allocations", [self.code, child, iro, start, end])
        return iro

    def _escalations(self, child: str, iro: str, start: date, stop: date) -> None:
        rng = self.rng
        begin = max(start, self.window_start)
        years = max(0, (stop - begin).days) / 365.25
        for _ in range(_poisson(rng, 0.22 * years)):
            raised = begin + timedelta(days=rng.randrange(max(1, (stop - begin).days)))
            stage = _pick(rng, STAGES)
            days = int(rng.lognormvariate(2.4, 0.7))
            resolved = add_working_days(raised, max(1, days))
            self.escalation_number += 1
            outcome = rng.choices(("RESOLVED", "PARTLY", "NOT_RESOLVED", "WITHDRAWN"), (75, 12, 5, 8))[0]
            if resolved > EXTRACT_DATE:
                resolved, outcome = None, None
            cafcass = "Y" if stage in ("3", "4") and rng.random() < 0.3 else "N"
            self.tables.add("escalations", [self.code, f"ESC{self.code}-{self.escalation_number:06d}", child,
                                            iro, raised, stage, _pick(rng, ESCALATION_CATEGORIES),
                                            resolved, outcome, cafcass])

    def _eet(self, child: str, dob: date, start: date, stop: date) -> None:
        rng = self.rng
        day = max(start, _birthday(dob, 16), self.window_start - timedelta(days=60))
        last = min(stop, _birthday(dob, 18) - timedelta(days=1))
        neet_prone = rng.random() < 0.2
        adviser = f"PA {self.index * 40 + rng.randint(1, 12):02d}"
        while day <= last:
            neet = rng.random() < (0.7 if neet_prone else 0.06)
            activity = rng.choice(NEET_CODES) if neet else rng.choice(EET_CODES)
            self.tables.add("eet_status", [self.code, child, day, activity, adviser])
            gap = rng.randint(60, 100) if rng.random() < 0.12 else rng.randint(30, 44)
            day = day + timedelta(days=gap)

    def _care_leaver(self, child: str, dob: date, last: Episode) -> None:
        """OC3 rows for each collection year in which a care leaver turns 17 to 21."""
        if last.end is None or (last.end - dob).days < 16 * 365 or last.rec in ("E2", "E15"):
            return
        rng = self.rng
        first_year = LAST_YEAR - self.spec.years + 1
        for year in range(first_year, LAST_YEAR + 1):
            age = year - dob.year - (1 if (dob.month, dob.day) >= (4, 1) else 0)
            birthday = _birthday(dob, age)
            if not 17 <= age <= 21 or birthday <= last.end:
                continue
            in_touch = rng.choices(("YES", "NO", "REFU", "NREQ", "RHOM", "DIED"), (86, 5, 3, 3, 2, 1))[0]
            if in_touch == "YES":
                activ = rng.choices(("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"),
                                    (6, 1, 20, 4, 4, 1, 17, 7, 8, 24, 8))[0]
                accom = rng.choice("BCDEGHKRSTUVWXYZ") + ("1" if rng.random() < 0.88 else "2")
            else:
                activ, accom = "0", "0"
            self.tables.add("oc3", [self.code, year, child, dob, in_touch, activ, accom])
            if in_touch == "DIED":
                return

    def _missing(self, child: str, dob: date, first: date, last: date | None) -> None:
        span = max(1, ((last or EXTRACT_DATE) - first).days)
        starts = {first + timedelta(days=self.rng.randrange(span)) for _ in range(self.rng.randint(1, 3))}
        for start in sorted(starts):
            self.tables.add("missing", [self.code, child, dob, self.rng.choice("MA"), start,
                                        start + timedelta(days=self.rng.randint(0, 4))])


def _birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February
        return dob.replace(year=dob.year + years, day=28)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
