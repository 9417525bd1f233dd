#!/usr/bin/env python3
"""Validate PACT v3 product footprints against the ProductFootprint schema.

Usage: validate_pact.py --spec OPENAPI_YAML FILE...

Each FILE contains one ProductFootprint, or an API response whose "data" is one
footprint or a list of them, or an event whose "data.pfs" is a list. The
schema is the ProductFootprint component of the OpenAPI 3.1 description,
checked as JSON Schema Draft 2020-12 by python3-jsonschema, with every
"$ref" resolved inside the same document.

Exit status: 0 when every footprint is valid, 1 when one is not, 2 for a
usage or input error, 77 when python3-jsonschema or python3-yaml is missing
(the status that test drivers read as "skipped").
"""

import argparse
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # reported, so the caller can skip
    print(f"missing Python module: {error.name}; install python3-jsonschema and python3-yaml",
          file=sys.stderr)
    sys.exit(77)


def footprints_in(document):
    """Return the footprints in a file, whatever its wrapper."""
    if isinstance(document, dict) and "data" in document:
        data = document["data"]
        if isinstance(data, list):
            return data
        if isinstance(data, dict) and "pfs" in data:
            return data["pfs"]
        return [data]
    return [document]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", required=True, help="path of the PACT v3 openapi.yaml")
    parser.add_argument("files", nargs="+", help="JSON files to validate")
    arguments = parser.parse_args()

    try:
        with open(arguments.spec, encoding="utf-8") as spec_file:
            spec = yaml.safe_load(spec_file)
    except (OSError, yaml.YAMLError) as error:
        print(f"failed to read the OpenAPI description {arguments.spec}: {error}", file=sys.stderr)
        return 2

    # The components stay at the same place, so "#/components/schemas/..."
    # references resolve against this root document.
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": spec["components"],
        "$ref": "#/components/schemas/ProductFootprint",
    }
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(root)
    validator = validator_class(root, format_checker=validator_class.FORMAT_CHECKER)

    invalid = 0
    for path in arguments.files:
        try:
            with open(path, encoding="utf-8") as file:
                document = json.load(file)
        except (OSError, json.JSONDecodeError) as error:
            print(f"{path}: failed to read JSON: {error}", file=sys.stderr)
            return 2
        for index, footprint in enumerate(footprints_in(document)):
            errors = sorted(validator.iter_errors(footprint), key=lambda e: list(e.path))
            for error in errors:
                location = "/".join(str(part) for part in error.path) or "(root)"
                print(f"{path} [{index}] {location}: {error.message}")
            if errors:
                invalid += 1
            else:
                print(f"{path} [{index}]: valid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
