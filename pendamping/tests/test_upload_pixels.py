"""Uploaded images are held to 16 megapixels (pendamping/uploads.MAX_IMAGE_PIXELS),
judged from the header before a pixel is decoded: a 40 MP image, which took about
300 MB to clean, is refused in a few kilobytes, through every upload that takes an
image (participants' photos of notes, a complaint's evidence)."""

import base64
import io
import struct
import subprocess
import sys
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pendamping import uploads
from pendamping.advocate.models import Evidence
from pendamping.advocate.tests.conftest import receive_group
from pendamping.facilitator.models import ParticipantNote
from pendamping.facilitator.tests.test_steps import _world


def header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height and whose pixel data is empty: Pillow
    reads its size, and decoding it would fail."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))  # fmt: skip

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))  # fmt: skip


@pytest.fixture(scope="module")
def png_40mp(tmp_path_factory) -> bytes:
    """A real, decodable 40-megapixel PNG (8000 x 5000, one colour: about 40 KB)."""
    buf = io.BytesIO()
    Image.new("L", (8000, 5000), 200).save(buf, "PNG")
    return buf.getvalue()


def test_the_limit_is_16_megapixels_checked_from_the_header():
    assert uploads.MAX_IMAGE_PIXELS == 16_000_000
    with pytest.raises(uploads.UploadTooLarge):
        uploads.clean_image(header_only_png(4000, 4001))
    # at the limit the header passes: the (empty) pixels then fail to decode (None), or,
    # once WeasyPrint is imported (it sets Pillow's LOAD_TRUNCATED_IMAGES for the whole
    # process), decode as a blank image; neither is refused as too large
    got = uploads.clean_image(header_only_png(4000, 4000))
    assert got is None or got[1] == "image/png"


# The child reads the file, notes its peak memory, cleans (or decodes) the image and
# prints how much the peak grew, in KiB. The peak is Linux's VmHWM, the process's own
# since its exec (ru_maxrss starts from the parent's: the pytest process's).
CHILD = """
import re, sys
from PIL import Image
from pendamping import uploads
def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1])
data = open(sys.argv[1], "rb").read()
before = peak()
if sys.argv[2] == "clean":
    try:
        uploads.clean_image(data)
        print("accepted")
    except uploads.UploadTooLarge:
        print("refused")
else:
    import io
    Image.MAX_IMAGE_PIXELS = None
    Image.open(io.BytesIO(data)).convert("RGB")
    print("decoded")
print(peak() - before)
"""


def _peak_growth(path, mode) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], check=True,
                         capture_output=True, text=True, timeout=60).stdout.split()  # fmt: skip
    return out[0], int(out[1]) * 1024


def test_a_40_megapixel_image_is_refused_in_a_few_megabytes(png_40mp, tmp_path):
    """Peak memory of a real process (its peak resident size: Pillow's pixel buffers are
    not Python objects, so tracemalloc would not see them). The control decodes the
    same file and must grow by at least its 120 MB of RGB pixels, so the measure can
    see what the refusal saves."""
    path = tmp_path / "40mp.png"
    path.write_bytes(png_40mp)
    verdict, growth = _peak_growth(path, "clean")
    assert verdict == "refused"
    print(f"peak growth: refused {growth / 2**20:.1f} MB", end=" ")
    assert growth < 8 * 2**20, f"{growth / 2**20:.1f} MB to refuse a 40 MP image"
    verdict, decoded = _peak_growth(path, "decode")
    print(f"decoded {decoded / 2**20:.0f} MB")
    assert verdict == "decoded" and decoded > 100 * 2**20, decoded


class TestEveryImageUpload:
    def test_a_participants_photo_of_40_megapixels_is_refused(self, world, api, png_40mp,
                                                             settings, tmp_path):  # fmt: skip
        settings.FACILITATOR_UPLOAD_DIR = tmp_path / "notes"
        f = _world(world)
        api.as_user(f.users["worker"])
        r = api.post(f"/sessions/{f.mine.pk}/participants/{f.enrolment.pk}/notes/photo",
                     {"photo": SimpleUploadedFile("p.png", png_40mp, "image/png")})  # fmt: skip
        assert r.status_code == 422, r.content
        assert "16 megapiksel" in r.content.decode()
        assert not ParticipantNote.objects.exists()
        assert not (tmp_path / "notes").exists() or not any((tmp_path / "notes").iterdir())

    def test_evidence_of_40_megapixels_is_refused_in_both_languages(
        self, world, api, client, png_40mp, settings, tmp_path
    ):
        settings.ADVOCATE_UPLOAD_DIR = tmp_path / "evidence"
        c, _ = receive_group(world.a)
        api.as_user(world.a.users["worker"])
        body = {"label": "Foto", "content_base64": base64.b64encode(png_40mp).decode()}
        r = api.post(f"/complaints/{c.pk}/evidence", body)
        assert r.status_code == 422, r.content
        assert "16 megapiksel" in r.content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        r = api.post(f"/complaints/{c.pk}/evidence", body)
        assert r.status_code == 422 and "16 megapixels" in r.content.decode(), r.content
        assert not Evidence.objects.exists()
