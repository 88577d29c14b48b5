"""Load demo data once: two agencies, a user for every role, clients and cases.

Running it again changes nothing. Every write goes through the services, so the
demo has the same timeline, numbering and validation as real use.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.broker import demo as broker_demo
from pendamping.cases import services as case_services
from pendamping.cases.models import ClosureReason, ProgressNote, RiskLevel, Stage
from pendamping.clients import services as client_services
from pendamping.clients.choices import PPKS, Disability, Relation, Religion
from pendamping.clients.models import Client, Consent, Region
from pendamping.clients.nik import make_nik

DEMO_PASSWORD = "pendamping-demo"

REGIONS = {
    "32": "Jawa Barat", "32.73": "Kota Bandung", "32.73.01": "Sukasari", "32.73.02": "Coblong",
    "32.73.05": "Andir", "32.73.01.1001": "Sukarasa", "32.73.01.1002": "Gegerkalong",
    "32.73.02.1001": "Cipaganti", "32.73.02.1002": "Lebak Gede", "32.73.05.1001": "Maleber",
    "32.73.05.1002": "Dungus Cariang", "32.73.05.1003": "Ciroyom",
    "33": "Jawa Tengah", "33.74": "Kota Semarang", "33.74.01": "Semarang Tengah",
    "33.74.02": "Semarang Utara", "33.74.01.1001": "Miroto", "33.74.01.1002": "Brumbungan",
    "33.74.02.1001": "Bandarharjo", "33.74.02.1002": "Bulu Lor",
}  # fmt: skip

AGENCIES = [
    ("bdg", "Dinas Sosial Kota Bandung", Agency.Kind.DINSOS, "32.73"),
    ("smg", "LKS Anak Harapan Semarang", Agency.Kind.LKS, "33.74"),
]

PROBLEMS = [
    "Anak putus sekolah dan bekerja di jalan untuk membantu ekonomi keluarga.",
    "Lansia tinggal sendiri tanpa pendamping, kesulitan memenuhi kebutuhan sehari-hari.",
    "Korban kekerasan dalam rumah tangga, membutuhkan tempat aman dan pendampingan hukum.",
    "Penyandang disabilitas fisik belum memiliki alat bantu dan belum terdaftar DTKS.",
    "Keluarga miskin terancam penggusuran, anak-anak belum memiliki akta kelahiran.",
    "Remaja korban penyalahgunaan NAPZA, keluarga meminta rehabilitasi.",
    "Anak berhadapan dengan hukum, membutuhkan pendampingan selama proses diversi.",
    "Pekerja migran yang dipulangkan mengalami trauma dan kehilangan mata pencaharian.",
    "Ibu tunggal tanpa penghasilan tetap, anak balita kurang gizi.",
    "Gelandangan tanpa identitas kependudukan, membutuhkan tempat tinggal sementara.",
]
NOTES = [
    "Kunjungan ke rumah klien. Klien menyambut baik dan bersedia mengikuti proses pendampingan.",
    "Menghubungi keluarga klien lewat telepon untuk menjadwalkan pertemuan berikutnya.",
    "Klien datang ke kantor, menceritakan perkembangan sejak pertemuan terakhir.",
    "Konferensi kasus dengan puskesmas dan sekolah untuk menyepakati rencana intervensi.",
    "Supervisi: membahas hambatan dalam pendampingan dan langkah berikutnya.",
    "Membantu klien mengurus dokumen kependudukan di kantor kelurahan.",
    "Klien menunjukkan semangat baru setelah mengikuti kegiatan kelompok.",
]
TASKS = [
    "Kunjungan rumah lanjutan", "Koordinasi dengan kelurahan", "Antar klien ke puskesmas",
    "Siapkan bahan konferensi kasus", "Hubungi sekolah klien", "Periksa kelengkapan dokumen",
]  # fmt: skip


class Command(BaseCommand):
    help = "Load demo data (two agencies, every role, ~200 clients, cases in every stage)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=200)

    def handle(self, *args, clients: int, **options):
        if Agency.objects.filter(name=AGENCIES[0][1]).exists():
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        with transaction.atomic():
            self._load(clients)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _load(self, n_clients: int):
        fake = Faker("id_ID")
        Faker.seed(2026)
        rnd = random.Random(2026)
        for code, name in sorted(REGIONS.items(), key=lambda kv: kv[0].count(".")):
            Region.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": Region.level_of(code),
                    "parent_id": Region.parent_code(code),
                },
            )
        today = timezone.localdate()
        for prefix, agency_name, kind, region_code in AGENCIES:
            agency = Agency.objects.create(name=agency_name, kind=kind, region_code=region_code)
            users = {}
            for role, suffix, first in [
                (Role.SUPERVISOR, "supervisor", "Sri"),
                (Role.WORKER, "peksos1", "Andi"),
                (Role.WORKER, "peksos2", "Rina"),
                (Role.ADMIN, "admin", "Bambang"),
                (Role.INSTRUCTOR, "instruktur", "Ustadz Hasan"),
                (Role.AUDITOR, "auditor", "Dewi"),
            ]:
                user = User.objects.create_user(
                    username=f"{prefix}.{suffix}", password=DEMO_PASSWORD, first_name=first,
                    last_name=fake.last_name(), is_staff=role == Role.ADMIN,
                )  # fmt: skip
                Membership.objects.create(user=user, agency=agency, role=role)
                users[suffix] = user
            Membership.objects.filter(user__in=[users["peksos1"], users["peksos2"]]).update(
                supervisor=users["supervisor"]
            )
            workers = [users["peksos1"], users["peksos2"], users["supervisor"]]
            villages = [c for c in REGIONS if c.startswith(region_code) and c.count(".") == 3]
            per_agency = n_clients // len(AGENCIES)
            for i in range(per_agency):
                worker = workers[i % len(workers)]
                self._client_with_case(fake, rnd, worker, villages, today, i)
        broker_demo.seed(rnd=rnd, fake=fake, today=today)

    def _client_with_case(self, fake, rnd, worker, villages, today, i):
        sex = rnd.choice("FM")
        age = rnd.choice([rnd.randint(3, 17), rnd.randint(18, 59), rnd.randint(60, 85)])
        birth = today - timedelta(days=age * 365 + rnd.randint(0, 364))
        village = rnd.choice(villages)
        district = Region.parent_code(village)
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        name = f"{first} {fake.last_name()}"
        ppks = rnd.sample(PPKS.values, k=rnd.choice([1, 1, 2]))
        client = client_services.client_register(
            actor=worker,
            confirm_similar=True,
            data={
                "kind": Client.Kind.INDIVIDUAL if i % 10 else Client.Kind.FAMILY,
                "full_name": name,
                "nickname": first.split()[0],
                "nik": make_nik(district, birth, sex, 1000 + i) if i % 7 else "",
                "sex": sex,
                "birth_date": birth,
                "birth_place": fake.city_name(),
                "address": fake.street_address(),
                "region": Region.objects.get(code=village),
                "phone": fake.phone_number()[:20],
                "religion": rnd.choice(Religion.values[:-1]),
                "ppks_categories": ppks,
                "disabilities": [rnd.choice(Disability.values)] if "disabilitas" in ppks else [],
            },
        )
        for relation, msex, offset in [(Relation.MOTHER, "F", 25), (Relation.FATHER, "M", 28)]:
            client_services.family_member_add(
                actor=worker, client=client,
                data={"name": fake.name_female() if msex == "F" else fake.name_male(), "sex": msex,
                      "birth_year": birth.year - offset, "relation": relation,
                      "is_alive": rnd.random() > 0.15, "in_household": age < 18},
            )  # fmt: skip
        minor = age < 18
        client_services.consent_record(
            actor=worker, client=client,
            data={"purpose": Consent.Purpose.CASE_MANAGEMENT, "lawful_basis": Consent.LawfulBasis.CONSENT,
                  "given_by": Consent.GivenBy.GUARDIAN if minor else Consent.GivenBy.CLIENT,
                  "guardian_name": fake.name() if minor else "", "method": Consent.Method.WRITTEN,
                  "data_types": "identitas, kesehatan, keluarga"},
        )  # fmt: skip
        if i % 5 == 4:
            return  # some clients have no case yet
        case = case_services.case_open(
            actor=worker, client=client, presenting_problem=rnd.choice(PROBLEMS),
            risk_level=rnd.choice(RiskLevel.values), assigned_worker=worker,
        )  # fmt: skip
        target = i % len(Stage.values)
        for stage in Stage.values[1 : target + 1]:
            case_services.case_move_stage(
                actor=worker, case=case, to_stage=stage, expected_version=case.version
            )
        for k in range(rnd.randint(1, 4)):
            case_services.note_add(
                actor=worker, case=case,
                data={"kind": rnd.choice(ProgressNote.Kind.values), "practice_role": rnd.choice(ProgressNote.PracticeRole.values),
                      "confidentiality": "restricted" if k == 3 else "normal",
                      "occurred_on": today - timedelta(days=rnd.randint(0, 60)), "body": rnd.choice(NOTES)},
            )  # fmt: skip
        for _k in range(rnd.randint(0, 2)):
            case_services.task_add(
                actor=worker, case=case, title=rnd.choice(TASKS),
                due_date=today + timedelta(days=rnd.randint(-10, 20)), assignee=worker,
            )  # fmt: skip
        if target == len(Stage.values) - 1 and i % 2:
            case_services.case_close(
                actor=worker,
                case=case,
                reason=ClosureReason.GOALS_MET,
                expected_version=case.version,
                note="",
            )
