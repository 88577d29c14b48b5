"""Demo agencies and a user of every role in each (`manage.py demo`)."""

from pendamping.accounts.models import Agency, Membership, Role, User

DEMO_PASSWORD = "pendamping-demo"

AGENCIES = [
    ("bdg", "Dinas Sosial Kota Bandung", Agency.Kind.DINSOS, "32.73"),
    ("smg", "LKS Anak Harapan Semarang", Agency.Kind.LKS, "33.74"),
]


def seed(demo) -> None:
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
            (Role.DPO, "ppdp", "Lestari"),
        ]:
            user = User.objects.create_user(
                username=f"{prefix}.{suffix}", password=DEMO_PASSWORD, first_name=first,
                email=f"{prefix}.{suffix}@demo.pendamping.invalid",  # resets print on the console
                last_name=demo.fake.last_name(), is_staff=role == Role.ADMIN,
            )  # fmt: skip
            Membership.objects.create(user=user, agency=agency, role=role)
            users[suffix] = user
        Membership.objects.filter(user__in=[users["peksos1"], users["peksos2"]]).update(
            supervisor=users["supervisor"]
        )
        demo.agencies[prefix] = agency
        demo.users[prefix] = users
