"""Indonesian names with the spelling variants that real registers hold.

Each entry is one name as people say it, with the ways it is written: the
pre-1972 spelling (Soekarno, Djoko, Tjahjono), Arabic transliterations
(Muhammad, Mochamad), doubled letters (Sitti). The generator writes a random
variant; the search scenario looks a client up by another variant of the same
name, as a worker who heard the name, not read it, would type it.
"""

import random

from faker.providers.person.id_ID import Provider as FakerPerson

MALE_FIRST = [
    ["Muhammad", "Muhamad", "Mohammad", "Mochamad", "Mohamad", "Muhammat"],
    ["Ahmad", "Achmad", "Akhmad", "Ahmat"],
    ["Agus", "Agoes"],
    ["Budi", "Boedi"],
    ["Joko", "Djoko"],
    ["Cahyo", "Tjahjo", "Cahyono", "Tjahjono"],
    ["Yusuf", "Jusuf", "Yusup"],
    ["Sukarno", "Soekarno"],
    ["Suharto", "Soeharto"],
    ["Wahyu", "Wahju"],
    ["Rizky", "Rizki", "Rezky", "Risky"],
    ["Eko"],
    ["Dwi"],
    ["Slamet", "Selamet"],
    ["Rahmat", "Rachmat", "Rakhmat"],
    ["Hendra", "Hendrah"],
    ["Yohanes", "Johanes", "Johannes"],
    ["Imam"],
    ["Bambang"],
    ["Heru", "Herou"],
    ["Dedi", "Dedy", "Dede"],
    ["Andi", "Andy"],
    ["Fajar", "Fadjar"],
    ["Taufik", "Taufiq", "Topik"],
    ["Zulkifli", "Zulkifly", "Dzulkifli"],
    ["Nyoman", "Njoman"],
    ["Made"],
    ["Ketut"],
]
FEMALE_FIRST = [
    ["Siti", "Sitti", "Sity"],
    ["Sri", "Sry"],
    ["Dewi", "Dewie"],
    ["Nur", "Noer", "Nurul"],
    ["Putri", "Putry", "Poetri"],
    ["Fitri", "Fitry", "Fitriyani", "Fitriani"],
    ["Lestari"],
    ["Rahayu", "Rahajoe"],
    ["Wulandari", "Woelandari"],
    ["Ayu", "Ajoe"],
    ["Indah"],
    ["Maria", "Mariah"],
    ["Yuliana", "Juliana", "Yulianah"],
    ["Kartini", "Kartiny"],
    ["Nurhayati", "Noerhajati", "Nurhayaty"],
    ["Aisyah", "Aisah", "Aisjah", "Aishah"],
    ["Khadijah", "Hadijah", "Chadidjah"],
    ["Ratna"],
    ["Sumiati", "Soemiati"],
    ["Endang"],
    ["Wayan"],
    ["Komang"],
]
FAMILY = [
    ["Hidayat", "Hidajat"],
    ["Kurniawan", "Koerniawan"],
    ["Setiawan", "Setyawan", "Setijawan"],
    ["Purnomo", "Poernomo"],
    ["Hartono"],
    ["Susanto", "Soesanto", "Susantho"],
    ["Wijaya", "Widjaja", "Wijaja", "Widjaya"],
    ["Nugroho", "Noegroho"],
    ["Santoso", "Santosa", "Sentosa"],
    ["Saputra", "Saputera"],
    ["Pratama"],
    ["Siregar"],
    ["Nasution"],
    ["Simanjuntak"],
    ["Sulistyo", "Soelistyo", "Sulistio"],
    ["Suryadi", "Soerjadi", "Suryady"],
    ["Prasetyo", "Prasetijo", "Prasetio"],
    ["Rahman", "Rachman", "Rohman"],
    ["Hasibuan"],
    ["Harahap"],
    ["Syahputra", "Sjahputra", "Syahputera"],
    ["Gunawan", "Goenawan"],
    ["Utomo", "Oetomo"],
    ["Wibowo", "Wibowa"],
    ["Yulianto", "Julianto"],
    ["Ramadhan", "Ramadan"],
    ["Firmansyah", "Firmansjah"],
    ["Permana"],
    ["Sembiring"],
    ["Tanjung", "Tandjung"],
    ["Lubis"],
    ["Manurung"],
    ["Pangaribuan"],
    ["Daulay"],
    ["Sitompul"],
    ["Effendi", "Efendi", "Effendy"],
]
PLACES = [
    "Bandung", "Bogor", "Bekasi", "Depok", "Cirebon", "Garut", "Tasikmalaya", "Sukabumi",
    "Semarang", "Surakarta", "Surabaya", "Malang", "Medan", "Makassar", "Jakarta", "Yogyakarta",
]  # fmt: skip
STREETS = [
    "Jl. Merdeka", "Jl. Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Gg. Melati",
    "Jl. Kartini", "Jl. Pahlawan", "Gg. Mawar", "Jl. Siliwangi", "Jl. Pemuda",
]  # fmt: skip


def _pool(groups: list[list[str]], extra) -> list[list[str]]:
    """Names with spelling variants, plus Faker's Indonesian names (one spelling each)."""
    known = {s.lower() for g in groups for s in g}
    return [[n] for n in dict.fromkeys(extra) if n.lower() not in known]


_MALE_MORE = _pool(MALE_FIRST, FakerPerson.first_names_male)
_FEMALE_MORE = _pool(FEMALE_FIRST, FakerPerson.first_names_female)
_FAMILY_MORE = _pool(FAMILY, FakerPerson.last_names)


def _part(rng: random.Random, variants: list[list[str]], more: list[list[str]]) -> list[str]:
    return rng.choice(variants if rng.random() < 0.4 else more)


def pick_name(rng: random.Random, sex: str) -> str:
    """A name of two or three parts, each written in one of its spellings."""
    first, more = (MALE_FIRST, _MALE_MORE) if sex == "M" else (FEMALE_FIRST, _FEMALE_MORE)
    parts = [_part(rng, first, more)]
    if rng.random() < 0.45:
        parts.append(_part(rng, first, more))
    parts.append(_part(rng, FAMILY, _FAMILY_MORE))
    return " ".join(rng.choice(p) for p in parts)
