"""Atlas error answers: ``{"detail", "error", "errorCode", "parameters", "reason"}``.

Error codes seen in Atlas' own answers, its SDKs or the spec: RESOURCE_NOT_FOUND, CLUSTER_NOT_FOUND,
USER_NOT_FOUND, USER_ALREADY_IN_GROUP, VALIDATION_ERROR, RATE_LIMITED, UNEXPECTED_ERROR (also Atlas'
code for a 401), ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE and INVALID_VERSION_DATE (with its detail
"Invalid accept header or version date.", answered with 406).
The others below are not documented anywhere we could read; each is the most plausible name in
Atlas' style and is marked "(guess)" where it is defined, so a module must never depend on it.
"""

from http import HTTPStatus


class AtlasError(Exception):
    """An Atlas error answer. Raise it anywhere in a handler; the app renders it."""

    def __init__(self, status, error_code, detail, parameters=(), headers=None, bad_request_detail=None):
        super().__init__(f"{status} {error_code}: {detail}")
        self.status = status
        self.error_code = error_code
        self.detail = detail
        # None: the answer has no ``parameters`` at all (Atlas' 401s have none).
        self.parameters = None if parameters is None else [str(p) for p in parameters]
        self.headers = dict(headers or {})
        self.bad_request_detail = bad_request_detail

    def body(self):
        body = {"detail": self.detail, "error": self.status, "errorCode": self.error_code}
        if self.parameters is not None:
            body["parameters"] = self.parameters
        body["reason"] = HTTPStatus(self.status).phrase
        if self.bad_request_detail:
            body["badRequestDetail"] = self.bad_request_detail
        return body


def not_found(detail, *parameters, code="RESOURCE_NOT_FOUND"):
    return AtlasError(404, code, detail, parameters)


def resource_not_found(raw_path):
    return AtlasError(404, "RESOURCE_NOT_FOUND", f"Cannot find resource {raw_path}.", [raw_path])


def group_not_found(group_id):
    return not_found(f"No group with ID {group_id} exists.", group_id, code="GROUP_NOT_FOUND")  # (guess)


def org_not_found(org_id):
    return not_found(f"No organization with ID {org_id} exists.", org_id, code="ORG_NOT_FOUND")  # (guess)


def cluster_not_found(name, group_id):
    return not_found(f"No cluster named {name} exists in group {group_id}.", name, group_id, code="CLUSTER_NOT_FOUND")


def conflict(error_code, detail, *parameters):
    return AtlasError(409, error_code, detail, parameters)


def bad_request(error_code, detail, *parameters, field=None, description=None):
    bad_request_detail = {"fields": [{"field": field, "description": description or detail}]} if field else None
    return AtlasError(400, error_code, detail, parameters, bad_request_detail=bad_request_detail)


def missing_attribute(field):
    return bad_request(  # (guess: MISSING_ATTRIBUTE)
        "MISSING_ATTRIBUTE", f"The required attribute {field} was not specified.", field, field=field
    )


def invalid_attribute(field, description=None):
    return bad_request(  # (guess: INVALID_ATTRIBUTE)
        "INVALID_ATTRIBUTE", f"Invalid attribute {field} specified.", field, field=field, description=description
    )


def from_field_problem(problem):
    """The 400 for a request body that breaks the spec, naming the failing field."""
    if not problem.field:
        return bad_request(
            "VALIDATION_ERROR", f"The request body is invalid: {problem.description}", description=problem.description
        )
    if problem.missing:
        return missing_attribute(problem.field)
    return invalid_attribute(problem.field, problem.description)


def invalid_parameter(name, description):
    return bad_request(
        "VALIDATION_ERROR",
        f"Invalid value for parameter {name}: {description}",
        name,
        field=name,
        description=description,
    )


def malformed_json():
    return bad_request("MALFORMED_JSON", "Received JSON is malformed.")  # (guess)


def invalid_version():
    """What Atlas answers for a missing, malformed or unsupported version in ``Accept``."""
    return AtlasError(406, "INVALID_VERSION_DATE", "Invalid accept header or version date.")


def version_gone(version, sunset):
    return AtlasError(  # (guess: VERSION_GONE, the name the collection's client expects)
        410, "VERSION_GONE", f"API version {version} was removed on {sunset}.", [version, sunset]
    )


def unauthorized(detail="You are not authorized for this resource.", headers=None):
    """Atlas' 401 (real-atlas-cli ``GET_groups_{groupId}_clusters_{clusterName}/27.json``,
    ``POST_groups_{groupId}_accessList/05.json``): code ``UNEXPECTED_ERROR``, no ``parameters``. Older
    answers had no code at all (``GET_groups_{groupId}_accessList/03.json``). The token endpoint answers
    the same here (unproven: no recording shows Atlas' OAuth errors)."""
    return AtlasError(401, "UNEXPECTED_ERROR", detail, parameters=None, headers=headers)


def rate_limited(retry_after=None):
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return AtlasError(429, "RATE_LIMITED", "You have exceeded the rate limit. Please try again later.", headers=headers)


def method_not_allowed(method, raw_path):
    return AtlasError(405, "METHOD_NOT_ALLOWED", f"Method {method} is not allowed for {raw_path}.", [method, raw_path])


def not_simulated(operation_id):
    return AtlasError(
        501,
        "NOT_IMPLEMENTED_IN_SIMULATOR",
        f"The Atlas simulator does not implement {operation_id}; see docs/simulator.md.",
        [operation_id],
    )


# The error code an injected fault answers with, by status (see POST /__sim__/faults).
FAULT_ERROR_CODES = {
    400: "VALIDATION_ERROR",
    401: "UNEXPECTED_ERROR",
    403: "FORBIDDEN",
    404: "RESOURCE_NOT_FOUND",
    409: "CONFLICT",
    429: "RATE_LIMITED",
    500: "UNEXPECTED_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


def injected_fault(status, retry_after=None):
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    code = FAULT_ERROR_CODES.get(status, "UNEXPECTED_ERROR")
    parameters = None if status == 401 else ()  # Atlas' 401s have no parameters
    return AtlasError(status, code, f"Injected fault: {HTTPStatus(status).phrase}.", parameters, headers=headers)
