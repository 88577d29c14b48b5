"""The demo loads a resource directory, needs, referrals in every status, gaps, an initiative."""

import io

from django.core.management import call_command

from pendamping.accounts.models import Agency
from pendamping.broker.models import (
    Gap,
    Initiative,
    Location,
    Organization,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Service,
)
from pendamping.cases.models import Need


def counts() -> tuple:
    models = [Organization, Location, Service, Need, Referral, ReferralUpdate, Gap, Initiative]
    return tuple(m.objects.count() for m in models)


def test_the_demo_fills_the_broker_once(db):
    call_command("demo", clients=40, stdout=io.StringIO())

    assert Service.objects.count() >= 250
    regencies = {code[:5] for code in Location.objects.values_list("region_id", flat=True)}
    assert len(regencies) >= 4
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert Gap.objects.filter(closed_at__isnull=True).exists()
    assert Initiative.objects.count() == 1
    assert Initiative.objects.get().gaps.exists()
    for agency in Agency.objects.all():
        incoming = Referral.objects.filter(receiving_agency=agency).exclude(
            status=ReferralStatus.DRAFT
        )
        assert incoming.exclude(agency=agency).exists(), agency.name

    before = counts()
    call_command("demo", clients=40, stdout=io.StringIO())
    assert counts() == before
