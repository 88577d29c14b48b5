"""Demo data for the broker: a resource directory, needs, referrals, gaps, an initiative.

`seed` runs at the end of `manage.py demo`, inside its transaction, after the two
agencies, their users, clients and cases exist. Every write goes through the
services, so case timelines, referral histories and the gap register are real.

The directory holds about 300 services of realistic providers in five regencies:
Kota Bandung, Kabupaten Bandung and Kota Cimahi (recorded by the Bandung agency),
Kota Semarang and Kabupaten Semarang (recorded by the Semarang agency). Each
agency also lists the other as a provider in Pendamping, so both have incoming
referrals. Two holes are left on purpose: no disability aid (`alat_bantu`)
anywhere in Central Java, and no free place in NAPZA rehabilitation around
Bandung; the needs that fall into them open gaps, and the Semarang agency plans
an initiative for the first.

The data are tables apart from the code that writes them: `places` (regions, their
centres and streets), `providers` (what kinds of provider offer, as `Org` and `Svc`),
`directory` (the providers of the five regencies), `needs` (the needs the cases'
problems lead to) and `referrals` (how referrals end up in each status); `seeder`
writes them through the services.
"""

from .seeder import seed

__all__ = ["seed"]
