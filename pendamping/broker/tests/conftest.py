"""A small resource directory around agency A's client in Bandung.

Client A lives in Andir, Kota Bandung (-6.9147, 107.5770), is a woman born
20 October 1990 (36 in 2026), with PPKS category `fakir_miskin`.
"""

from dataclasses import dataclass, field

import pytest

from pendamping.broker import services
from pendamping.broker.models import Capacity, Organization
from pendamping.cases import services as need_services
from pendamping.clients.models import Client
from pendamping.taxonomy.models import TaxonomyTerm

HOME = (-6.9147, 107.5770)


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


@dataclass
class Directory:
    org: Organization
    partner: Organization  # a provider that is itself agency B in Pendamping
    services: dict = field(default_factory=dict)
    need: object = None


def add_location(actor, org, name, lat, lon, region=None):
    return services.location_add(
        actor=actor,
        organization=org,
        data={"name": name, "address_1": f"Jl. {name}", "city": "Bandung",
              "latitude": lat, "longitude": lon, "region": region},
    )  # fmt: skip


def add_service(actor, org, name, terms, *, locations=(), **extra):
    data = {
        "organization": org,
        "name": name,
        "description": f"Layanan {name}",
        "status": "active",
        "terms": [term(t) for t in terms],
        "locations": list(locations),
        "capacity": extra.pop("capacity", Capacity.AVAILABLE),
        **extra,
    }
    return services.service_save(actor=actor, data=data)


@pytest.fixture
def directory(world, django_capture_on_commit_callbacks):
    a, b = world.a, world.b
    worker = a.users["worker"]
    Client.objects.filter(pk=a.client.pk).update(
        latitude=HOME[0], longitude=HOME[1], ppks_categories=["fakir_miskin"]
    )
    a.client.refresh_from_db()
    org = services.organization_save(
        actor=worker,
        data={"name": "Dinas Sosial Kota Bandung", "description": "Dinas sosial"},
    )
    # agency B publishes its own service for referrals from other agencies
    b_worker = b.users["worker"]
    partner = services.organization_save(
        actor=b_worker,
        data={"name": "LKS Harapan (Semarang)", "description": "LKS mitra",
              "receiving_agency": b.agency, "shared": True},
    )  # fmt: skip
    near = add_location(worker, org, "Kantor Andir", -6.9100, 107.5800)  # ~0.6 km
    far = add_location(worker, org, "Kantor Cimahi", -6.8722, 107.5425)  # ~6 km
    away = add_location(worker, org, "Kantor Garut", -7.2279, 107.9087)  # ~50 km
    partner_loc = add_location(b_worker, partner, "Rumah Harapan", -6.9200, 107.6000)
    d = Directory(org=org, partner=partner)
    with django_capture_on_commit_callbacks(execute=True):
        d.services["dapur"] = add_service(
            worker, org, "Dapur Umum Andir", ["hidup_layak.pangan"], locations=[near]
        )
        d.services["sembako"] = add_service(
            worker,
            org,
            "Paket Sembako Cimahi",
            ["hidup_layak.pangan"],
            locations=[far],
            capacity=Capacity.WAITLIST,
        )
        d.services["garut"] = add_service(
            worker, org, "Lumbung Pangan Garut", ["hidup_layak.pangan"], locations=[away]
        )
        d.services["umum"] = add_service(
            worker, org, "Bantuan Hidup Layak", ["hidup_layak"], locations=[near]
        )
        d.services["lansia"] = add_service(
            worker, org, "Makan Lansia", ["hidup_layak.pangan"], locations=[near], minimum_age=60
        )
        d.services["pria"] = add_service(
            worker,
            org,
            "Dapur Laki-laki",
            ["hidup_layak.pangan"],
            locations=[near],
            eligible_sexes=["M"],
        )
        d.services["mitra"] = add_service(
            b_worker,
            partner,
            "Dapur Harapan",
            ["hidup_layak.pangan"],
            locations=[partner_loc],
            shared=True,
        )
        d.need = need_services.need_add(
            actor=worker, case=a.case, term=term("hidup_layak.pangan"),
            description="Kekurangan makan sehari-hari", urgency="high",
        )  # fmt: skip
    return d
