"""Compares the example service's OpenAPI document with its FastAPI twin's (Tests/Differential/fastapi_twin.py).

For every operation: the same path and method, the same parameters (name, location, required, schema), the same
request body (media types, required, schema) and the same responses (status codes, media types, schemas), with every
`$ref` resolved so that schemas are compared by content. Differences listed in KNOWN_DIFFERENCES (with the reason,
also in the README) are reported and allowed; any other fails the run.

Usage: python compare_fastapi.py APUS_DOCUMENT.json
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Differential"))

# Where the documents may differ, by location prefix, and why.
KNOWN_DIFFERENCES = {
    "GET / responses 200": "the twin returns a dict (schema {}); Apus's handler returns the Greeting model, so its schema is known",
    "GET /health responses 200": "the twin returns a dict (schema {}); Apus's handler returns the Health model",
    "GET /protected-route responses 200": "the twin returns a dict (schema {}); Apus's handler returns the AccessMessage model",
    "POST /register responses 200": "the twin returns a dict (schema {}); Apus's handler returns the AccessMessage model",
    "GET /users/me/items responses 200 application/json title": "FastAPI titles a list response after the function (`Response Read My Items ...`); the example names only the routes reverse routing finds",
    "GET /users/me/posts responses 200 application/json title": "FastAPI titles a list response after the function; the example names only the routes reverse routing finds",
    "POST /token requestBody content application/x-www-form-urlencoded title": "form bodies are named after the operation (Body_<operationId>); the twin's function is `login`, the example names only the routes reverse routing finds",
    "POST /token requestBody content application/x-www-form-urlencoded properties client_secret": "FastAPI writes `format: password` beside the anyOf; Apus puts it on the string branch, where JSON Schema applies it",
}

# Error responses Apus documents and FastAPI cannot: the 400 of an unparsable body, the 401 of a security scheme, and the 403/404 that routes and
# dependencies declare (`responses:`, `Dependency.responses`, `Owned`); FastAPI's document never lists a
# dependency's HTTPException.
DECLARED_ERRORS = ("400", "401", "403", "404")
DECLARED_ERROR_REASON = "Apus documents the errors that security schemes, dependencies and routes declare; FastAPI's document cannot"

# Schema descriptions come from the models' `///` comments in Swift, as FastAPI takes them from docstrings; the
# twin's Python models have none.
DESCRIPTION_REASON = "Apus's models have /// comments (schema descriptions); the twin's Python models have no docstrings"


def resolve(schema, components, seen=()):
    """The schema with every local $ref replaced by the component it names (recursion cut at a repeat)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return {"$recursive": name}
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            target = resolve(components.get(name, {}), components, seen + (name,))
            return {**target, **resolve(rest, components, seen)} if rest else target
        return {k: resolve(v, components, seen) for k, v in schema.items()}
    if isinstance(schema, list):
        return [resolve(v, components, seen) for v in schema]
    return schema


def operations(document):
    components = document.get("components", {}).get("schemas", {})
    result = {}
    for path, item in document.get("paths", {}).items():
        for method, op in item.items():
            key = f"{method.upper()} {path}"
            params = {
                f"{p['in']} {p['name']}": {"required": p.get("required", False), "schema": resolve(p.get("schema", {}), components)}
                for p in op.get("parameters", [])
            }
            body = None
            if "requestBody" in op:
                rb = op["requestBody"]
                body = {
                    "required": rb.get("required", False),
                    "content": {mt: resolve(c.get("schema", {}), components) for mt, c in rb.get("content", {}).items()},
                }
            responses = {
                code: {mt: resolve(c.get("schema", {}), components) for mt, c in r.get("content", {}).items()}
                for code, r in op.get("responses", {}).items()
            }
            result[key] = {"parameters": params, "requestBody": body, "responses": responses, "operationId": op.get("operationId")}
    return result


def diff(a, b, where, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a:
                out.append((f"{where} {key}", "<absent>", b[key]))
            elif key not in b:
                out.append((f"{where} {key}", a[key], "<absent>"))
            else:
                diff(a[key], b[key], f"{where} {key}", out)
    elif a != b:
        out.append((where, a, b))


def main():
    from fastapi_twin import app

    with open(sys.argv[1]) as f:
        apus = operations(json.load(f))
    fastapi = operations(app.openapi())
    differences = []
    if set(apus) != set(fastapi):
        differences.append(("operations", sorted(set(apus) - set(fastapi)), sorted(set(fastapi) - set(apus))))
    for key in sorted(set(apus) & set(fastapi)):
        for part in ("parameters", "requestBody", "responses"):
            diff(apus[key][part], fastapi[key][part], f"{key} {part}", differences)

    unexpected = 0
    for where, ours, theirs in differences:
        reason = next((why for prefix, why in KNOWN_DIFFERENCES.items() if where.startswith(prefix)), None)
        if reason is None and where.endswith(" description"):
            reason = DESCRIPTION_REASON
        if reason is None and theirs == "<absent>" and where.rsplit(" ", 2)[-2:][0] == "responses" and where.rsplit(" ", 1)[-1] in DECLARED_ERRORS:
            reason = DECLARED_ERROR_REASON
        tag = "known" if reason else "DIFFERENT"
        unexpected += reason is None
        print(f"{tag}: {where}\n    apus:    {json.dumps(ours)}\n    fastapi: {json.dumps(theirs)}")
        if reason:
            print(f"    reason:  {reason}")
    compared = len(set(apus) & set(fastapi))
    print(f"{compared} operations compared, {len(differences)} differences, {unexpected} unexpected")
    for key in sorted(set(apus) & set(fastapi)):
        if apus[key]["operationId"] != fastapi[key]["operationId"]:
            print(f"note: {key} operationId {apus[key]['operationId']} (FastAPI: {fastapi[key]['operationId']}; the example names only the routes that reverse routing finds)")
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
