"""Demo places: the five regencies, their districts and villages, street names.

Pure data, plus the helpers that read a regency from a district code.
"""

# Regency code -> name, recording agency, phone area code, postal prefix, websites.
REGENCIES = {
    "32.73": ("Kota Bandung", "bdg", "022", "40", "bandung.go.id"),
    "32.04": ("Kabupaten Bandung", "bdg", "022", "40", "bandungkab.go.id"),
    "32.77": ("Kota Cimahi", "bdg", "022", "405", "cimahikota.go.id"),
    "33.74": ("Kota Semarang", "smg", "024", "50", "semarangkota.go.id"),
    "33.22": ("Kabupaten Semarang", "smg", "024", "505", "semarangkab.go.id"),
}
# District code -> (name, latitude, longitude of its centre).
DISTRICTS = {
    "32.73.01": ("Sukasari", -6.870, 107.588), "32.73.02": ("Coblong", -6.887, 107.613),
    "32.73.03": ("Babakan Ciparay", -6.938, 107.582), "32.73.05": ("Andir", -6.910, 107.580),
    "32.73.06": ("Cicendo", -6.902, 107.596), "32.73.07": ("Sukajadi", -6.885, 107.595),
    "32.73.09": ("Bandung Wetan", -6.903, 107.618), "32.73.11": ("Regol", -6.942, 107.610),
    "32.73.12": ("Batununggal", -6.928, 107.632), "32.73.13": ("Lengkong", -6.930, 107.620),
    "32.73.16": ("Kiaracondong", -6.925, 107.645), "32.73.18": ("Cibeunying Kaler", -6.893, 107.628),
    "32.73.19": ("Sumur Bandung", -6.915, 107.612), "32.73.20": ("Antapani", -6.912, 107.660),
    "32.73.22": ("Buahbatu", -6.948, 107.652), "32.73.26": ("Ujungberung", -6.912, 107.700),
    "32.04.05": ("Cileunyi", -6.940, 107.745), "32.04.08": ("Bojongsoang", -6.985, 107.640),
    "32.04.09": ("Margahayu", -6.968, 107.572), "32.04.12": ("Dayeuhkolot", -6.988, 107.625),
    "32.04.28": ("Rancaekek", -6.965, 107.765), "32.04.29": ("Ciparay", -7.035, 107.715),
    "32.04.32": ("Baleendah", -7.005, 107.625), "32.04.33": ("Majalaya", -7.045, 107.755),
    "32.04.37": ("Soreang", -7.030, 107.520),
    "32.77.01": ("Cimahi Selatan", -6.895, 107.535), "32.77.02": ("Cimahi Tengah", -6.880, 107.545),
    "32.77.03": ("Cimahi Utara", -6.868, 107.550),
    "33.74.01": ("Semarang Tengah", -6.978, 110.418), "33.74.02": ("Semarang Utara", -6.962, 110.412),
    "33.74.03": ("Semarang Timur", -6.978, 110.435), "33.74.04": ("Gayamsari", -6.990, 110.452),
    "33.74.05": ("Genuk", -6.970, 110.478), "33.74.06": ("Pedurungan", -7.005, 110.468),
    "33.74.07": ("Semarang Selatan", -6.995, 110.422), "33.74.08": ("Candisari", -7.012, 110.428),
    "33.74.09": ("Gajahmungkur", -7.010, 110.407), "33.74.10": ("Tembalang", -7.050, 110.440),
    "33.74.11": ("Banyumanik", -7.065, 110.420), "33.74.12": ("Gunungpati", -7.080, 110.375),
    "33.74.13": ("Semarang Barat", -6.985, 110.393), "33.74.15": ("Ngaliyan", -7.000, 110.350),
    "33.22.06": ("Tuntang", -7.265, 110.475), "33.22.10": ("Ambarawa", -7.265, 110.405),
    "33.22.11": ("Bawen", -7.240, 110.435), "33.22.13": ("Bergas", -7.195, 110.420),
    "33.22.18": ("Ungaran Barat", -7.140, 110.400), "33.22.19": ("Ungaran Timur", -7.130, 110.428),
}  # fmt: skip
# The villages of the demo's clients (see the demo command's REGIONS).
VILLAGES = {
    "32.73.01.1001": (-6.873, 107.585), "32.73.01.1002": (-6.868, 107.592),
    "32.73.02.1001": (-6.892, 107.604), "32.73.02.1002": (-6.890, 107.617),
    "32.73.05.1001": (-6.912, 107.575), "32.73.05.1002": (-6.916, 107.579),
    "32.73.05.1003": (-6.914, 107.588), "33.74.01.1001": (-6.983, 110.414),
    "33.74.01.1002": (-6.982, 110.423), "33.74.02.1001": (-6.956, 110.425),
    "33.74.02.1002": (-6.972, 110.404),
}  # fmt: skip
STREETS = {
    "32.73": ["Jl. Asia Afrika", "Jl. Merdeka", "Jl. Pasteur", "Jl. Soekarno-Hatta", "Jl. Ir. H. Juanda",
              "Jl. Cihampelas", "Jl. Kiaracondong", "Jl. Terusan Jakarta", "Jl. A.H. Nasution",
              "Jl. Kopo", "Jl. Pajajaran", "Jl. Peta", "Jl. Sukajadi", "Jl. Setiabudi"],
    "32.04": ["Jl. Raya Soreang", "Jl. Raya Banjaran", "Jl. Raya Dayeuhkolot", "Jl. Raya Rancaekek",
              "Jl. Raya Cileunyi", "Jl. Raya Majalaya", "Jl. Raya Laswi", "Jl. Bojongsoang"],
    "32.77": ["Jl. Jend. H. Amir Machmud", "Jl. Gatot Subroto", "Jl. Baros", "Jl. Cibabat",
              "Jl. Kolonel Masturi", "Jl. Demang Hardjakusumah"],
    "33.74": ["Jl. Pemuda", "Jl. Pandanaran", "Jl. Gajahmada", "Jl. Imam Bonjol", "Jl. Setiabudi",
              "Jl. Majapahit", "Jl. Kaligawe", "Jl. Siliwangi", "Jl. Dr. Sutomo", "Jl. Veteran",
              "Jl. Fatmawati", "Jl. Ngesrep Timur", "Jl. Brigjen Sudiarto"],
    "33.22": ["Jl. Gatot Subroto", "Jl. Diponegoro", "Jl. Jend. Sudirman", "Jl. Palagan",
              "Jl. Raya Bawen", "Jl. Letjen Suprapto"],
}  # fmt: skip


def regency_of(district: str) -> str:
    return district[:5]


def regency_name(code: str) -> str:
    return REGENCIES[code][0]


def short(code: str) -> str:
    """'Kota Bandung' -> 'Kota Bandung', 'Kabupaten Semarang' -> 'Kab. Semarang'."""
    return regency_name(code).replace("Kabupaten", "Kab.")
