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
