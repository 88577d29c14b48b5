"""Types for the API's input schemas that say what the server enforces, so that the
OpenAPI document states it and data valid by the document is accepted (issue 15:
schemathesis' positive data). Text rules are those of pendamping/text.py (no control
characters; tabs and line breaks only in long text), lengths those of the model
fields, choices the models' own TextChoices. Rules a schema cannot state (a date not
in the future, an id of one's own agency, a record's state) stay with the services.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from pendamping.text import LONG_TEXT_MAX

# Unicode's control characters (category Cc) are U+0000–U+001F and U+007F–U+009F.
_CC = r"\x00-\x1f\x7f-\x9f"
_CC_LONG = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # tab, line feed and return allowed
SINGLE_LINE = rf"^[^{_CC}]*$"
# Django's forms strip the ends: a required text must keep a character that is not space
SINGLE_LINE_REQUIRED = rf"^[^{_CC}]*[^\s{_CC}][^{_CC}]*$"
LONG = rf"^[^{_CC_LONG}]*$"
LONG_REQUIRED = rf"^[^{_CC_LONG}]*[^\s{_CC_LONG}][^{_CC_LONG}]*$"


def choice(choices, *, blank: bool = False):
    """One of a TextChoices' values (or "" when `blank`)."""
    return Literal[tuple(choices.values) + (("",) if blank else ())]


def choices(of, *, max_items: int | None = None):
    """A list of distinct values of a TextChoices."""
    return Annotated[list[choice(of)], Field(max_length=max_items or len(of.values))]


def line(max_length: int, *, required: bool = False):
    """A name, a title, a place: one line of at most `max_length` characters."""
    pattern = SINGLE_LINE_REQUIRED if required else SINGLE_LINE
    return Annotated[str, Field(max_length=max_length, pattern=pattern)]


def text(max_length: int = LONG_TEXT_MAX, *, required: bool = False):
    """A note: lines of text, at most `max_length` characters."""
    pattern = LONG_REQUIRED if required else LONG
    return Annotated[str, Field(max_length=max_length, pattern=pattern)]


def of(model, name: str, *, required: bool | None = None):
    """The type of the model field `name` as the API takes it: one of its choices, or
    a line (a CharField) or lines of text (a TextField, at most LONG_TEXT_MAX unless
    it says less), with its length; required unless the field may be blank (or as
    `required` says). One place for the rule, so the document follows the model."""
    field = model._meta.get_field(name)
    if required is None:
        required = not field.blank
    if field.choices:
        values = tuple(value for value, _label in field.flatchoices)
        return Literal[values if required else (*values, "")]
    if field.get_internal_type() == "TextField":
        return text(field.max_length or LONG_TEXT_MAX, required=required)
    return line(field.max_length, required=required)


def digits(length: int):
    """A number of exactly `length` digits (a NIK, a KK number) with the spaces, dots
    and dashes people type between groups (clients.nik.normalize_nik), or nothing."""
    sep = r"[ .\-]*"
    return Annotated[str, Field(max_length=24, pattern=rf"^({sep}([0-9]{sep}){{{length}}})?$")]


# A file's bytes in JSON (validated as `base64.b64decode(..., validate=True)` does); its
# size and content (an image, a PDF) are judged by the service once decoded.
Base64 = Annotated[
    str,
    Field(
        pattern=r"^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        json_schema_extra={"contentEncoding": "base64"},
    ),
]
# A region's code in the register (32, 32.73, 32.73.05, 32.73.05.1001); the service
# looks it up
RegionCode = Annotated[
    str, Field(max_length=13, pattern=r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")
]


def _hundredths(value):
    try:
        return Decimal(str(value).strip()).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value  # the parser's own refusal


# A share from 0 to 1 kept to two decimal places (a DecimalField(3, 2)): more places
# are rounded half up, as people write 0.8 for 80 %; the document states the range
# for the number and for its string form (pendamping/api/openapi.py).
Share = Annotated[Decimal, Field(ge=0, le=1), BeforeValidator(_hundredths)]

SmallCount = Annotated[int, Field(ge=0, le=32767)]  # PositiveSmallIntegerField
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
