"""Validates the example service's OpenAPI document with openapi-spec-validator.

FastAPI (0.135+) documents a stream's items with `itemSchema`, a field of OpenAPI 3.2's Media Type Object, inside a
document that says `openapi: 3.1.0`; Apus writes the same bytes, so its twin's clients read both alike. The 3.1
schema forbids unknown fields there, so the document is validated twice: as 3.1.0 with every `itemSchema` removed
(everything else must be valid 3.1), and whole, as 3.2.0 (where `itemSchema` is defined and must be well formed).

Usage: python validate_document.py DOCUMENT.json
"""

import copy
import json
import sys

from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator, OpenAPIV32SpecValidator


def without_item_schemas(node):
    """The document with every `itemSchema` key dropped, and how many there were."""
    if isinstance(node, dict):
        count = int("itemSchema" in node)
        result = {}
        for key, value in node.items():
            if key == "itemSchema":
                continue
            result[key], inner = without_item_schemas(value)
            count += inner
        return result, count
    if isinstance(node, list):
        pairs = [without_item_schemas(value) for value in node]
        return [value for value, _ in pairs], sum(count for _, count in pairs)
    return node, 0


def main():
    with open(sys.argv[1]) as file:
        document = json.load(file)
    if document.get("openapi") != "3.1.0":
        sys.exit(f"expected openapi 3.1.0, found {document.get('openapi')!r}")
    stripped, count = without_item_schemas(document)
    validate(stripped, cls=OpenAPIV31SpecValidator)
    print(f"valid OpenAPI 3.1.0 (with its {count} itemSchema field(s) removed)")
    as_32 = copy.deepcopy(document)
    as_32["openapi"] = "3.2.0"
    validate(as_32, cls=OpenAPIV32SpecValidator)
    print("valid OpenAPI 3.2.0 as written (itemSchema included)")


if __name__ == "__main__":
    main()
