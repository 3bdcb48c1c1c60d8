"""Counts the requests the example service logged per documented operation (its access log lines), so that the
schemathesis run's coverage is measured on the server side rather than taken from the tool's summary.

Usage: python count_requests.py DOCUMENT.json ACCESS.log [--minimum N] [--fixed-header NAME ...]
Fails when an operation that takes inputs got fewer than N requests (an operation without inputs has one possible
request, which schemathesis sends a handful of times), or when any request was answered with a 5xx. Headers the
run supplied itself (`--fixed-header x-api-key`, sent with `st run -H`) are not inputs schemathesis varies.
"""

import argparse
import collections
import json
import re

LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<target>\S+) HTTP/1\.1" (?P<status>\d{3})')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("document")
    parser.add_argument("log")
    parser.add_argument("--minimum", type=int, default=100)
    parser.add_argument("--fixed-header", action="append", default=[])
    arguments = parser.parse_args()

    with open(arguments.document) as f:
        document = json.load(f)
    operations = []
    for path, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]*", re.escape(path)) + "$")
        for method, operation in item.items():
            fixed = {name.lower() for name in arguments.fixed_header}
            varied = [p for p in operation.get("parameters", []) if not (p["in"] == "header" and p["name"].lower() in fixed)]
            operations.append((method.upper(), path, pattern, bool(varied or operation.get("requestBody"))))

    counts = collections.Counter()
    statuses = collections.defaultdict(collections.Counter)
    server_errors = 0
    with open(arguments.log, errors="replace") as f:
        for line in f:
            match = LINE.search(line)
            if not match:
                continue
            path = match["target"].split("?", 1)[0]
            for method, template, pattern, _ in operations:
                if method == match["method"] and pattern.match(path):
                    counts[(method, template)] += 1
                    statuses[(method, template)][match["status"]] += 1
                    break
            server_errors += match["status"].startswith("5")

    failed = server_errors > 0
    for method, template, _, has_inputs in operations:
        n = counts[(method, template)]
        short = has_inputs and n < arguments.minimum
        failed |= short
        spread = ", ".join(f"{status}: {count}" for status, count in sorted(statuses[(method, template)].items()))
        note = "" if has_inputs else " (no varied inputs: one possible request)"
        print(f"{'TOO FEW ' if short else ''}{method} {template}: {n} requests ({spread}){note}")
    print(f"{sum(counts.values())} requests, {server_errors} answered 5xx")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
