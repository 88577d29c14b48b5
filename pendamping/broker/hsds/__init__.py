"""Open Referral HSDS 3.0 import and export of the resource directory.

One module per phase. This package re-exports the names callers use through
`from pendamping.broker import hsds`; new code imports from the module itself.

- `schema`: what both directions share: the region scheme, language names, the
  pseudo terms (sex, PPKS, capacity), `child_id`, and the compiled-schema validators.
- `export`: HSDS objects out of the directory, and the querysets that load them.
- `load`: JSON files or folders read into objects (`load_path`).
- `report`: what an import answers (`ImportReport`, `ImportIssue`, `HsdsLoadError`).
- `importer`: `import_objects` and `import_path`, the rules of an import, and the
  importer that runs its phases in one transaction:
  - `records`: the parsed records and the state the phases share;
  - `parse`: telling services from organizations, schema checks, the two records;
  - `children`: phones, contacts, locations, schedules, languages, service areas,
    service-at-locations;
  - `attributes`: taxonomy terms, eligibility and capacity of a service;
  - `resolve`: checks across the batch and against the database;
  - `write`: saving what was parsed, once there is no error.
"""

from .export import (
    export_organization,
    export_organizations,
    export_service,
    export_services,
    organizations_for_export,
    services_for_export,
)
from .importer import import_objects, import_path
from .load import load_path
from .report import HsdsLoadError, ImportReport
from .schema import child_id

__all__ = [
    "HsdsLoadError",
    "ImportReport",
    "child_id",
    "export_organization",
    "export_organizations",
    "export_service",
    "export_services",
    "import_objects",
    "import_path",
    "load_path",
    "organizations_for_export",
    "services_for_export",
]
