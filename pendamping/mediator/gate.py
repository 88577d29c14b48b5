"""The safety and legal gate before a mediation opens (issue 12), a pure function.

- UU 12/2022 (TPKS) Art 23: a sexual-violence case cannot be settled outside the
  court, except where the perpetrator is a child. Such a mediation is barred; the
  screen says why and offers the alternatives (a referral to UPTD PPA or legal aid).
- UU 11/2012 (SPPA) Art 7(2): diversion only for an offence punishable by under
  seven years' imprisonment that is not a repeat offence.
- Violence or coercion between the parties, or a marked imbalance of power: the
  mediation may go on in shuttle mode only (no joint sessions, the parties never in
  one room) and its agreement is reviewed by the supervisor before it is signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# UU 11/2012 Art 7(2): "diancam dengan pidana penjara di bawah 7 (tujuh) tahun"
DIVERSION_MAX_SENTENCE_MONTHS = 7 * 12

TPKS_BAR = _(
    "Mediasi tidak dapat dibuka: UU 12/2022 tentang Tindak Pidana Kekerasan Seksual "
    "(TPKS) Pasal 23 melarang penyelesaian perkara kekerasan seksual di luar proses "
    "peradilan, kecuali pelakunya anak."
)
SPPA_BAR = _(
    "Diversi tidak dapat dibuka: UU 11/2012 tentang Sistem Peradilan Pidana Anak (SPPA) "
    "Pasal 7 ayat (2) hanya membolehkan diversi untuk tindak pidana yang diancam pidana "
    "penjara di bawah 7 tahun dan bukan pengulangan."
)
SPPA_MISSING = _(
    "Untuk diversi, isi ancaman pidana maksimal (dalam bulan) dari dugaan tindak pidana."
)
ALTERNATIVES = (
    _("Rujuk korban ke UPTD PPA (Perlindungan Perempuan dan Anak) setempat."),
    _("Rujuk ke lembaga bantuan hukum untuk pendampingan proses peradilan."),
    _("Catat kebutuhan perlindungan dan layanan pemulihan korban di kasusnya."),
)
# The one-click referrals of the refused screen: a need on the client's case with the
# service taxonomy's term, matched by the broker. UPTD PPA protects women and children
# who suffered violence: a safe house for an adult, child protection for a child.
REFERRALS = {
    "uptd_ppa": (_("Rujuk ke UPTD PPA"), "pengasuhan.rumah_aman", "pengasuhan.perlindungan_anak"),
    "legal_aid": (_("Rujuk ke bantuan hukum"), "aksesibilitas.bantuan_hukum",
                  "aksesibilitas.bantuan_hukum"),
    "recovery": (_("Rujuk ke layanan pemulihan"), "terapi.psikososial", "terapi.psikososial"),
}  # fmt: skip
REFERRAL_NOTE = (
    "Rujukan dari penyaringan mediasi: perkara kekerasan seksual tidak dapat dimediasi "
    "(UU 12/2022 TPKS Pasal 23)."
)


@dataclass(frozen=True)
class Screening:
    sexual_violence: bool = False
    perpetrator_is_child: bool = False
    violence_or_coercion: bool = False
    power_imbalance: bool = False
    child_party: bool = False
    diversion: bool = False
    max_sentence_months: int | None = None
    repeat_offence: bool = False


@dataclass(frozen=True)
class Decision:
    barred: bool
    reasons: tuple = ()
    alternatives: tuple = ()
    shuttle_only: bool = False
    supervisor_review: bool = False
    notes: tuple = field(default=())

    @property
    def message(self) -> str:
        return " ".join(str(r) for r in self.reasons)


def diversion_eligible(max_sentence_months: int | None, repeat_offence: bool) -> bool | None:
    """SPPA Art 7(2); None while the sentence is not known."""
    if max_sentence_months is None:
        return None
    return max_sentence_months < DIVERSION_MAX_SENTENCE_MONTHS and not repeat_offence


def decide(s: Screening) -> Decision:
    reasons, alternatives = [], ()
    if s.sexual_violence and not s.perpetrator_is_child:
        reasons.append(TPKS_BAR)
        alternatives = ALTERNATIVES
    if s.diversion:
        eligible = diversion_eligible(s.max_sentence_months, s.repeat_offence)
        if eligible is None:
            reasons.append(SPPA_MISSING)
        elif not eligible:
            reasons.append(SPPA_BAR)
    shuttle = s.violence_or_coercion or s.power_imbalance
    notes = ()
    if shuttle:
        notes = (
            _(
                "Ada kekerasan, paksaan atau ketimpangan kekuasaan: mediasi hanya secara "
                "ulang-alik (tanpa sesi bersama, para pihak tidak pernah dalam satu ruangan), "
                "dan kesepakatan ditinjau supervisor sebelum ditandatangani."
            ),
        )
    return Decision(
        barred=bool(reasons),
        reasons=tuple(reasons),
        alternatives=alternatives,
        shuttle_only=shuttle,
        supervisor_review=shuttle,
        notes=notes,
    )
