"""The OpenAPI document says what the API does, for every operation, in one place.

Each app's router declares its success answers; the error answers are the same for
every operation (api/api.py's handlers answer them all in one JSON shape), so they are
added here, from what the operation is: 401 and 403 when it needs a token, 404 when
its path names an object, 409 for a write (a stale `version`, a possible duplicate),
413 and 422 when it takes input; every POST takes an `Idempotency-Key`. SVG operations answer `image/svg+xml`.

The schemas say what the server enforces beyond pydantic's defaults (ContractSchema),
and every schema has its own name.
"""

from typing import Any, ClassVar

from ninja import NinjaAPI, Schema
from ninja import schema as ninja_schema
from ninja.openapi import schema as openapi_schema

ERROR_REF = "#/components/schemas/ErrorOut"


class ErrorOut(Schema):
    """Every error answer: a message in the reader's language, and for invalid input
    the fields at fault (a field → messages map from the services, or the list of
    schema errors from the request parser)."""

    detail: str
    errors: dict[str, list[str]] | list[dict[str, Any]] | None = None
    duplicates: dict[str, Any] | None = None


IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": (
        "The same POST sent again with the same key gets the first answer, and "
        "nothing is written twice; the same key with another body is refused (422)."
    ),
    "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$"},
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def _error_answers(method: str, path: str, operation: dict) -> dict[int, str]:
    takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
    answers = {}
    if operation.get("security"):
        answers[401] = "No valid token (none, expired or revoked)."
        answers[403] = "The user's role or agency does not allow this."
    if "{" in path or operation.get("requestBody"):  # the path's object, or one the body names
        answers[404] = "The object does not exist or the user cannot see it."
    if method in WRITE_METHODS:
        answers[409] = "A stale `version`, a state that does not allow it, or a possible duplicate."
    if operation.get("requestBody"):
        answers[400] = "The body is not readable JSON."
        answers[413] = "The body is over the size limit."
    if takes_input:
        answers[422] = "Invalid input (by field in `errors`)."
    return answers


def complete(document: dict) -> dict:
    """Add the shared error schema, every operation's error answers and the SVG media
    type to a generated document (in place; returned for convenience)."""
    document["components"]["schemas"]["ErrorOut"] = ErrorOut.model_json_schema()
    error_content = {"application/json": {"schema": {"$ref": ERROR_REF}}}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "post" and operation.get("security"):
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
            responses = operation["responses"]
            for status, description in _error_answers(method, path, operation).items():
                responses.setdefault(status, {"description": description})
                responses[status].setdefault("content", error_content)
            for status in responses:
                if int(status) >= 400:  # an app's own Message schema: the same shape
                    responses[status]["content"] = error_content
            if path.endswith(".svg"):
                ok = responses.get(200) or responses.get("200")
                ok["content"] = {"image/svg+xml": {"schema": {"type": "string"}}}
    return document


INT64 = 2**63 - 1


class ContractSchema(ninja_schema.NinjaGenerateJsonSchema):
    """ninja's JSON Schema generator, saying what the server enforces that pydantic's
    default leaves out:
    - integers fit a 64-bit column (a larger one is refused at the edge, api.Parser);
    - a decimal given as a string is a decimal number;
    - the keys of a `dict[int, …]` (participants by enrolment id) are integers;
    - definition names are unique: pydantic names a definition by its class and ninja
      generates each model on its own, so the first class keeps the short name and any
      other class of that name gets its app's name in front (`MediatorSessionIn`)."""

    owners: ClassVar[dict[str, str]] = {}

    def int_schema(self, schema):
        json_schema = super().int_schema(schema)
        if not {"maximum", "exclusiveMaximum"} & json_schema.keys():
            json_schema["maximum"] = INT64
        if not {"minimum", "exclusiveMinimum"} & json_schema.keys():
            json_schema["minimum"] = -INT64
        return json_schema

    def get_decimal_pattern(self, schema):
        if schema.get("ge") == 0 and schema.get("le") == 1:  # a share (schema_types.Share)
            return r"^\s*(0+(\.\d*)?|0*\.\d+|0*1(\.0*)?)\s*$"
        return super().get_decimal_pattern(schema) or r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$"

    def dict_schema(self, schema):
        json_schema = super().dict_schema(schema)
        keys = schema.get("keys_schema", {})
        if keys.get("type") == "int" and "additionalProperties" in json_schema:
            values = json_schema.pop("additionalProperties")
            json_schema["patternProperties"] = {r"^[+-]?\d{1,18}$": values}
            json_schema["additionalProperties"] = False
        return json_schema

    def get_defs_ref(self, core_mode_ref):
        key = super().get_defs_ref(core_mode_ref)
        choices = self._prioritized_defsref_choices[key]
        short, qualified = choices[0], choices[2]
        if "[" in short or not qualified.startswith("pendamping__"):
            return key
        owner = self.owners.setdefault(short, qualified)
        if owner != qualified:
            app = qualified.split("__")[1].title()
            mode = choices[1].removeprefix(short)
            self._prioritized_defsref_choices[key] = [
                f"{app}{short}",
                f"{app}{short}{mode}",
                *choices[2:],
            ]
        return key


class PendampingAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # ninja's document builder takes its generator from its module: the contract
        # generator is a subclass, so the rest of ninja's behaviour stays as it is.
        openapi_schema.NinjaGenerateJsonSchema = ContractSchema
        return complete(
            super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        )
