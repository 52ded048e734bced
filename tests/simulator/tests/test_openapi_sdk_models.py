# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The simulator's OpenAPI description (openapi.json) held to the official SDK models
# (thousandeyes-sdk-snapshots and thousandeyes-sdk-tests, generated from the official v7 spec):
# every model the two v7 operations use has the same field names (the JSON aliases), the same
# types and the same required fields, and each status answers with the same model.

import ast
import datetime
import enum
import inspect
import json
import os
import textwrap
import typing

import pytest

from .support import SIMULATOR_DIR

pydantic = pytest.importorskip("pydantic")
sdk_snapshots = pytest.importorskip("thousandeyes_sdk.snapshots")
sdk_tests = pytest.importorskip("thousandeyes_sdk.tests")
snapshots_api = pytest.importorskip("thousandeyes_sdk.snapshots.api.test_snapshots_api")
tests_api = pytest.importorskip("thousandeyes_sdk.tests.api.tests_api")

# SDK model names whose description schema has another name (same fields).
SCHEMA_NAMES = {"TestSelfLink": "Link"}
# Members the SDK generator adds for values it does not know; the API does not send them.
SDK_FALLBACK_MEMBERS = {"TestType": ["unknown"], "TestInterval": [11184809]}
# The field that collects a model's additional properties in the SDK (SimpleTest), not a JSON field.
SDK_ADDITIONAL_PROPERTIES = "additional_properties"


@pytest.fixture(scope="module")
def components():
    with open(os.path.join(SIMULATOR_DIR, "openapi.json"), encoding="utf-8") as handle:
        return json.load(handle)["components"]


# Optional[X] is Union[X, NoneType].
NONE_TYPE = type(None)


def sdk_type(annotation):
    """('string'|'integer'|'boolean'|'date-time'|'array'|'model'|'enum', detail) of a pydantic field annotation."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Union:
        (inner,) = [argument for argument in arguments if argument is not NONE_TYPE]
        return sdk_type(inner)
    if origin is typing.Annotated:
        return sdk_type(arguments[0])
    if origin is list:
        return ("array", sdk_type(arguments[0]))
    if annotation is datetime.datetime:
        return ("date-time", None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return ("enum", annotation.__name__)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return ("model", annotation.__name__)
    return ({str: "string", int: "integer", bool: "boolean"}[annotation], None)


def reference_name(schema):
    return schema["$ref"].rsplit("/", 1)[1]


def description_type(components, schema):
    """The same pair for a property schema of the description."""
    if "$ref" in schema:
        target = components["schemas"][reference_name(schema)]
        return ("enum" if "enum" in target else "model", reference_name(schema))
    if schema.get("type") == "array":
        return ("array", description_type(components, schema["items"]))
    if schema.get("format") == "date-time":
        return ("date-time", None)
    return (schema["type"], None)


def schema_name(model_name):
    return SCHEMA_NAMES.get(model_name, model_name)


def compare_model(components, model, seen):
    """Compare one SDK model with its schema, then every model it refers to; returns the names compared."""
    name = schema_name(model.__name__)
    if name in seen:
        return seen
    seen.add(name)
    schema = components["schemas"][name]
    fields = dict((field.alias or key, field) for key, field in model.model_fields.items() if key != SDK_ADDITIONAL_PROPERTIES)
    assert sorted(schema["properties"]) == sorted(fields), name
    assert sorted(schema.get("required", [])) == sorted(alias for alias, field in fields.items() if field.is_required()), name
    assert schema.get("additionalProperties", False) is (SDK_ADDITIONAL_PROPERTIES in model.model_fields), name
    for alias, field in fields.items():
        expected = sdk_type(field.annotation)
        if expected[0] in ("model", "enum"):
            expected = (expected[0], schema_name(expected[1]))
        if expected[0] == "array" and expected[1][0] == "model":
            expected = ("array", ("model", schema_name(expected[1][1])))
        assert description_type(components, schema["properties"][alias]) == expected, (name, alias)
        for candidate in typing.get_args(field.annotation) + (field.annotation,):
            for inner in (candidate,) + typing.get_args(candidate):
                if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
                    compare_model(components, inner, seen)
                if isinstance(inner, type) and issubclass(inner, enum.Enum):
                    compare_enum(components, inner)
    return seen


def compare_enum(components, enumeration):
    values = [member.value for member in enumeration if member.value not in SDK_FALLBACK_MEMBERS.get(enumeration.__name__, [])]
    assert components["schemas"][enumeration.__name__]["enum"] == values, enumeration.__name__


@pytest.mark.parametrize("model", [
    sdk_snapshots.SnapshotRequest, sdk_snapshots.SnapshotResponse, sdk_snapshots.Error, sdk_snapshots.ValidationError,
    sdk_snapshots.UnauthorizedError, sdk_tests.Tests, sdk_tests.Error, sdk_tests.UnauthorizedError,
], ids=lambda model: "{0}.{1}".format(model.__module__.split(".")[1], model.__name__))
def test_models_have_the_same_fields_types_and_required_fields(components, model):
    compared = compare_model(components, model, set())
    assert schema_name(model.__name__) in compared


def test_all_models_of_both_operations_are_compared(components):
    compared = set()
    for model in (sdk_snapshots.SnapshotRequest, sdk_snapshots.SnapshotResponse, sdk_snapshots.ValidationError, sdk_tests.Tests):
        compare_model(components, model, compared)
    assert compared >= {"SnapshotRequest", "SnapshotResponse", "SnapshotTest", "SnapshotLinks", "Link", "TestLinks", "ValidationError",
                        "ValidationErrorItem", "Tests", "SimpleTest", "SelfLinks"}


def response_models(document, path, method):
    """status -> schema name of each answer of an operation, references resolved."""
    models = {}
    for status, response in document["paths"][path][method]["responses"].items():
        if "$ref" in response:
            response = document["components"]["responses"][reference_name(response)]
        (media,) = response["content"].values()
        models[status] = reference_name(media["schema"])
    return models


def sdk_response_models(method):
    """The SDK's status -> model map of an API method: a literal local variable of the generated code."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "_response_types_map":
            return ast.literal_eval(node.value)
    raise AssertionError("no _response_types_map in {0}".format(method.__name__))


# Statuses the SDK maps that the simulator does not answer: 500 and 502 (only when a fault is scripted), and 404
# of GET /tests (no case of the simulator's). The simulator adds 415 for a body that is not JSON.
NOT_ANSWERED = {"create_test_snapshot": ("500", "502"), "get_tests": ("404", "500", "502")}
ADDED = ("415",)


@pytest.mark.parametrize("path, verb, method", [
    ("/v7/tests/{testId}/snapshot", "post", snapshots_api.TestSnapshotsApi.create_test_snapshot),
    ("/v7/tests", "get", tests_api.TestsApi.get_tests),
], ids=["createTestSnapshot", "getTests"])
def test_each_status_answers_with_the_sdk_model(path, verb, method):
    with open(os.path.join(SIMULATOR_DIR, "openapi.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    sdk = sdk_response_models(method)
    ours = response_models(document, path, verb)
    assert set(NOT_ANSWERED[method.__name__]) <= set(sdk)
    assert dict(item for item in sdk.items() if item[0] not in NOT_ANSWERED[method.__name__]) == dict(
        item for item in ours.items() if item[0] not in ADDED)
