"""The OpenAPI document states every answer an operation gives, in one error shape
(pendamping/api/openapi.py)."""

import pytest

from pendamping.api.api import api


@pytest.fixture(scope="module")
def document():
    return api.get_openapi_schema(path_prefix="/api/v1")


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers(document):
    for path, method, operation in operations(document):
        answers = set(operation["responses"])
        if operation.get("security"):
            assert {401, 403} <= answers, (method, path)
        if "{" in path:
            assert 404 in answers, (method, path)
        if method in {"post", "patch", "delete"}:
            assert 409 in answers, (method, path)
        if operation.get("requestBody"):
            assert {400, 404, 413, 422} <= answers, (method, path)
        if method == "post" and operation.get("security"):
            names = [p["name"] for p in operation["parameters"]]
            assert "Idempotency-Key" in names and 422 in answers, (method, path)
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


def test_the_svg_operations_say_they_answer_svg(document):
    svgs = [(p, o) for p, m, o in operations(document) if p.endswith(".svg")]
    assert len(svgs) == 2
    for _path, operation in svgs:
        assert list(operation["responses"][200]["content"]) == ["image/svg+xml"]


def test_two_apps_schemas_of_one_class_name_are_two_components(document):
    schemas = document["components"]["schemas"]
    assert {"SessionIn", "MediatorSessionIn", "StageIn", "AdvocateStageIn"} <= set(schemas)
    assert schemas["SessionIn"] != schemas["MediatorSessionIn"]


def test_integers_decimals_and_id_keys_are_stated(document):
    schemas = document["components"]["schemas"]
    assert schemas["CaseIn"]["properties"]["client_id"]["maximum"] == 2**63 - 1
    decimal = schemas["ProgrammeIn"]["properties"]["partial_share"]["anyOf"]
    assert any("pattern" in branch for branch in decimal)
    attendance = schemas["AttendanceIn"]["properties"]["attendance"]
    assert attendance["additionalProperties"] is False and attendance["patternProperties"]


# Strings that say their rule otherwise: a password may hold any character (only its
# length is stated); a file's bytes are base64 (their size is the body limit's); a
# decimal's string form is a number's pattern.
def _states_its_rule(schema: dict) -> bool:
    if (
        "enum" in schema
        or "const" in schema
        or schema.get("format") in ("date", "date-time", "time", "uuid", "binary")
    ):
        return True
    if schema.get("contentEncoding") == "base64" or schema.get("pattern", "").startswith(
        (r"^\s*[+-]?(\d+", r"^\s*(0+(")  # a decimal, a share (schema_types.Share)
    ):
        return "pattern" in schema
    return "maxLength" in schema and "pattern" in schema


def _strings(document, schema, where):
    schema = (
        document["components"]["schemas"][schema["$ref"].split("/")[-1]]
        if "$ref" in schema
        else schema
    )
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(key, []):
            yield from _strings(document, branch, where)
    if schema.get("type") == "string":
        yield where, schema
    if schema.get("type") == "array":
        yield from _strings(document, schema.get("items", {}), f"{where}[]")
    for name, prop in schema.get("properties", {}).items():
        yield from _strings(document, prop, f"{where}.{name}")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _strings(document, schema["additionalProperties"], f"{where}{{}}")


def test_every_text_an_operation_takes_states_its_length_and_characters(document):
    """pendamping/schema_types.py on every app's input: a text's length and its control
    characters, or its choices, are in the document, as the server enforces them."""
    silent = []
    for path, method, operation in operations(document):
        label = f"{method.upper()} {path}"
        for content in operation.get("requestBody", {}).get("content", {}).values():
            silent += [w for w, s in _strings(document, content["schema"], label) if not
                       _states_its_rule(s)]  # fmt: skip
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                where = f"{label} ?{parameter['name']}"
                silent += [w for w, s in _strings(document, parameter["schema"], where)
                           if not _states_its_rule(s)]  # fmt: skip
    silent = [w for w in silent if not w.endswith("/auth/token.password")]
    assert silent == []
    token = document["components"]["schemas"]["TokenIn"]["properties"]["password"]
    assert token["maxLength"] == 4096
