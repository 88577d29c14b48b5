"""Demo mediations (`manage.py demo`), through the services, in every demo agency:

- a family mediation after a separation, on the care of the children: both parents,
  ground rules, the two-sided map, a caucus with each, an agreement signed with
  terms followed up (one complied with, one overdue and escalated);
- a juvenile diversion with the victim's family: the child (with a parent) and the
  victim's family, the investigation started five days ago (its clock running out)
  and a social report asked for;
- a neighbours' dispute in shuttle mode (coercion was screened), being explored;
- one refused by the gate (sexual violence by an adult): nothing is saved, and the
  worker's note on the case records the referral to UPTD PPA instead.

Then the periodic check runs once, so the escalated term is in the supervisor's inbox.
"""

from datetime import timedelta

from pendamping.cases import services as case_services

from . import services
from .escalation import escalate_due


def seed(demo) -> None:
    for _prefix, agency in demo.agencies.items():
        cases = [c for c in demo.made.get("cases", []) if c.agency_id == agency.pk and c.is_open]
        if len(cases) >= 4:
            _agency(demo, cases[:4])
    escalate_due(today=demo.today)


def _parties(worker, m, specs):
    out = []
    for client, data in specs:
        party = services.party_add(actor=worker, mediation=m, client=client, data=data)
        services.party_consent(actor=worker, party=party, method="written")
        party.refresh_from_db()
        out.append(party)
    return out


def _agency(demo, cases) -> None:
    today = demo.today
    family, diversion, neighbours, refused = cases
    worker = family.assigned_worker

    # 1. family: care of the children after a separation
    m = services.mediation_open(
        actor=worker, cases=[family],
        data={"kind": "family", "issue": "Pengasuhan dan nafkah dua anak setelah orang tua berpisah",
              "child_party": False},
    )  # fmt: skip
    mother, father = _parties(worker, m, [
        (family.client, {"relationship": "Ibu anak-anak"}),
        (None, {"name": demo.fake.name_male(), "relationship": "Ayah anak-anak",
                "contact": demo.fake.phone_number()}),
    ])  # fmt: skip
    services.stage_set(actor=worker, mediation=m, stage="opening")
    services.neutrality_declare(actor=worker, mediation=m, conflict=False)
    services.rule_add(actor=worker, mediation=m, text="Berbicara bergantian, tidak memotong",
                      agreed_by=[mother, father], agreed_on=today - timedelta(days=40))  # fmt: skip
    services.rule_add(actor=worker, mediation=m, text="Tidak membahas masalah di depan anak",
                      agreed_by=[mother, father], agreed_on=today - timedelta(days=40))  # fmt: skip
    services.boundaries_set(actor=worker, mediation=m,
                            inside="Jadwal bertemu anak, nafkah anak, sekolah anak.",
                            outside="Pembagian harta bersama (diurus di pengadilan agama).")  # fmt: skip
    services.stage_set(actor=worker, mediation=m, stage="exploring")
    issue = services.issue_add(actor=worker, mediation=m, title="Jadwal bertemu anak")
    services.perception_save(actor=worker, issue=issue, party=mother, data={
        "position": "Anak tinggal dengan saya, ayah datang sebulan sekali.",
        "interests": "Anak tenang dan sekolahnya tidak terganggu.",
        "view_of_other": "Ia jarang datang tepat waktu.", "feelings": "Cemas, lelah."})  # fmt: skip
    services.perception_save(actor=worker, issue=issue, party=father, data={
        "position": "Saya mau bertemu anak setiap akhir pekan.",
        "interests": "Tetap dekat dengan anak-anak.",
        "view_of_other": "Ia menjauhkan anak dari saya.", "feelings": "Sedih, marah."})  # fmt: skip
    services.common_ground_set(actor=worker, issue=issue,
                               text="Keduanya ingin anak tetap dekat dengan kedua orang tua.")  # fmt: skip
    for party, note in (
        (mother, "Ibu khawatir ayah membawa anak ke rumah orang tuanya."),
        (father, "Ayah sedang kehilangan pekerjaan dan malu mengakuinya."),
    ):
        services.session_record(actor=worker, mediation=m, kind="caucus",
                                held_on=today - timedelta(days=30), caucus_party=party,
                                notes=note, attendance={party.pk: ("present", "")})  # fmt: skip
    services.obstacle_save(actor=worker, mediation=m, data={
        "description": "Ayah belum punya penghasilan tetap", "channel": "Rujuk ke pelatihan kerja",
        "who_acts": "Pekerja sosial", "status": "working"})  # fmt: skip
    services.stage_set(actor=worker, mediation=m, stage="obstacles_options")
    services.option_add(actor=worker, mediation=m, text="Akhir pekan berselang", chosen=True)
    services.option_add(actor=worker, mediation=m, text="Sebulan sekali")
    services.session_record(actor=worker, mediation=m, kind="joint",
                            held_on=today - timedelta(days=21),
                            notes="Kedua pihak menyepakati jadwal dan nafkah.",
                            attendance={mother.pk: ("present", ""), father.pk: ("present", "")})  # fmt: skip
    services.stage_set(actor=worker, mediation=m, stage="agreement")
    complied = services.term_add(actor=worker, mediation=m, text="Anak menginap di rumah ayah "
                                 "setiap akhir pekan kedua", responsible=mother,
                                 due_on=today - timedelta(days=7), how_checked="Telepon kedua pihak")  # fmt: skip
    services.term_add(actor=worker, mediation=m, text="Nafkah anak Rp750.000 per bulan",
                      responsible=father, due_on=today - timedelta(days=10),
                      how_checked="Bukti transfer")  # fmt: skip
    services.term_add(actor=worker, mediation=m, text="Ayah hadir di rapat sekolah",
                      responsible=father, due_on=today + timedelta(days=5),
                      how_checked="Tanya wali kelas")  # fmt: skip
    services.agreement_sign(actor=worker, mediation=m, signed_on=today - timedelta(days=20))
    services.term_check(actor=worker, term=complied, compliance="complied",
                        checked_on=today - timedelta(days=6))  # fmt: skip

    # 2. juvenile diversion with the victim's family
    worker = diversion.assigned_worker
    m = services.mediation_open(
        actor=worker, cases=[diversion],
        data={"kind": "juvenile_diversion", "issue": "Anak diduga mencuri sepeda motor tetangga",
              "child_party": True, "offence": "Pencurian (KUHP Pasal 362)",
              "max_sentence_months": 60, "repeat_offence": False, "level": "investigation",
              "level_started_on": today - timedelta(days=5)},
    )  # fmt: skip
    services.mediation_update(
        actor=worker, mediation=m, data={"social_report_requested_on": today - timedelta(days=1)}
    )
    _parties(worker, m, [
        (diversion.client, {"relationship": "Anak yang diduga pelaku", "is_child": True,
                            "representative_name": demo.fake.name(),
                            "representative_role": "parent"}),
        (None, {"name": demo.fake.name(), "relationship": "Orang tua korban",
                "representative_name": "Ketua RW", "representative_role": "community_leader"}),
    ])  # fmt: skip

    # 3. neighbours, in shuttle mode
    worker = neighbours.assigned_worker
    m = services.mediation_open(
        actor=worker, cases=[neighbours],
        data={"kind": "neighbours", "issue": "Pagar dan saluran air di batas tanah",
              "violence_or_coercion": True},
    )  # fmt: skip
    one, two = _parties(worker, m, [
        (neighbours.client, {"relationship": "Tetangga"}),
        (None, {"name": demo.fake.name(), "relationship": "Tetangga"}),
    ])  # fmt: skip
    services.stage_set(actor=worker, mediation=m, stage="opening")
    services.neutrality_declare(actor=worker, mediation=m, conflict=False)
    services.stage_set(actor=worker, mediation=m, stage="exploring")
    services.session_record(actor=worker, mediation=m, kind="shuttle",
                            held_on=today - timedelta(days=3),
                            notes="Mediator menyampaikan usulan dari satu rumah ke rumah lain.",
                            attendance={one.pk: ("present", ""), two.pk: ("present", "")})  # fmt: skip

    # 4. refused by the gate: nothing saved; the worker's note says what was done instead
    worker = refused.assigned_worker
    try:
        services.mediation_open(
            actor=worker, cases=[refused],
            data={"kind": "family", "issue": "Keluarga ingin berdamai atas pelecehan",
                  "sexual_violence": True, "perpetrator_is_child": False},
        )  # fmt: skip
    except services.GateRefused:
        case_services.note_add(actor=worker, case=refused, data={
            "kind": "office", "practice_role": "mediator",
            "body": "Keluarga meminta mediasi. Tidak dapat dimediasi (UU 12/2022 TPKS Pasal 23); "
                    "korban dirujuk ke UPTD PPA dan lembaga bantuan hukum."})  # fmt: skip
