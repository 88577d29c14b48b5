"""The bench's directory (bench/generate.py's `directory` step): providers with a
location each, four services apiece with their terms, areas and capacity, and the
word index's rows as the app writes them (broker/textindex.py)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime

from bench.names import FAMILY, STREETS
from pendamping.bulk import BulkWriter

NOW = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


class DirectoryWriter:
    """The Generator's directory step (it holds rng, regencies, agencies, centres,
    villages, region_names, n_services and counts)."""

    def directory(self) -> None:
        from pendamping.broker.models import (
            Capacity,
            Location,
            Organization,
            ProviderText,
            Service,
            ServiceArea,
            ServiceAtLocation,
            ServiceText,
        )
        from pendamping.broker.textindex import words
        from pendamping.taxonomy.models import TaxonomyTerm

        rng = self.rng
        terms = list(TaxonomyTerm.objects.values_list("pk", "parent_id", "name_id"))
        self.leaf_terms = [t for t in terms if t[1] is not None]
        orgs = BulkWriter(Organization, [
            "id", "agency", "shared", "name", "alternate_name", "description", "email",
            "created_at", "updated_at", "version", "deleted_at", "website", "legal_status",
            "tax_id", "receiving_agency",
        ])  # fmt: skip
        locations = BulkWriter(Location, [
            "id", "organization", "location_type", "name", "description", "address_1", "city",
            "postal_code", "region", "latitude", "longitude", "state_province", "country",
            "external_identifier", "external_identifier_type",
        ])  # fmt: skip
        services = BulkWriter(Service, [
            "id", "agency", "shared", "name", "alternate_name", "description", "email",
            "created_at", "updated_at", "version", "deleted_at", "organization", "status",
            "url", "application_process", "fees_description", "eligibility_description",
            "minimum_age", "maximum_age", "eligible_sexes", "eligible_ppks", "languages",
            "required_documents", "service_areas", "capacity", "capacity_count",
            "capacity_updated_at", "created_by", "other_areas", "mapped_terms",
        ])  # fmt: skip
        sal = BulkWriter(ServiceAtLocation, ["id", "service", "location", "description"])
        areas = BulkWriter(ServiceArea, ["service", "code"])
        # the directory's word index (services.index_service writes it in the app)
        texts = BulkWriter(ServiceText, ["service", "name", "provider", "description",
                                         "eligibility"])  # fmt: skip
        provider_texts = BulkWriter(ProviderText, ["organization", "name", "place", "description"])
        through = Service.terms.through
        service_terms = BulkWriter(through, ["service", "taxonomyterm"])
        capacities = [Capacity.AVAILABLE, Capacity.WAITLIST, Capacity.NONE, Capacity.UNKNOWN]
        kinds = ["Yayasan", "LKS", "Panti", "Puskesmas", "Rumah Sakit", "UPTD", "Balai"]
        age_bands = [(None, None)] * 5 + [(0, 17), (18, None), (60, None), (5, 21)]
        n_orgs = max(1, self.n_services // 4)
        self.services_by_term: dict = defaultdict(list)
        for o in range(n_orgs):
            regency = self.regencies[o % len(self.regencies)]
            agency = self.agencies[o % len(self.agencies)]
            org_id = uuid.uuid4()
            family = rng.choice(rng.choice(FAMILY))
            org_name = f"{rng.choice(kinds)} {family} {o}"
            orgs.add(
                id=org_id, agency=agency.pk, shared=True, name=org_name, alternate_name="",
                description="Lembaga pelayanan sosial.", email="", created_at=NOW, updated_at=NOW,
                version=1, deleted_at=None, website="", legal_status="", tax_id="",
                receiving_agency=None,
            )  # fmt: skip
            lat, lon = self.centres[regency]
            loc_id = uuid.uuid4()
            address = f"{rng.choice(STREETS)} No. {rng.randrange(1, 300)}"
            village = rng.choice(self.villages[regency])
            locations.add(
                id=loc_id, organization=org_id, location_type="physical", name="Kantor",
                description="", address_1=address, city="", postal_code="", region=village,
                latitude=round(lat + rng.gauss(0, 0.12), 6), longitude=round(lon + rng.gauss(0, 0.12), 6),
            )  # fmt: skip
            # the provider's words as services.index_provider writes them (textindex.py)
            place = ("Kantor", address, self.region_names[village])
            provider_texts.add(organization=org_id, name=words(org_name), place=words(*place),
                               description=words("Lembaga pelayanan sosial."))  # fmt: skip
            provider_words = words(org_name, *place)
            for s in range(4):
                term = rng.choice(self.leaf_terms)
                service_id = uuid.uuid4()
                low, high = rng.choice(age_bands)
                area = [regency] if rng.random() < 0.3 else []
                capacity = rng.choice(capacities)
                name = f"Layanan {term[2]} {family} {o}-{s}"
                description = f"{term[2]} bagi warga yang membutuhkan."
                services.add(
                    id=service_id, agency=agency.pk, shared=True, name=name, alternate_name="",
                    description=description, email="",
                    created_at=NOW, updated_at=NOW, version=1, deleted_at=None,
                    organization=org_id, status="active", url="", application_process="",
                    fees_description="Gratis", eligibility_description="", minimum_age=low,
                    maximum_age=high, eligible_sexes=[], eligible_ppks=[], languages=["id"],
                    required_documents=["KTP"], service_areas=area, capacity=capacity,
                    capacity_count=rng.randrange(0, 30) if capacity == Capacity.AVAILABLE else None,
                    capacity_updated_at=NOW, created_by=None,
                )  # fmt: skip
                texts.add(service=service_id, name=words(name), provider=provider_words,
                          description=words(description), eligibility="")  # fmt: skip
                service_terms.add(service=service_id, taxonomyterm=term[0])
                if rng.random() < 0.2:
                    service_terms.add(service=service_id, taxonomyterm=term[1])
                sal.add(id=uuid.uuid4(), service=service_id, location=loc_id, description="")
                for code in area:
                    areas.add(service=service_id, code=code)
                self.services_by_term[term[0]].append(service_id)
        for t in (orgs, provider_texts, locations, services, sal, areas, texts, service_terms):
            t.flush()
        self.counts["organizations"] = orgs.count
        self.counts["services"] = services.count
        self.counts["locations"] = locations.count
