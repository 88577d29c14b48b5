"""Generate a provincial-scale Pendamping database for the benchmarks.

    python -m bench.generate --size tiny|quick|full|huge [--database sqlite|postgres]

What it writes (full size; quick is a tenth, tiny a hundredth, huge ten times as much):

- Kemendagri regions from ../shared/data (38 provinces, 514 regencies, 84k villages);
- 5 agencies: a provincial Dinas Sosial in Jawa Barat holding 70% of the clients,
  and four others (Jawa Tengah, Jawa Timur, Sulawesi Selatan, Sumatera Utara);
- one social worker per ~400 cases and a supervisor per 10 workers;
- 1,000,000 clients: Indonesian names written in their spelling variants, valid and
  unique NIKs that agree with birth date and sex, villages and home points in the
  agency's province, PPKS categories; their phonetic name keys;
- 1,000,000 cases (a third closed), one progress note each and ~3 timeline events;
- 100,000 services of 25,000 providers at locations in every regency of Indonesia,
  tagged with taxonomy terms, with service areas, eligibility and capacity;
- needs on a fifth of the cases, referrals for half of them in every status, and
  open gaps for a tenth;
- the users the scenarios log in as (`bench.worker` with exactly 200 open cases,
  one of them with a 500-event timeline and 20 needs to match; `bench.admin`;
  `bench.supervisor`).

Rows go in through `pendamping.bulk.BulkWriter` (COPY on PostgreSQL, executemany on
SQLite, each value prepared by its model field), the same path the client import
uses. Generating is deterministic (fixed seed).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from bench import setup_django, write_marker
from bench.generate_directory import NOW, DirectoryWriter
from bench.names import FEMALE_FIRST, MALE_FIRST, PLACES, STREETS, pick_name
from pendamping.bulk import BulkWriter

GENERATOR_VERSION = 2
SIZES = {"tiny": 10_000, "quick": 100_000, "full": 1_000_000, "huge": 10_000_000}
SERVICES_PER_CLIENT = 0.1
MAIN_SHARE = 0.7
CASES_PER_WORKER = 400
BENCH_CASELOAD = 200
BENCH_TIMELINE = 500
BENCH_NEEDS = 20
PASSWORD = "bench-pendamping"
REGIONS_CSV = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah_kemendagri_2025.csv"
)

# Rough centre (lat, lon) of every province; regencies are spread around it.
PROVINCE_CENTRES = {
    "11": (4.7, 96.7), "12": (2.1, 99.5), "13": (-0.7, 100.8), "14": (0.3, 101.7),
    "15": (-1.6, 103.6), "16": (-3.3, 104.2), "17": (-3.8, 102.3), "18": (-4.6, 105.4),
    "19": (-2.7, 106.4), "21": (3.9, 108.1), "31": (-6.2, 106.8), "32": (-6.9, 107.6),
    "33": (-7.2, 110.1), "34": (-7.8, 110.4), "35": (-7.5, 112.2), "36": (-6.4, 106.1),
    "51": (-8.4, 115.2), "52": (-8.6, 117.4), "53": (-8.7, 121.1), "61": (0.0, 109.3),
    "62": (-1.7, 113.4), "63": (-3.1, 115.3), "64": (0.5, 116.4), "65": (3.1, 116.0),
    "71": (0.6, 124.0), "72": (-1.4, 121.4), "73": (-3.7, 120.0), "74": (-4.1, 122.2),
    "75": (0.7, 122.4), "76": (-2.8, 119.2), "81": (-3.2, 130.1), "82": (1.6, 127.8),
    "91": (-2.5, 140.7), "92": (-1.3, 133.2), "93": (-7.5, 139.5), "94": (-3.6, 136.3),
    "95": (-4.1, 138.9), "96": (-1.0, 131.5),
}  # fmt: skip
AGENCIES = [  # (name, kind, province) — the first is the one the scenarios use
    ("Dinas Sosial Provinsi Jawa Barat", "dinsos", "32"),
    ("Dinas Sosial Provinsi Jawa Tengah", "dinsos", "33"),
    ("Dinas Sosial Provinsi Jawa Timur", "dinsos", "35"),
    ("LKS Sejahtera Makassar", "lks", "73"),
    ("Dinas Sosial Provinsi Sumatera Utara", "dinsos", "12"),
]
BENCH_REGENCY = "32.73"  # Kota Bandung: where bench.worker's clients live


def regency_centre(code: str) -> tuple[float, float]:
    """A fixed point per regency, scattered around its province's centre."""
    lat, lon = PROVINCE_CENTRES.get(code[:2], (-2.5, 118.0))
    h = hashlib.blake2b(code.encode(), digest_size=4).digest()
    return lat + (h[0] / 255 - 0.5) * 2.0, lon + (h[1] / 255 - 0.5) * 2.6


class Generator(DirectoryWriter):
    def __init__(self, size: str, seed: int = 20261129, out=sys.stdout, clients: int | None = None):
        self.size = size
        self.n_clients = clients or SIZES[size]
        self.n_services = int(self.n_clients * SERVICES_PER_CLIENT)
        self.rng = random.Random(seed)
        self.out = out
        self.counts: dict[str, int] = {}
        self.timings: dict[str, float] = {}

    def log(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def step(self, name: str, fn) -> None:
        started = time.perf_counter()
        fn()
        self.timings[name] = round(time.perf_counter() - started, 1)
        self.log(f"  {name}: {self.timings[name]} s")

    # -------------------------------------------------------------------------------
    def run(self, *, migrate: bool = True) -> dict:
        from django.core.management import call_command
        from django.db import connection, transaction

        started = time.perf_counter()
        self.log(
            f"Generating '{self.size}' data on {connection.vendor} ({self.n_clients:,} clients)"
        )
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as c:
                c.execute("PRAGMA synchronous=OFF")
                c.execute("PRAGMA cache_size=-1048576")  # 1 GiB: indexes grow past the default 2 MB
        if migrate:
            self.step("migrate", lambda: call_command("migrate", verbosity=0))
        if not REGIONS_CSV.exists():
            raise SystemExit(f"Region codes not found at {REGIONS_CSV} (../shared/data).")
        self.step(
            "regions",
            lambda: call_command(
                "import_regions", str(REGIONS_CSV), verbosity=0, stdout=io.StringIO()
            ),
        )
        with transaction.atomic():
            self.step("agencies and users", self.agencies_and_users)
            self.step("clients", self.clients)
            self.step("cases, notes, events", self.cases)
            self.step("directory", self.directory)
            self.step("needs, referrals, gaps", self.needs)
            self.step("sequences", self.reset_sequences)
            self.step("case tallies", self.case_tallies)
        # VACUUM sets the visibility map (index-only scans) as autovacuum would in time
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.step(
            "analyze",
            lambda: connection.cursor().execute("VACUUM ANALYZE" if vacuum else "ANALYZE"),
        )
        total = round(time.perf_counter() - started, 1)
        self.log(f"Done in {total} s: " + ", ".join(f"{k} {v:,}" for k, v in self.counts.items()))
        return {
            "generator_version": GENERATOR_VERSION,
            "size": self.size,
            "counts": self.counts,
            "seconds": total,
            "timings": self.timings,
        }

    # -------------------------------------------------------------------------------
    def agencies_and_users(self) -> None:
        from django.contrib.auth.hashers import make_password

        from pendamping.accounts.models import Agency, Membership, Role, User
        from pendamping.clients.models import Region

        rng = self.rng
        regions = list(Region.objects.values_list("code", "level", "name"))
        self.regencies = sorted(c for c, lvl, _n in regions if lvl == Region.Level.REGENCY)
        self.region_names = {code: name for code, _lvl, name in regions}
        villages = defaultdict(list)
        for code, level, _name in regions:
            if level == Region.Level.VILLAGE:
                villages[code[:5]].append(code)
        self.villages = villages
        self.centres = {code: regency_centre(code) for code in self.regencies}
        password = make_password(PASSWORD)
        self.agencies = []
        self.workers: dict[int, list[int]] = {}
        self.staff: dict[int, dict[str, int]] = {}
        shares = [MAIN_SHARE] + [(1 - MAIN_SHARE) / (len(AGENCIES) - 1)] * (len(AGENCIES) - 1)
        users = BulkWriter(User, ["id", "username", "first_name", "last_name", "password", "email",
                             "is_staff", "is_active", "is_superuser", "date_joined", "language"])  # fmt: skip
        members = BulkWriter(Membership, ["user", "agency", "role", "supervisor", "staff_number"])
        uid = (User.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        for index, (name, kind, province) in enumerate(AGENCIES):
            agency = Agency.objects.create(name=name, kind=kind, region_code=province)
            n_clients = round(self.n_clients * shares[index])
            n_workers = max(3, n_clients // CASES_PER_WORKER)
            prefix = "bench" if index == 0 else f"a{index}"
            staff = {}

            def user(username, first, role, supervisor=None, agency=agency, name=name):
                nonlocal uid
                users.add(id=uid, username=username, first_name=first, last_name=name[-20:],
                          password=password, email="", is_staff=False, is_active=True,
                          is_superuser=False, date_joined=NOW, language="")  # fmt: skip
                members.add(
                    user=uid, agency=agency.pk, role=role, supervisor=supervisor, staff_number=""
                )
                uid += 1
                return uid - 1

            staff["admin"] = user(f"{prefix}.admin", "Admin", Role.ADMIN)
            staff["auditor"] = user(f"{prefix}.auditor", "Auditor", Role.AUDITOR)
            supervisors = [
                user(f"{prefix}.supervisor" + (f"{i}" if i else ""), "Supervisor", Role.SUPERVISOR)
                for i in range(max(1, n_workers // 10))
            ]
            staff["supervisor"] = supervisors[0]
            workers = []
            for i in range(n_workers):
                username = f"{prefix}.worker" if i == 0 else f"{prefix}.worker{i}"
                first = rng.choice(rng.choice(MALE_FIRST + FEMALE_FIRST))
                workers.append(
                    user(username, first, Role.WORKER, supervisors[i % len(supervisors)])
                )
            staff["worker"] = workers[0]
            agency.n_clients = n_clients
            agency.province = province
            self.agencies.append(agency)
            self.workers[agency.pk] = workers
            self.staff[agency.pk] = staff
        users.flush()
        members.flush()
        self.counts["users"] = users.count

    # -------------------------------------------------------------------------------
    def clients(self) -> None:
        from pendamping.clients.choices import PPKS, Religion
        from pendamping.clients.models import Client, ClientNameIndex
        from pendamping.clients.nameindex import index_text
        from pendamping.clients.nik import make_nik

        rng = self.rng
        table = BulkWriter(Client, [
            "id", "agency", "kind", "full_name", "nickname", "nik", "kk_number", "sex",
            "birth_date", "estimated_age", "birth_place", "address", "region", "latitude",
            "longitude", "phone", "religion", "ppks_categories", "disabilities",
            "registered_by", "created_at", "updated_at", "version", "deleted_at",
        ])  # fmt: skip
        keys = BulkWriter(ClientNameIndex, ["client", "agency", "keys"])
        ppks = PPKS.values
        religions = Religion.values
        weights = [87, 7, 3, 2, 1] + [0.5] * (len(religions) - 5)
        serials: dict[tuple, int] = defaultdict(int)
        cid = (Client.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        self.clients_by_agency: dict[int, range] = {}
        self.client_info: list = []  # per client index: (agency, regency, lat, lon, age, sex)
        self.first_client_id = cid
        today = NOW.date()
        for agency in self.agencies:
            start = cid
            regencies = [r for r in self.regencies if r.startswith(agency.province + ".")]
            registrars = self.workers[agency.pk]
            bench_agency = agency is self.agencies[0]
            for i in range(agency.n_clients):
                sex = "M" if rng.random() < 0.5 else "F"
                full_name = pick_name(rng, sex)
                if bench_agency and i < BENCH_CASELOAD:
                    regency = BENCH_REGENCY
                else:
                    regency = rng.choice(regencies)
                village = rng.choice(self.villages[regency])
                age = min(95, int(rng.expovariate(1 / 28)))
                birth = today - timedelta(days=age * 365 + rng.randrange(365))
                district = village[:8]
                key = (district, birth, sex)
                serials[key] += 1
                nik = make_nik(district, birth, sex, serials[key]) if rng.random() < 0.92 else ""
                lat, lon = self.centres[regency]
                lat += rng.gauss(0, 0.08)
                lon += rng.gauss(0, 0.08)
                created = NOW - timedelta(days=rng.randrange(5 * 365), seconds=rng.randrange(86400))
                table.add(
                    id=cid, agency=agency.pk, kind="individual", full_name=full_name, nickname="",
                    nik=nik, kk_number="", sex=sex, birth_date=birth, estimated_age=None,
                    birth_place=rng.choice(PLACES), address=f"{rng.choice(STREETS)} No. {rng.randrange(1, 200)}",
                    region=village, latitude=round(lat, 6), longitude=round(lon, 6),
                    phone=f"08{rng.randrange(10**9, 10**10)}",
                    religion=rng.choices(religions, weights)[0],
                    ppks_categories=rng.sample(ppks, rng.choice((0, 1, 1, 1, 2))), disabilities=[],
                    registered_by=(self.staff[agency.pk]["worker"] if bench_agency and i < BENCH_CASELOAD
                                   else rng.choice(registrars)),
                    created_at=created, updated_at=created, version=1, deleted_at=None,
                )  # fmt: skip
                keys.add(client=cid, agency=agency.pk, keys=index_text(full_name))
                self.client_info.append((agency.pk, regency, age, sex))
                cid += 1
            self.clients_by_agency[agency.pk] = range(start, cid)
        table.flush()
        keys.flush()
        self.counts["clients"] = table.count
        self.counts["name_index"] = keys.count

    # -------------------------------------------------------------------------------
    def cases(self) -> None:
        from pendamping.cases.models import (
            Case,
            CaseCounter,
            CaseEvent,
            ClosureReason,
            ProgressNote,
            RiskLevel,
            Stage,
        )

        rng = self.rng
        cases = BulkWriter(Case, [
            "id", "agency", "client", "number", "presenting_problem", "risk_level",
            "assigned_worker", "stage", "opened_at", "closed_at", "closure_reason",
            "closure_note", "created_by", "updated_at", "version", "deleted_at", "last_event_at",
        ])  # fmt: skip
        notes = BulkWriter(ProgressNote, [
            "id", "case", "author", "kind", "practice_role", "confidentiality", "occurred_on",
            "body", "created_at", "updated_at", "version", "deleted_at",
        ])  # fmt: skip
        events = BulkWriter(CaseEvent, ["case", "kind", "actor", "at", "data", "note"])
        case_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        note_id = (
            ProgressNote.objects.order_by("-id").values_list("id", flat=True).first() or 0
        ) + 1
        stages = Stage.values
        risks, risk_w = RiskLevel.values, [40, 35, 20, 5]
        reasons = ClosureReason.values
        note_kinds = ProgressNote.Kind.values
        roles = ProgressNote.PracticeRole.values
        problems = [
            "Anak putus sekolah karena biaya", "Lansia tinggal sendiri tanpa pendamping",
            "Korban kekerasan dalam rumah tangga", "Penyandang disabilitas belum punya alat bantu",
            "Keluarga tidak mampu membayar sewa rumah", "Anak berhadapan dengan hukum",
            "Ketergantungan napza", "Gizi buruk pada balita", "Korban banjir kehilangan rumah",
        ]  # fmt: skip
        bodies = [
            "Kunjungan rumah: klien menerima kedatangan pekerja sosial dengan baik. Kondisi rumah "
            "sempit, ventilasi kurang. Disepakati rencana kunjungan berikutnya.",
            "Klien menceritakan kesulitan ekonomi keluarga. Dibahas kemungkinan rujukan ke "
            "program bantuan sosial dan pelatihan keterampilan.",
            "Pertemuan dengan keluarga besar untuk membicarakan pembagian peran pengasuhan.",
        ]
        self.case_of_client: dict[int, int] = {}
        self.cases_info: dict[int, tuple] = {}  # case id -> (agency, client, worker, open)
        self.bench_cases: list[int] = []
        counters: dict[tuple[int, int], int] = defaultdict(int)
        for agency in self.agencies:
            workers = self.workers[agency.pk]
            bench_worker = self.staff[agency.pk]["worker"]
            bench_agency = agency is self.agencies[0]
            for n, client_id in enumerate(self.clients_by_agency[agency.pk]):
                mine = bench_agency and n < BENCH_CASELOAD
                worker = bench_worker if mine else rng.choice(workers[1:] or workers)
                opened = NOW - timedelta(days=rng.randrange(4 * 365), seconds=rng.randrange(86400))
                closed = (
                    None
                    if mine or rng.random() < 0.66
                    else opened + timedelta(days=rng.randrange(10, 300))
                )
                counters[(agency.pk, opened.year)] += 1
                number = f"{opened.year}-{counters[(agency.pk, opened.year)]:06d}"
                stage = rng.choice(stages[:5]) if closed is None else rng.choice(stages[5:])
                # drawn here, in the generator's order of draws (the data stays the same)
                problem, risk = rng.choice(problems), rng.choices(risks, risk_w)[0]
                reason = rng.choice(reasons) if closed else ""
                self.case_of_client[client_id] = case_id
                self.cases_info[case_id] = (agency.pk, client_id, worker, closed is None)
                if mine:
                    self.bench_cases.append(case_id)
                n_events = BENCH_TIMELINE if mine and len(self.bench_cases) == 1 else None
                events.add(case=case_id, kind="opened", actor=worker, at=opened,
                           data={"number": number, "worker": "Pekerja sosial"}, note=None)  # fmt: skip
                at = opened
                for j in range(1 if n_events is None else n_events // 2):
                    at = at + timedelta(hours=rng.randrange(1, 72))
                    notes.add(
                        id=note_id, case=case_id, author=worker, kind=rng.choice(note_kinds),
                        practice_role=rng.choice(roles), confidentiality="normal",
                        occurred_on=at.date(), body=rng.choice(bodies), created_at=at,
                        updated_at=at, version=1, deleted_at=None,
                    )  # fmt: skip
                    events.add(case=case_id, kind="note_added", actor=worker, at=at,
                               data={"summary": "Catatan ditambahkan"}, note=note_id)  # fmt: skip
                    note_id += 1
                    if n_events is not None and 2 * j + 3 <= n_events:
                        at = at + timedelta(hours=1)
                        events.add(case=case_id, kind="task_added", actor=worker, at=at,
                                   data={"title": "Kunjungan lanjutan"}, note=None)  # fmt: skip
                if n_events is None:
                    at = at + timedelta(days=1)
                    events.add(case=case_id, kind="stage_changed", actor=worker, at=at,
                               data={"from_stage": stages[0], "to_stage": stage}, note=None)  # fmt: skip
                # written after its events: `last_event_at` is the newest (event_append's)
                cases.add(
                    id=case_id, agency=agency.pk, client=client_id, number=number,
                    presenting_problem=problem, risk_level=risk, assigned_worker=worker,
                    stage=stage, opened_at=opened, closed_at=closed, closure_reason=reason,
                    closure_note="", created_by=worker, updated_at=closed or opened, version=1,
                    deleted_at=None, last_event_at=at,
                )  # fmt: skip
                case_id += 1
        for (agency_id, year), last in counters.items():
            CaseCounter.objects.update_or_create(
                agency_id=agency_id, year=year, defaults={"last": last}
            )
        cases.flush()
        notes.flush()
        events.flush()
        self.counts["cases"] = cases.count
        self.counts["notes"] = notes.count
        self.counts["events"] = events.count

    # -------------------------------------------------------------------------------
    # -------------------------------------------------------------------------------
    def needs(self) -> None:
        from pendamping.broker.models import Gap, GapReason, Referral, ReferralStatus
        from pendamping.cases.models import Need

        rng = self.rng
        needs = BulkWriter(Need, [
            "id", "case", "term", "description", "urgency", "status", "created_by",
            "created_at", "updated_at", "version", "deleted_at", "assessment_id",
        ])  # fmt: skip
        referrals = BulkWriter(Referral, [
            "case", "need", "service", "agency", "receiving_agency", "status",
            "note_for_receiver", "follow_up_date", "shared_fields", "shared", "consent",
            "sent_at", "closed_at", "created_by", "created_at", "updated_at", "version",
            "letter_number",
        ])  # fmt: skip
        gaps = BulkWriter(Gap, [
            "agency", "need", "term", "region", "reason", "opened_at", "closed_at",
            "suggested_service", "suggested_at",
        ])  # fmt: skip
        need_id = (Need.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        statuses = [s for s in ReferralStatus.values if s != ReferralStatus.DRAFT]
        closed_statuses = {"rejected", "canceled", "failed", "completed", "entered_in_error"}
        urgencies = ["low", "medium", "high"]
        chosen = [c for c in self.cases_info if rng.random() < 0.2 and c not in self.bench_cases]
        bench_needs = [(rng.choice(self.bench_cases), True) for _ in range(BENCH_NEEDS)]
        for case_id, is_bench in [(c, False) for c in chosen] + bench_needs:
            agency, client_id, worker, is_open = self.cases_info[case_id]
            term = rng.choice(self.leaf_terms)
            at = NOW - timedelta(days=rng.randrange(1, 600))
            roll = rng.random()
            status = "open" if is_bench or is_open or roll < 0.3 else "met"
            needs.add(
                id=need_id, case=case_id, term=term[0], description=f"Butuh {term[2].lower()}",
                urgency=rng.choice(urgencies), status=status, created_by=worker, created_at=at,
                updated_at=at, version=1, deleted_at=None, assessment_id=None,
            )  # fmt: skip
            candidates = self.services_by_term.get(term[0])
            if not is_bench and candidates and roll < 0.5:
                rstatus = rng.choice(statuses)
                referrals.add(
                    case=case_id, need=need_id, service=rng.choice(candidates), agency=agency,
                    receiving_agency=None, status=rstatus, note_for_receiver="",
                    follow_up_date=(at + timedelta(days=14)).date(), shared_fields=[], shared={},
                    consent=None, sent_at=at, closed_at=at + timedelta(days=20) if rstatus in closed_statuses else None,
                    created_by=worker, created_at=at, updated_at=at, version=1, letter_number="",
                )  # fmt: skip
            elif not is_bench and status == "open" and roll > 0.9:
                region = self.client_info[client_id - self.first_client_id][1]
                gaps.add(
                    agency=agency, need=need_id, term=term[0], region=region,
                    reason=rng.choice([GapReason.NO_SERVICE, GapReason.NO_CAPACITY]),
                    opened_at=at, closed_at=None, suggested_service=None, suggested_at=None,
                )  # fmt: skip
            need_id += 1
        for t in (needs, referrals, gaps):
            t.flush()
        self.counts["needs"] = needs.count
        self.counts["referrals"] = referrals.count
        self.counts["gaps"] = gaps.count

    def case_tallies(self) -> None:
        """The open-case tallies the case services keep (bulk rows bypass them)."""
        from pendamping.cases import tallies

        tallies.rebuild()

    @staticmethod
    def reset_sequences() -> None:
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection

        models = [
            m
            for m in apps.get_models()
            if m._meta.app_label
            in {"accounts", "taxonomy", "clients", "cases", "assessment", "broker"}
        ]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def make(database: str, size: str) -> dict:
    """Set Django up on a new database of the size and write its world; its marker.
    The huge world on PostgreSQL is the full one fanned out on the server (fanout.py)."""
    if size == "huge" and database == "postgres":
        from bench import fanout

        return fanout.make()
    setup_django(database, size, fresh=True)
    return Generator(size).run()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="quick")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    write_marker(args.database, args.size, make(args.database, args.size))


if __name__ == "__main__":
    main()
