"""drf-spectacular post-processing: the OpenAPI schema says what every API answer can be.

- Every operation documents 400 (invalid parameters, with the fields' messages), 404 (no such object
  or page) and 429 (too many requests) with the error body the API sends (enbek.api.exceptions).
- Parameters marked with the extension x-enbek-choices get the current codes as an enum: the 20
  region codes, the sphere slugs. Anything else is answered 400, so the schema lists what is valid.

Sections' APIs added later get the same responses without doing anything.
"""

MESSAGES = {"type": "array", "items": {"type": "string"}}
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "`detail` for a whole-request error, else each invalid parameter with its messages (an object"
        " field, such as the quiz's `answers`, names each of its invalid keys with theirs)."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "oneOf": [MESSAGES, {"type": "object", "additionalProperties": MESSAGES}],
    },
}
ERROR_RESPONSES = {
    "400": "Invalid parameters: each one named with its messages in the request's language.",
    "404": "No such object, or no such page of the list.",
    "429": "Too many requests from this address: retry after the time in the Retry-After header.",
}
# Operations that need a signed-in user (no anonymous `{}` among their security requirements).
SIGNED_IN_RESPONSES = {
    "401": "Not signed in (HTTP Basic credentials missing or wrong).",
    "403": "Not signed in, or this user may not do it.",
}


def _choices(kind: str) -> list[str]:
    """The valid values now; none when the database cannot say (`manage.py check` before migrate)."""
    from django.db import DatabaseError

    from enbek.models import Region, Sphere

    queryset = {
        "region": Region.objects.order_by("code").values_list("code", flat=True),
        "sphere": Sphere.objects.order_by("slug").values_list("slug", flat=True),
    }[kind]
    try:
        return list(queryset)
    except DatabaseError:
        return []


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = dict(ERROR_RESPONSES)
            if operation.get("security") and {} not in operation["security"]:
                responses |= SIGNED_IN_RESPONSES
            for code, description in responses.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            for parameter in operation.get("parameters", []):
                kind = parameter.pop("x-enbek-choices", None)
                choices = _choices(kind) if kind else []
                if choices:
                    # An empty value is the same as no value (any region, any sphere).
                    parameter["schema"] = {"type": "string", "enum": ["", *choices]}
    _quiz_answers(components)
    return result


def _quiz_answers(components: dict) -> None:
    """The quiz's answers as the API checks them: every current statement, a whole number from 1 to 5."""
    from django.db import DatabaseError

    from enbek.selectors import quiz_statements

    request = components.get("QuizAnswersRequest")
    if not request:
        return
    try:
        ids = [str(statement.pk) for statement in quiz_statements()]
    except DatabaseError:
        return
    if ids:
        request["properties"]["answers"] = {
            "type": "object",
            "description": request["properties"]["answers"].get("description", ""),
            "properties": {key: {"type": "integer", "minimum": 1, "maximum": 5} for key in ids},
            "required": ids,
            "additionalProperties": False,
        }
