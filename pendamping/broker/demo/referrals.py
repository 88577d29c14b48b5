"""The demo's referrals: the reasons given at each status, and the path to each status."""

from ..models import ReferralStatus

S = ReferralStatus

REASONS = {
    S.ACCEPTED: ["Berkas lengkap dan klien memenuhi syarat; jadwal asesmen awal sudah diberikan.",
                 "Diterima. Petugas kami akan menghubungi keluarga klien minggu ini.",
                 "Klien diterima; mohon datang dengan membawa KTP dan KK asli."],
    S.REJECTED: ["Kuota bulan ini sudah penuh; silakan ajukan kembali bulan depan.",
                 "Klien berdomisili di luar wilayah layanan kami.",
                 "Dokumen belum lengkap (KK dan SKTM); rujukan tidak dapat diproses.",
                 "Kebutuhan klien tidak sesuai dengan program kami; disarankan ke dinas sosial."],
    S.CANCELED: ["Klien memilih layanan lain yang lebih dekat dengan rumah.",
                 "Keluarga klien pindah ke luar kota.",
                 "Kebutuhan sudah terpenuhi lewat bantuan keluarga besar."],
    S.IN_PROGRESS: ["Klien mulai mengikuti layanan; sesi pertama sudah berlangsung.",
                    "Bantuan sedang diproses; klien sudah menjalani asesmen.",
                    "Klien hadir pada jadwal pertama dan bersedia melanjutkan."],
    S.ON_HOLD: ["Klien dirawat di rumah sakit; layanan ditunda sementara.",
                "Menunggu kelengkapan dokumen kependudukan klien.",
                "Klien pulang kampung selama dua minggu."],
    S.FAILED: ["Klien tidak datang pada tiga jadwal berturut-turut.",
               "Klien tidak dapat dihubungi setelah kunjungan pertama.",
               "Klien menolak melanjutkan layanan."],
    S.COMPLETED: ["Layanan selesai; klien sudah menerima bantuan sesuai rencana.",
                  "Klien telah menyelesaikan program dan kembali ke keluarga.",
                  "Dokumen sudah terbit dan diserahkan kepada klien."],
    S.ENTERED_IN_ERROR: ["Salah memilih layanan; rujukan dibuat ulang.",
                         "Rujukan tercatat ganda."],
}  # fmt: skip
# How a referral gets to each status, after it is created as a draft.
PATHS = {
    S.DRAFT: [],
    S.REQUESTED: [S.REQUESTED],
    S.ACCEPTED: [S.REQUESTED, S.ACCEPTED],
    S.REJECTED: [S.REQUESTED, S.REJECTED],
    S.CANCELED: [S.REQUESTED, S.CANCELED],
    S.IN_PROGRESS: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS],
    S.ON_HOLD: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD],
    S.FAILED: [S.REQUESTED, S.ACCEPTED, S.FAILED],
    S.COMPLETED: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED],
    S.ENTERED_IN_ERROR: [S.ENTERED_IN_ERROR],
}
STATUS_WEIGHTS = {
    S.DRAFT: 2, S.REQUESTED: 4, S.ACCEPTED: 3, S.REJECTED: 2, S.CANCELED: 1, S.IN_PROGRESS: 4,
    S.ON_HOLD: 1, S.FAILED: 1, S.COMPLETED: 5, S.ENTERED_IN_ERROR: 1,
}  # fmt: skip
LIVE = {S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}
