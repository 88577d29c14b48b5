"""The demo seeding of the broker: regions, the directory, needs, referrals, gaps.

`seed` writes the tables of the sibling modules through the services, drawing from
the demo command's `rnd` and `fake` in a fixed order.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from pendamping.accounts.models import User
from pendamping.cases import services as need_services
from pendamping.cases.models import Case, Urgency
from pendamping.clients import services as client_services
from pendamping.clients.models import Client, Consent, Region
from pendamping.taxonomy.models import TaxonomyTerm

from .. import matching, services
from ..models import Capacity, Gap, Initiative, ReferralStatus
from .directory import directory_orgs
from .needs import NEED_TEXT, PROBLEM_TERMS, URGENT_TERMS
from .places import DISTRICTS, REGENCIES, STREETS, VILLAGES, regency_name, regency_of
from .providers import Org, Svc
from .referrals import LIVE, PATHS, REASONS, STATUS_WEIGHTS

S = ReferralStatus


class _Seeder:
    def __init__(self, rnd: random.Random, fake, today):
        self.rnd, self.fake, self.today = rnd, fake, today
        self.users = {u.username: u for u in User.objects.filter(username__regex=r"^(bdg|smg)\.")}
        self.by_id = {u.pk: u for u in self.users.values()}
        self.agency = {p: self.users[f"{p}.admin"].membership.agency for p in ("bdg", "smg")}
        self.terms = {t.code: t for t in TaxonomyTerm.objects.all()}
        self.regions: dict[str, Region] = {}
        self.referred_consent: set[int] = set()

    def user(self, prefix: str, *names: str) -> User:
        return self.users[f"{prefix}.{self.rnd.choice(names)}"]

    # -- places
    def add_regions(self) -> None:
        rows = {code: (name,) for code, (name, *_rest) in REGENCIES.items()}
        rows |= {code: (name,) for code, (name, _lat, _lon) in DISTRICTS.items()}
        rows |= {"32": ("Jawa Barat",), "33": ("Jawa Tengah",)}
        for code, (name,) in sorted(rows.items(), key=lambda kv: kv[0].count(".")):
            region, _created = Region.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": Region.level_of(code),
                    "parent_id": Region.parent_code(code),
                },
            )
            self.regions[code] = region

    def point(self, district: str, spread: float = 0.006) -> tuple[float, float]:
        _name, lat, lon = DISTRICTS[district]
        r = self.rnd
        lat, lon = lat + r.uniform(-spread, spread), lon + r.uniform(-spread, spread)
        return round(lat, 6), round(lon, 6)

    def phone(self, district: str, cell: bool = False) -> str:
        r = self.rnd
        if cell:
            return f"08{r.choice(['11', '12', '13', '21', '22', '52', '57', '77', '95'])}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
        return f"({REGENCIES[regency_of(district)][2]}) {r.randint(2000000, 8999999)}"

    def address(self, district: str) -> tuple[str, str]:
        reg = regency_of(district)
        street = self.rnd.choice(STREETS[reg])
        prefix = REGENCIES[reg][3]
        postal = prefix + "".join(str(self.rnd.randint(1, 9)) for _ in range(5 - len(prefix)))
        return f"{street} No. {self.rnd.randint(1, 250)}", postal

    # -- directory
    def add_directory(self) -> None:
        for spec in directory_orgs(self.rnd):
            self.add_org(spec)

    def add_org(self, spec: Org) -> None:
        r = self.rnd
        reg = regency_of(spec.district)
        recorder = spec.recorder or REGENCIES[reg][1]
        actor = self.user(recorder, "admin", "admin", "peksos1", "peksos2", "supervisor")
        shared = spec.shared if spec.shared is not None else r.random() < 0.65
        org = services.organization_save(
            actor=actor,
            data={
                "name": spec.name,
                "alternate_name": spec.alternate_name,
                "description": spec.description,
                "website": spec.website,
                "legal_status": spec.legal,
                "receiving_agency": self.agency[spec.receiving] if spec.receiving else None,
                "shared": shared,
                "phone": self.phone(spec.district),
            },
        )
        locations = []
        for i, district in enumerate((spec.district, *spec.more)):
            if i and district == spec.district:  # a second site in the same district
                lat, lon = self.point(district, 0.012)
            else:
                lat, lon = self.point(district)
            street, postal = self.address(district)
            name = (
                spec.location_names[i]
                if i < len(spec.location_names)
                else (
                    "Kantor " + spec.name if i == 0 else f"{spec.name} – {DISTRICTS[district][0]}"
                )
            )
            locations.append(
                services.location_add(
                    actor=actor,
                    organization=org,
                    data={
                        "name": name,
                        "address_1": street,
                        "city": regency_name(regency_of(district)),
                        "postal_code": postal,
                        "region": self.regions[district],
                        "latitude": lat,
                        "longitude": lon,
                    },
                )
            )
        west = spec.district.startswith("32")
        for svc in spec.services:
            self.add_service(actor, org, spec, svc, locations, shared, west)

    def add_service(self, actor, org, spec: Org, svc: Svc, locations, shared, west) -> None:
        r = self.rnd
        capacity = (
            svc.capacity
            or r.choices(
                [Capacity.AVAILABLE, Capacity.WAITLIST, Capacity.NONE, Capacity.UNKNOWN],
                weights=[68, 15, 5, 12],
            )[0]
        )
        count = None
        if svc.places is not None and capacity in (Capacity.AVAILABLE, Capacity.WAITLIST):
            count = r.randint(*svc.places)
            if count == 0:
                capacity = Capacity.WAITLIST
        elif svc.places is not None and capacity == Capacity.NONE:
            count = 0
        if svc.area == "district":
            areas = [spec.district]
        elif svc.area == "regency":
            areas = [regency_of(spec.district)]
        elif svc.area == "province":
            areas = [spec.district[:2]]
        elif svc.area == "none":
            areas = []
        else:
            areas = list(svc.area)
        if svc.languages:
            languages = list(svc.languages)
        else:
            languages = ["id", "su" if west else "jv"] if r.random() < 0.7 else ["id"]
        days, opens, closes = svc.hours or ([], None, None)
        at = locations if svc.at is None else [locations[min(svc.at, len(locations) - 1)]]
        services.service_save(
            actor=actor,
            data={
                "organization": org,
                "name": svc.name,
                "description": svc.description,
                "status": "active",
                "terms": [self.terms[t] for t in svc.terms],
                "locations": at,
                "capacity": capacity,
                "capacity_count": count,
                "minimum_age": svc.min_age,
                "maximum_age": svc.max_age,
                "eligible_sexes": list(svc.sexes),
                "eligible_ppks": list(svc.ppks),
                "eligibility_description": svc.eligibility,
                "languages": languages,
                "required_documents": list(svc.docs),
                "service_areas": areas,
                "application_process": svc.apply,
                "fees_description": svc.fees,
                "days": list(days),
                "opens_at": opens,
                "closes_at": closes,
                "phone": self.phone(spec.district, cell=True) if svc.phone else "",
                # most services of a shared provider are shared, a few kept in-house
                "shared": shared and (spec.receiving is not None or r.random() > 0.1),
            },
        )

    # -- needs
    def open_cases(self, prefix: str) -> list[Case]:
        return list(
            Case.objects.alive()
            .filter(agency=self.agency[prefix], closed_at__isnull=True)
            .select_related("client")
            .order_by("pk")
        )

    def place_client(self, client: Client) -> None:
        if client.latitude is not None:
            return
        lat, lon = VILLAGES.get(client.region_id, (None, None))
        if lat is None:
            return
        r = self.rnd
        client.latitude = round(lat + r.uniform(-0.004, 0.004), 6)
        client.longitude = round(lon + r.uniform(-0.004, 0.004), 6)
        Client.objects.filter(pk=client.pk).update(
            latitude=client.latitude, longitude=client.longitude
        )

    def add_need(self, case: Case, code: str, text: str | None = None):
        self.place_client(case.client)
        urgency = (
            Urgency.URGENT
            if code in URGENT_TERMS and self.rnd.random() < 0.6
            else self.rnd.choice([Urgency.LOW, Urgency.MEDIUM, Urgency.MEDIUM, Urgency.HIGH])
        )
        return need_services.need_add(
            actor=self.by_id[case.assigned_worker_id],
            case=case,
            term=self.terms[code],
            description=text or self.rnd.choice(NEED_TEXT[code]),
            urgency=urgency,
        )

    def terms_for(self, case: Case) -> list[str]:
        client = case.client
        age, sex = client.age(), client.sex
        age = 30 if age is None else age
        for key, options in PROBLEM_TERMS.items():
            if key in case.presenting_problem:
                fitting = [code for code, fits in options if fits is None or fits(age, sex)]
                k = min(len(fitting), self.rnd.choice([1, 1, 2]))
                return fitting[:k]
        return []

    def consent_referral(self, case: Case) -> None:
        client = case.client
        if client.pk in self.referred_consent:
            return
        age = client.age()
        minor = age is not None and age < 18
        client_services.consent_record(
            actor=self.by_id[case.assigned_worker_id],
            client=client,
            data={
                "purpose": Consent.Purpose.REFERRAL,
                "lawful_basis": Consent.LawfulBasis.CONSENT,
                "given_by": Consent.GivenBy.GUARDIAN if minor else Consent.GivenBy.CLIENT,
                "guardian_name": self.fake.name() if minor else "",
                "method": Consent.Method.VERBAL,
                "witness_name": self.fake.name(),
                "given_on": timezone.localdate(),
                "data_categories": ["identity", "contact"],
            },
        )
        self.referred_consent.add(client.pk)

    # -- referrals
    def receiver_for(self, referral, sender: User) -> User:
        if referral.receiving_agency_id:
            prefix = "bdg" if referral.receiving_agency_id == self.agency["bdg"].pk else "smg"
            return self.user(prefix, "peksos1", "peksos2", "supervisor")
        return sender

    def refer(self, need, service, status: str, *, note: str = ""):
        r = self.rnd
        sender = self.by_id[need.case.assigned_worker_id]
        if status in LIVE and r.random() < 0.3:
            follow_up = self.today - timedelta(days=r.randint(1, 14))  # overdue
        elif status in LIVE or status == S.DRAFT:
            follow_up = self.today + timedelta(days=r.randint(3, 21))
        else:
            follow_up = self.today - timedelta(days=r.randint(0, 30))
        fields = ["full_name", "sex", "age", "region"]
        if "dokumen" in need.term.code or r.random() < 0.3:
            fields += ["phone", "address"]
        referral = services.referral_create(
            actor=sender,
            need=need,
            service=service,
            follow_up_date=follow_up,
            note_for_receiver=note or f"{need.description} Mohon dapat ditindaklanjuti.",
            shared_fields=fields,
            send=False,
        )
        for step in PATHS[status]:
            side = referral.next_statuses()[step]
            actor = sender if side == "sender" else self.receiver_for(referral, sender)
            referral = services.referral_transition(
                actor=actor,
                referral=referral,
                to_status=step,
                reason="" if step == S.REQUESTED else r.choice(REASONS[step]),
                expected_version=referral.version,
            )
        return referral

    def suggestions(self, need) -> list:
        result = matching.match(need)
        return [s.service for s in result.suggestions if s.has_capacity][:3]

    def add_referrals(self, needs: list) -> None:
        """Refer about half of the needs of consenting clients; every status at least once."""
        r = self.rnd
        pool = [n for n in needs if n.case.client_id in self.referred_consent]
        r.shuffle(pool)
        target = max(14, round(len(pool) * 0.45))
        statuses = list(STATUS_WEIGHTS)
        made = 0
        for need in pool:
            if made >= target:
                break
            found = self.suggestions(need)
            if not found:
                continue
            status = (
                statuses[made]
                if made < len(statuses)
                else r.choices(statuses, weights=list(STATUS_WEIGHTS.values()))[0]
            )
            made += 1
            self.refer(need, found[0] if r.random() < 0.6 else r.choice(found), status)
            again = status in (S.REJECTED, S.FAILED, S.ENTERED_IN_ERROR) and len(found) > 1
            if again and r.random() < 0.6:
                # referred again to the next suggestion (or a new one after the error)
                self.refer(need, found[1], r.choice([S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS]))

    def cross_agency(self, sender: str, receiver_org: str, term: str, text: str, note: str, plan):
        """Needs of the `sender` agency referred to the other agency's services."""
        service = (
            TaxonomyTerm.objects.get(code=term)
            .services.filter(organization__name=receiver_org, shared=True)
            .exclude(agency=self.agency[sender])
            .first()
        )
        cases = [c for c in self.open_cases(sender) if c.client_id in self.referred_consent]
        for case, status in zip(cases[-len(plan) :], plan, strict=False):
            need = self.add_need(case, term, text)
            self.refer(need, service, status, note=note)

    # -- gaps and initiatives
    def ensure_needs(self, prefix: str, code: str, k: int, prefer) -> None:
        """Make sure `k` open cases of the agency have an open need of `code`."""
        cases = self.open_cases(prefix)
        have = {c.pk for c in cases if c.needs.filter(term__code=code, status="open").exists()}
        pool = sorted(
            (c for c in cases if c.pk not in have),
            key=lambda c: (not prefer(c.client), c.pk),
        )
        for case in pool[: max(0, k - len(have))]:
            self.add_need(case, code)

    def add_initiative(self) -> None:
        gaps = Gap.objects.filter(
            agency=self.agency["smg"], closed_at__isnull=True, term__code="aksesibilitas.alat_bantu"
        )
        services.initiative_save(
            actor=self.users["smg.supervisor"],
            data={
                "title": "Bank alat bantu disabilitas Kota Semarang",
                "term": self.terms["aksesibilitas.alat_bantu"],
                "plan": "Tidak ada penyedia kursi roda, kruk dan alat bantu dengar dalam jangkauan "
                "klien kami. Rencana: (1) mendata kebutuhan alat bantu dari kasus terbuka; "
                "(2) mengajak BAZNAS dan CSR perusahaan membiayai pengadaan awal 20 kursi roda "
                "dan 15 alat bantu dengar; (3) YPAC Semarang mengukur dan melatih pemakaian; "
                "(4) alat dipinjamkan dan dikembalikan bila tidak dipakai lagi.",
                "partners": "Dinas Sosial Kota Semarang, BAZNAS Kota Semarang, YPAC Semarang, "
                "forum CSR Kota Semarang",
                "status": Initiative.Status.PLANNING,
                "gaps": list(gaps),
            },
        )

    def run(self) -> None:
        self.add_regions()
        self.add_directory()
        needs = []
        for prefix in ("bdg", "smg"):
            for case in self.open_cases(prefix):
                if self.rnd.random() > 0.6:
                    continue
                codes = self.terms_for(case)
                if not codes:
                    continue
                if self.rnd.random() < 0.85:
                    self.consent_referral(case)  # a few clients have not agreed yet
                for code in codes:
                    needs.append(self.add_need(case, code))
        # the holes in the directory, seen from the cases
        self.ensure_needs(
            "smg", "aksesibilitas.alat_bantu", 3, lambda c: "disabilitas" in c.ppks_categories
        )
        self.ensure_needs("bdg", "terapi.napza", 2, lambda c: 13 <= (c.age() or 0) <= 40)
        self.add_referrals(needs)
        for case in self.open_cases("bdg")[-3:] + self.open_cases("smg")[-3:]:
            self.consent_referral(case)
        self.cross_agency(
            "bdg",
            "LKS Anak Harapan (Semarang)",
            "keluarga.konseling",
            "Keluarga besar klien tinggal di Semarang; perlu konseling keluarga sebelum klien "
            "kembali diasuh kerabat.",
            "Keluarga inti klien tinggal di Kota Semarang. Mohon konseling keluarga jarak jauh "
            "dan asesmen kesiapan kerabat mengasuh.",
            [S.REQUESTED, S.IN_PROGRESS, S.COMPLETED],
        )
        self.cross_agency(
            "smg",
            "Dinas Sosial Kota Bandung – layanan antardaerah",
            "aksesibilitas.transportasi",
            "Klien berasal dari Kota Bandung dan ingin pulang; perlu pemulangan ke daerah asal.",
            "Klien warga Kota Bandung, telantar di Semarang. Mohon penjemputan dan pendampingan "
            "reintegrasi dengan keluarga di Bandung.",
            [S.REQUESTED, S.ACCEPTED, S.REJECTED],
        )
        self.add_initiative()


def seed(demo) -> None:
    """Add the broker's demo data (`manage.py demo` runs it once, in its transaction)."""
    _Seeder(demo.rnd, demo.fake, demo.today).run()
