"""Demo regions and clients with family members and consents (`manage.py demo`).

Each client is left in `demo.made["clients"]` with its worker and age for the
seeders after this one (casework opens their cases).
"""

from datetime import timedelta

from django.utils import timezone

from pendamping.clients import services as client_services
from pendamping.clients.choices import PPKS, Disability, Relation, Religion
from pendamping.clients.models import Client, Consent, Region
from pendamping.clients.nik import make_nik

REGIONS = {
    "32": "Jawa Barat", "32.73": "Kota Bandung", "32.73.01": "Sukasari", "32.73.02": "Coblong",
    "32.73.05": "Andir", "32.73.01.1001": "Sukarasa", "32.73.01.1002": "Gegerkalong",
    "32.73.02.1001": "Cipaganti", "32.73.02.1002": "Lebak Gede", "32.73.05.1001": "Maleber",
    "32.73.05.1002": "Dungus Cariang", "32.73.05.1003": "Ciroyom",
    "33": "Jawa Tengah", "33.74": "Kota Semarang", "33.74.01": "Semarang Tengah",
    "33.74.02": "Semarang Utara", "33.74.01.1001": "Miroto", "33.74.01.1002": "Brumbungan",
    "33.74.02.1001": "Bandarharjo", "33.74.02.1002": "Bulu Lor",
}  # fmt: skip


def seed(demo) -> None:
    for code, name in sorted(REGIONS.items(), key=lambda kv: kv[0].count(".")):
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": Region.level_of(code),
                "parent_id": Region.parent_code(code),
            },
        )
    made = demo.made.setdefault("clients", [])
    for prefix, agency in demo.agencies.items():
        users = demo.users[prefix]
        workers = [users["peksos1"], users["peksos2"], users["supervisor"]]
        region_code = agency.region_code
        villages = [c for c in REGIONS if c.startswith(region_code) and c.count(".") == 3]
        for i in range(demo.options.get("clients", 200) // len(demo.agencies)):
            worker = workers[i % len(workers)]
            client, age = _client(demo, worker, villages, i)
            made.append({"client": client, "worker": worker, "age": age, "i": i})


def _client(demo, worker, villages, i):
    fake, rnd, today = demo.fake, demo.rnd, demo.today
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
            # a mobile number the client form accepts (Faker's "(0xx) ..." has brackets)
            "phone": f"08{rnd.randint(11, 99)}-{rnd.randint(1000, 9999)}-{rnd.randint(1000, 9999)}",
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
              "guardian_name": fake.name() if minor else "", "method": Consent.Method.VERBAL,
              "witness_name": fake.name(), "given_on": timezone.localdate(),
              "data_categories": ["identity", "contact", "family", "health"]},
    )  # fmt: skip
    return client, age
