#!/usr/bin/env python3
"""Check the internal consistency of an unpacked openLCA JSON-LD schema v2
folder, written for the bundled window frame sample.

Checks:
- folder layout, file names and version 4 UUIDs as ids,
- every reference resolves to an entity of the referenced type and name,
- unit groups and flows have exactly one reference unit and reference flow
  property, and each process exactly one quantitative reference,
- an exchange's unit belongs to the unit group of its flow property, which
  must be a flow property of its flow,
- formulas evaluate to the stored amounts and parameter values,
- default providers produce (or treat) the flow of the exchange,
- the allocation factors of each method sum to one,
- every elementary exchange cites one of the process's sources as
  "Source: NAME." in its description.

After checking the folder, the script breaks copies of it in memory in
several ways and fails unless each break is reported, so the checks
themselves are tested. Standard library only.

Usage: check_sample.py FOLDER     exit 0 when consistent, 1 otherwise
"""

import ast
import copy
import json
import math
import operator
import sys
import uuid
from pathlib import Path

# Entity folders of schema v2 and the @type of the entities they contain.
FOLDER_TYPES = {
    "processes": "Process",
    "flows": "Flow",
    "flow_properties": "FlowProperty",
    "unit_groups": "UnitGroup",
    "locations": "Location",
    "sources": "Source",
    "parameters": "Parameter",
    "actors": "Actor",
}
REF_TYPES = set(FOLDER_TYPES.values()) | {"Unit"}
FLOW_TYPES = {"PRODUCT_FLOW", "ELEMENTARY_FLOW", "WASTE_FLOW"}
ALLOCATION_TYPES = {"PHYSICAL_ALLOCATION", "ECONOMIC_ALLOCATION", "CAUSAL_ALLOCATION",
                    "USE_DEFAULT_ALLOCATION", "NO_ALLOCATION"}

# Relative tolerance between a formula's value and the stored amount, and of
# the sum of allocation factors around one. Both are written as doubles, so
# they agree far below this.
RELATIVE_TOLERANCE = 1e-9


class Model:
    """The entities of one folder, by @type and @id."""

    def __init__(self):
        self.entities = {t: {} for t in REF_TYPES}
        self.units = {}          # unit id -> (unit, unit group id)

    def get(self, type_, id_):
        return self.entities.get(type_, {}).get(id_)

    def name_of(self, type_, id_):
        entity = self.get(type_, id_)
        return entity.get("name", id_) if entity else id_


def load_folder(folder):
    """Read every entity file of `folder` and return (model, errors)."""
    model, errors = Model(), []
    marker = folder / "olca-schema.json"
    try:
        version = json.loads(marker.read_text(encoding="utf-8")).get("version")
        if version != 2:
            errors.append(f"{marker}: version is {version!r}; expected 2 (schema v2)")
    except (OSError, ValueError) as error:
        errors.append(f"{marker}: missing or invalid ({error}); expected {{\"version\": 2}}")

    for folder_name, type_ in FOLDER_TYPES.items():
        for path in sorted((folder / folder_name).glob("*.json")):
            try:
                entity = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                errors.append(f"{path}: invalid JSON: {error}")
                continue
            id_ = entity.get("@id", "")
            if entity.get("@type") != type_:
                errors.append(f"{path}: @type is {entity.get('@type')!r}; a file in "
                              f"{folder_name}/ must have @type {type_!r}")
            if path.stem != id_:
                errors.append(f"{path}: @id {id_!r} differs from the file name")
            if not is_uuid4(id_):
                errors.append(f"{path}: @id {id_!r} is not a version 4 UUID")
            if any(id_ in by_id for by_id in model.entities.values()):
                errors.append(f"{path}: @id {id_} is used by another entity")
            model.entities[type_][id_] = entity

    for group_id, group in model.entities["UnitGroup"].items():
        for unit in group.get("units", []):
            if unit.get("@id") in model.units:
                errors.append(f"unit group {group.get('name')!r}: unit id {unit.get('@id')} "
                              "is used twice")
            model.units[unit.get("@id")] = (unit, group_id)
    model.entities["Unit"] = {uid: unit for uid, (unit, _) in model.units.items()}
    return model, errors


def is_uuid4(text):
    try:
        return uuid.UUID(text).version == 4 and str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False


# --- Formulas -----------------------------------------------------------------

BINARY_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
                    ast.Div: operator.truediv, ast.Pow: operator.pow}
UNARY_OPERATORS = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def evaluate(formula, values):
    """Evaluate an arithmetic formula over parameter names.

    Raises ValueError when the formula does not parse, uses anything but
    numbers, names and + - * / ^ **, or names an unknown parameter.
    """
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise ValueError(f"unknown parameter {node.id!r}")
            return float(values[node.id])
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY_OPERATORS:
            return BINARY_OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY_OPERATORS:
            return UNARY_OPERATORS[type(node.op)](walk(node.operand))
        raise ValueError(f"unsupported expression {ast.dump(node)!r}")

    try:
        tree = ast.parse(formula.replace("^", "**"), mode="eval")
    except SyntaxError as error:
        raise ValueError(f"does not parse: {error.msg}") from None
    return walk(tree)


def parameter_values(parameters, base, where, errors):
    """Return `base` plus the values of `parameters`, checking dependent ones."""
    values = dict(base)
    for param in parameters:
        if param.get("isInputParameter", True):
            values[param.get("name")] = param.get("value", 0.0)
    for param in parameters:
        if param.get("isInputParameter", True):
            continue
        try:
            value = evaluate(param.get("formula", ""), values)
        except (ValueError, ZeroDivisionError) as error:
            errors.append(f"{where}: parameter {param.get('name')!r} formula "
                          f"{param.get('formula')!r}: {error}")
            continue
        if not close(value, param.get("value")):
            errors.append(f"{where}: parameter {param.get('name')!r} has value "
                          f"{param.get('value')!r} but its formula gives {value!r}")
        values[param.get("name")] = value
    return values


def close(a, b):
    if not isinstance(b, (int, float)):
        return False
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-15)


# --- Checks -------------------------------------------------------------------

def check_references(model, errors):
    """Every reference object must name an existing entity of its type."""
    def walk(node, where, is_root):
        if isinstance(node, dict):
            type_ = node.get("@type")
            if not is_root and type_ in REF_TYPES and "@id" in node:
                target = model.get(type_, node["@id"])
                if target is None:
                    errors.append(f"{where}: reference to {type_} {node.get('name')!r} "
                                  f"({node['@id']}) not found in the folder")
                elif "name" in node and node["name"] != target.get("name"):
                    errors.append(f"{where}: reference to {type_} {node['@id']} names "
                                  f"{node['name']!r}; the entity is named {target.get('name')!r}")
            for key, value in node.items():
                if is_root and key in ("units", "parameters"):
                    continue   # definitions inside the entity, not references
                walk(value, where, False)
        elif isinstance(node, list):
            for item in node:
                walk(item, where, False)

    for type_, by_id in model.entities.items():
        if type_ == "Unit":
            continue
        for id_, entity in by_id.items():
            walk(entity, f"{type_} {entity.get('name')!r} ({id_})", True)


def check_unit_groups(model, errors):
    for id_, group in model.entities["UnitGroup"].items():
        where = f"unit group {group.get('name')!r} ({id_})"
        refs = [u for u in group.get("units", []) if u.get("isRefUnit")]
        if len(refs) != 1:
            errors.append(f"{where}: has {len(refs)} reference units; expected exactly one")
        elif refs[0].get("conversionFactor") != 1.0:
            errors.append(f"{where}: reference unit {refs[0].get('name')!r} has conversion "
                          f"factor {refs[0].get('conversionFactor')!r}; expected 1.0")
    for id_, prop in model.entities["FlowProperty"].items():
        if not prop.get("unitGroup"):
            errors.append(f"flow property {prop.get('name')!r} ({id_}): unitGroup is missing")


def check_flows(model, errors):
    for id_, flow in model.entities["Flow"].items():
        where = f"flow {flow.get('name')!r} ({id_})"
        if flow.get("flowType") not in FLOW_TYPES:
            errors.append(f"{where}: flowType {flow.get('flowType')!r} is not one of "
                          f"{sorted(FLOW_TYPES)}")
        is_elementary_category = str(flow.get("category", "")).startswith("Elementary flows/")
        if (flow.get("flowType") == "ELEMENTARY_FLOW") != is_elementary_category:
            errors.append(f"{where}: category {flow.get('category')!r} does not match "
                          f"flowType {flow.get('flowType')!r}")
        refs = [f for f in flow.get("flowProperties", []) if f.get("isRefFlowProperty")]
        if len(refs) != 1:
            errors.append(f"{where}: has {len(refs)} reference flow properties; expected one")
        elif refs[0].get("conversionFactor") != 1.0:
            errors.append(f"{where}: reference flow property has conversion factor "
                          f"{refs[0].get('conversionFactor')!r}; expected 1.0")
        for factor in flow.get("flowProperties", []):
            value = factor.get("conversionFactor")
            if not isinstance(value, (int, float)) or value <= 0:
                errors.append(f"{where}: flow property factor {value!r} must be positive")


def check_process(model, id_, process, global_values, errors):
    where = f"process {process.get('name')!r} ({id_})"
    exchanges = process.get("exchanges", [])
    values = parameter_values(process.get("parameters", []), global_values, where, errors)

    references = [e for e in exchanges if e.get("isQuantitativeReference")]
    if len(references) != 1:
        errors.append(f"{where}: has {len(references)} quantitative references; expected "
                      "exactly one (set isQuantitativeReference on one exchange)")
    for exchange in references:
        flow = model.get("Flow", exchange.get("flow", {}).get("@id")) or {}
        provider_side = ((flow.get("flowType") == "PRODUCT_FLOW" and not exchange.get("isInput"))
                         or (flow.get("flowType") == "WASTE_FLOW" and exchange.get("isInput")))
        if flow and not provider_side:
            errors.append(f"{where}: quantitative reference {flow.get('name')!r} must be a "
                          "product output or a waste input")
        if exchange.get("amount", 0) == 0:
            errors.append(f"{where}: quantitative reference amount is zero")

    internal_ids = [e.get("internalId") for e in exchanges]
    if any(not isinstance(i, int) or i < 1 for i in internal_ids):
        errors.append(f"{where}: every exchange needs an integer internalId >= 1")
    elif len(set(internal_ids)) != len(internal_ids):
        errors.append(f"{where}: internalId values are not unique")
    elif process.get("lastInternalId", 0) < max(internal_ids, default=0):
        errors.append(f"{where}: lastInternalId {process.get('lastInternalId')} is below "
                      f"the largest internalId {max(internal_ids)}")

    source_names = [model.name_of("Source", s.get("@id"))
                    for s in process.get("processDocumentation", {}).get("sources", [])]
    for exchange in exchanges:
        check_exchange(model, where, exchange, values, source_names, errors)
    check_allocation(model, where, process, exchanges, errors)


def check_exchange(model, where, exchange, values, source_names, errors):
    flow_ref = exchange.get("flow") or {}
    flow = model.get("Flow", flow_ref.get("@id"))
    here = f"{where}, exchange {exchange.get('internalId')} ({flow_ref.get('name')!r})"
    if not flow_ref.get("@id"):
        errors.append(f"{here}: the flow reference is missing; set exchange.flow")
        return
    if flow is None:
        return   # reported by check_references
    prop_id = (exchange.get("flowProperty") or {}).get("@id")
    unit_id = (exchange.get("unit") or {}).get("@id")
    flow_prop_ids = [f.get("flowProperty", {}).get("@id") for f in flow.get("flowProperties", [])]
    if prop_id not in flow_prop_ids:
        errors.append(f"{here}: flow property {prop_id} is not a flow property of the flow; "
                      "add a flow property factor to the flow or use one it has")
    prop = model.get("FlowProperty", prop_id)
    if unit_id not in model.units:
        errors.append(f"{here}: unit {unit_id} not found in any unit group")
    elif prop and model.units[unit_id][1] != prop.get("unitGroup", {}).get("@id"):
        group = model.get("UnitGroup", prop.get("unitGroup", {}).get("@id")) or {}
        allowed = ", ".join(u.get("name", "?") for u in group.get("units", []))
        errors.append(f"{here}: unit {model.units[unit_id][0].get('name')!r} is not in unit "
                      f"group {group.get('name')!r} of flow property {prop.get('name')!r}; "
                      f"use one of {allowed}")

    amount = exchange.get("amount")
    if not isinstance(amount, (int, float)) or not math.isfinite(amount):
        errors.append(f"{here}: amount {amount!r} is not a finite number")
    elif exchange.get("amountFormula"):
        try:
            value = evaluate(exchange["amountFormula"], values)
            if not close(value, amount):
                errors.append(f"{here}: amount {amount!r} differs from its formula "
                              f"{exchange['amountFormula']!r} = {value!r}")
        except (ValueError, ZeroDivisionError) as error:
            errors.append(f"{here}: formula {exchange['amountFormula']!r}: {error}")

    flow_type = flow.get("flowType")
    provider = exchange.get("defaultProvider")
    if provider:
        check_provider(model, here, flow, exchange, provider, errors)
    if flow_type == "ELEMENTARY_FLOW" and amount:
        description = exchange.get("description") or ""
        if not any(f"Source: {name}" in description for name in source_names):
            errors.append(f"{here}: elementary exchange must cite one of the process's "
                          f"sources as 'Source: NAME.' in its description; sources are "
                          f"{source_names}")


def check_provider(model, here, flow, exchange, provider, errors):
    flow_type = flow.get("flowType")
    wants_output = flow_type == "PRODUCT_FLOW"
    if flow_type == "ELEMENTARY_FLOW" or (wants_output != bool(exchange.get("isInput"))):
        errors.append(f"{here}: defaultProvider is only allowed on product inputs and "
                      "waste outputs")
        return
    target = model.get("Process", provider.get("@id"))
    if target is None:
        return   # reported by check_references
    provides = any(e.get("flow", {}).get("@id") == flow.get("@id")
                   and bool(e.get("isInput")) != wants_output
                   for e in target.get("exchanges", []))
    if not provides:
        role = "produce" if wants_output else "treat"
        errors.append(f"{here}: default provider {target.get('name')!r} does not {role} "
                      f"flow {flow.get('name')!r}")


def check_allocation(model, where, process, exchanges, errors):
    def is_function(e):
        flow = model.get("Flow", e.get("flow", {}).get("@id")) or {}
        return ((flow.get("flowType") == "PRODUCT_FLOW" and not e.get("isInput"))
                or (flow.get("flowType") == "WASTE_FLOW" and e.get("isInput"))) \
            and not e.get("isAvoidedProduct")

    functions = {e.get("flow", {}).get("@id") for e in exchanges if is_function(e)}
    factors = process.get("allocationFactors", [])
    method = process.get("defaultAllocationMethod")
    if method is not None and method not in ALLOCATION_TYPES:
        errors.append(f"{where}: defaultAllocationMethod {method!r} is not one of "
                      f"{sorted(ALLOCATION_TYPES)}")
    if len(functions) > 1 and not factors:
        errors.append(f"{where}: has {len(functions)} products but no allocation factors")
    sums = {}
    for factor in factors:
        product = factor.get("product", {}).get("@id")
        if product not in functions:
            errors.append(f"{where}: allocation factor for {factor.get('product', {}).get('name')!r} "
                          "does not refer to a product output or waste input of the process")
        if factor.get("allocationType") == "CAUSAL_ALLOCATION":
            continue   # causal factors are per exchange and need not sum to one
        key = factor.get("allocationType")
        sums.setdefault(key, {})[product] = factor.get("value", 0.0)
    for key, by_product in sums.items():
        if set(by_product) != functions:
            errors.append(f"{where}: {key} factors cover {len(by_product)} of "
                          f"{len(functions)} products")
        if not math.isclose(sum(by_product.values()), 1.0, rel_tol=RELATIVE_TOLERANCE):
            errors.append(f"{where}: {key} factors sum to {sum(by_product.values())!r}; "
                          "expected 1")


def check_model(model):
    """Return the list of consistency errors of `model`."""
    errors = []
    check_references(model, errors)
    check_unit_groups(model, errors)
    check_flows(model, errors)
    global_values = parameter_values(list(model.entities["Parameter"].values()), {},
                                     "global parameters", errors)
    for id_, process in sorted(model.entities["Process"].items()):
        check_process(model, id_, process, global_values, errors)
    return errors


# --- Self-test ----------------------------------------------------------------

def first(model, type_, predicate=lambda e: True):
    return next(e for _, e in sorted(model.entities[type_].items()) if predicate(e))


def exchanges_where(model, predicate):
    for _, process in sorted(model.entities["Process"].items()):
        for exchange in process.get("exchanges", []):
            flow = model.get("Flow", exchange["flow"]["@id"])
            if predicate(process, exchange, flow):
                return process, exchange
    raise LookupError("no exchange matches")


def break_unit(model):
    _, exchange = exchanges_where(
        model, lambda p, e, f: not model.units[e["unit"]["@id"]][0]["isRefUnit"])
    unit_id = exchange["unit"]["@id"]
    group = model.get("UnitGroup", model.units[unit_id][1])
    group["units"] = [u for u in group["units"] if u["@id"] != unit_id]
    model.units.pop(unit_id)
    model.entities["Unit"].pop(unit_id)


def break_flow_reference(model):
    _, exchange = exchanges_where(model, lambda p, e, f: True)
    exchange["flow"]["@id"] = "00000000-0000-4000-8000-000000000000"


def break_missing_flow(model):
    _, exchange = exchanges_where(model, lambda p, e, f: not e["isQuantitativeReference"])
    del exchange["flow"]


def break_second_reference(model):
    _, exchange = exchanges_where(model, lambda p, e, f: not e["isQuantitativeReference"])
    exchange["isQuantitativeReference"] = True


def break_unit_group(model):
    kwh = next(uid for uid, (u, _) in model.units.items() if u["name"] == "kWh")
    _, exchange = exchanges_where(model, lambda p, e, f: e["unit"]["name"] == "kg")
    exchange["unit"] = {"@type": "Unit", "@id": kwh, "name": "kWh"}


def break_source(model):
    _, exchange = exchanges_where(model, lambda p, e, f: f["flowType"] == "ELEMENTARY_FLOW")
    exchange["description"] = "no citation"


def break_formula(model):
    _, exchange = exchanges_where(model, lambda p, e, f: "amountFormula" in e)
    exchange["amount"] *= 1.5


def break_allocation(model):
    process = first(model, "Process", lambda p: p.get("allocationFactors"))
    process["allocationFactors"][0]["value"] += 0.1


def break_provider(model):
    _, exchange = exchanges_where(model, lambda p, e, f: "defaultProvider" in e)
    other = first(model, "Process", lambda p: not any(
        x["flow"]["@id"] == exchange["flow"]["@id"] for x in p["exchanges"]))
    exchange["defaultProvider"] = {"@type": "Process", "@id": other["@id"], "name": other["name"]}


# Each break and a text that the error it causes must contain.
BREAKS = [
    (break_unit, "not found"),
    (break_flow_reference, "not found in the folder"),
    (break_missing_flow, "the flow reference is missing"),
    (break_second_reference, "quantitative references"),
    (break_unit_group, "is not in unit group"),
    (break_source, "must cite one of the process's sources"),
    (break_formula, "differs from its formula"),
    (break_allocation, "factors sum to"),
    (break_provider, "does not produce"),
]


def self_test(model):
    """Return the names of the breaks that check_model did not report."""
    missed = []
    for apply_break, expected in BREAKS:
        broken = copy.deepcopy(model)
        apply_break(broken)
        if not any(expected in error for error in check_model(broken)):
            missed.append(f"{apply_break.__name__} (expected an error containing {expected!r})")
    return missed


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if not folder.is_dir():
        print(f"check_sample: folder {folder} not found", file=sys.stderr)
        return 1

    model, errors = load_folder(folder)
    errors += check_model(model)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if errors:
        print(f"check_sample: {len(errors)} errors in {folder}", file=sys.stderr)
        return 1

    missed = self_test(model)
    for name in missed:
        print(f"error: self-test break not detected: {name}", file=sys.stderr)
    if missed:
        return 1

    cut_offs = sorted({e["flow"]["name"]
                       for p in model.entities["Process"].values() for e in p["exchanges"]
                       if e.get("isInput") and "defaultProvider" not in e
                       and model.get("Flow", e["flow"]["@id"])["flowType"] == "PRODUCT_FLOW"})
    counts = ", ".join(f"{len(model.entities[t])} {f}" for f, t in FOLDER_TYPES.items()
                       if model.entities[t])
    print(f"check_sample: {folder} is consistent: {counts}")
    print(f"check_sample: product inputs without default provider (cut-offs): {cut_offs}")
    print(f"check_sample: self-test detected all {len(BREAKS)} breaks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
