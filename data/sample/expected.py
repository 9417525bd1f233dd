#!/usr/bin/env python3
"""Compute the expected footprint of the bundled window frame sample,
independently of the trustpcf engine, and write it to expected.json.

The script reads the openLCA JSON-LD v2 folder, evaluates the formulas,
links every product input and waste output through its default provider,
builds the technosphere matrix A (one column per process, outputs positive,
inputs negative) and the intervention matrix B, solves A s = f for the
scaling vector s by Gaussian elimination with partial pivoting (written out
here; the system has 15 columns), and characterizes the inventory g = B s
with IPCC AR6 GWP100. Standard library only.

Usage:
  python3 data/sample/expected.py           print the tables, compare with expected.json
  python3 data/sample/expected.py --write   rewrite expected.json
"""

import ast
import copy
import csv
import json
import math
import operator
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "window-frame"
EXPECTED = HERE / "expected.json"
EVIDENCE = HERE / "evidence" / "window-frame-2025.csv"

# Process whose reference product is the declared unit: one window frame.
ROOT_PROCESS_ID = "fc254450-5a35-480d-9469-d9d36914de85"

# IPCC AR6 WG1 GWP100 (kg CO2e per kg), by elementary flow name. Methane is
# split by origin as in AR6 Table 7.15; the others are from Table 7.SM.7.
GWP100_AR6 = {
    "Carbon dioxide, fossil": 1.0,
    "Methane, fossil": 29.8,
    "Methane, non-fossil": 27.0,
    "Dinitrogen monoxide": 273.0,
    "Tetrafluoromethane": 7380.0,
    "Hexafluoroethane": 12400.0,
}
# Biogenic CO2 flows: counted at +1 (emission) and -1 (uptake from air) only
# in the totals that include biogenic CO2.
BIOGENIC_EMISSION = "Carbon dioxide, biogenic"
BIOGENIC_UPTAKE = "Carbon dioxide, in air"

# Largest |A s - f| accepted from the solve; the entries of A are of order
# 1 to 20, so a correct double-precision solve stays many orders below.
RESIDUAL_LIMIT = 1e-9

# Relative difference above which the computed result no longer matches
# expected.json. Both are the same double arithmetic, so they agree far below.
MATCH_TOLERANCE = 1e-12


# --- Reading the folder ---------------------------------------------------------

def load(folder):
    entities = {}
    for sub in ("processes", "flows", "flow_properties", "unit_groups", "parameters"):
        for path in sorted((folder / sub).glob("*.json")):
            entity = json.loads(path.read_text(encoding="utf-8"))
            entities[entity["@id"]] = entity
    return entities


def evaluate(formula, values):
    """Evaluate an arithmetic openLCA formula over parameter names."""
    ops = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow,
           ast.USub: operator.neg, ast.UAdd: operator.pos}

    def walk(node):
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.BinOp):
            return ops[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp):
            return ops[type(node.op)](walk(node.operand))
        raise ValueError(f"unsupported formula {formula!r}")

    return walk(ast.parse(formula.replace("^", "**"), mode="eval").body)


def parameter_values(entities, process):
    values = {}
    scopes = [[e for e in entities.values() if e["@type"] == "Parameter"],
              process.get("parameters", [])]
    for params in scopes:
        for param in params:
            if param.get("isInputParameter", True):
                values[param["name"]] = float(param["value"])
        for param in params:
            if not param.get("isInputParameter", True):
                values[param["name"]] = evaluate(param["formula"], values)
    return values


def reference_amount(entities, exchange, amount):
    """Convert `amount` (in the exchange's unit) to the flow's reference unit."""
    flow = entities[exchange["flow"]["@id"]]
    prop_id = exchange["flowProperty"]["@id"]
    group = entities[entities[prop_id]["unitGroup"]["@id"]]
    unit_factor = next(u["conversionFactor"] for u in group["units"]
                       if u["@id"] == exchange["unit"]["@id"])
    prop_factor = next(f["conversionFactor"] for f in flow["flowProperties"]
                       if f["flowProperty"]["@id"] == prop_id)
    return amount * unit_factor / prop_factor


def is_function(flow, exchange):
    """True for a product output or a waste input, the flows a process provides."""
    return ((flow["flowType"] == "PRODUCT_FLOW" and not exchange["isInput"])
            or (flow["flowType"] == "WASTE_FLOW" and exchange["isInput"]))


def column(entities, process, allocation):
    """Return the exchanges of `process` for its reference product, allocated.

    Each item is (flow id, signed amount in reference units, exchange), with
    outputs positive. `allocation` is "default", "physical", "economic" or
    "none".
    """
    values = parameter_values(entities, process)
    reference = next(e for e in process["exchanges"] if e["isQuantitativeReference"])
    functions = [e for e in process["exchanges"] if is_function(entities[e["flow"]["@id"]], e)]

    factor = 1.0
    if len(functions) > 1 and allocation != "none":
        method = {"physical": "PHYSICAL_ALLOCATION", "economic": "ECONOMIC_ALLOCATION",
                  "default": process.get("defaultAllocationMethod")}[allocation]
        factor = next(f["value"] for f in process["allocationFactors"]
                      if f["allocationType"] == method
                      and f["product"]["@id"] == reference["flow"]["@id"])

    items = []
    for exchange in process["exchanges"]:
        flow = entities[exchange["flow"]["@id"]]
        amount = (evaluate(exchange["amountFormula"], values) if exchange.get("amountFormula")
                  else exchange["amount"])
        amount = reference_amount(entities, exchange, amount)
        sign = -1.0 if exchange["isInput"] else 1.0
        if exchange is reference:
            items.append((flow["@id"], sign * amount, exchange))
        elif exchange in functions and allocation != "none":
            continue   # another co-product: allocated away
        else:
            items.append((flow["@id"], sign * amount * factor, exchange))
    return items


# --- Building and solving the system --------------------------------------------

def build_system(entities, allocation):
    """Link the system from the root process through default providers.

    Returns (process ids, A, B, row flow ids, elementary flow ids, cut-offs).
    """
    order, queue = [], [ROOT_PROCESS_ID]
    while queue:
        pid = queue.pop(0)
        if pid in order:
            continue
        order.append(pid)
        for exchange in entities[pid]["exchanges"]:
            if "defaultProvider" in exchange:
                queue.append(exchange["defaultProvider"]["@id"])

    # Row i of A is the reference flow of column i.
    columns = [column(entities, entities[pid], allocation) for pid in order]
    rows = [next(fid for fid, _, e in items if e["isQuantitativeReference"]) for items in columns]
    n = len(order)
    a = [[0.0] * n for _ in range(n)]
    elementary = sorted({fid for items in columns for fid, _, _ in items
                         if entities[fid]["flowType"] == "ELEMENTARY_FLOW"},
                        key=lambda fid: entities[fid]["name"])
    b = [[0.0] * n for _ in elementary]
    cut_offs = {}
    for j, items in enumerate(columns):
        for fid, amount, exchange in items:
            flow = entities[fid]
            if flow["flowType"] == "ELEMENTARY_FLOW":
                b[elementary.index(fid)][j] += amount
            elif "defaultProvider" in exchange or exchange["isQuantitativeReference"]:
                a[rows.index(fid)][j] += amount
            elif exchange["isInput"]:
                cut_offs.setdefault(fid, []).append((j, -amount))
    return order, a, b, rows, elementary, cut_offs


def solve(a, f):
    """Solve a x = f by Gaussian elimination with partial pivoting."""
    n = len(f)
    m = [row[:] + [f[i]] for i, row in enumerate(a)]
    for k in range(n):
        pivot = max(range(k, n), key=lambda i: abs(m[i][k]))
        if abs(m[pivot][k]) < 1e-14:
            raise ValueError(f"technosphere matrix is singular at column {k}")
        m[k], m[pivot] = m[pivot], m[k]
        for i in range(k + 1, n):
            ratio = m[i][k] / m[k][k]
            if ratio:
                for j in range(k, n + 1):
                    m[i][j] -= ratio * m[k][j]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (m[i][n] - sum(m[i][j] * x[j] for j in range(i + 1, n))) / m[i][i]
    return x


def characterization_factor(name):
    """GWP100 of one kg of the flow; biogenic CO2 flows get 0 here."""
    return GWP100_AR6.get(name, 0.0)


def footprint(entities, allocation, demand=None):
    order, a, b, rows, elementary, cut_offs = build_system(entities, allocation)
    if demand is None:
        reference = next(e for e in entities[ROOT_PROCESS_ID]["exchanges"]
                         if e["isQuantitativeReference"])
        demand = {reference["flow"]["@id"]: 1.0}
    f = [demand.get(fid, 0.0) for fid in rows]
    s = solve(a, f)
    residual = max(abs(sum(a[i][j] * s[j] for j in range(len(s))) - f[i]) for i in range(len(f)))
    if residual > RESIDUAL_LIMIT:
        raise ValueError(f"solution does not satisfy A s = f: max residual {residual!r}")
    g = [sum(b_row[j] * s[j] for j in range(len(s))) for b_row in b]
    return order, s, b, elementary, g, cut_offs


def totals(entities, elementary, g):
    fossil = sum(characterization_factor(entities[fid]["name"]) * amount
                 for fid, amount in zip(elementary, g))
    bio_emission = sum(amount for fid, amount in zip(elementary, g)
                       if entities[fid]["name"] == BIOGENIC_EMISSION)
    bio_uptake = -sum(amount for fid, amount in zip(elementary, g)
                      if entities[fid]["name"] == BIOGENIC_UPTAKE)
    return {
        "excluding_biogenic_co2": fossil,
        "including_biogenic_co2_emissions": fossil + bio_emission,
        "including_biogenic_co2_emissions_and_uptake": fossil + bio_emission - bio_uptake,
    }


def compute():
    entities = load(FOLDER)
    order, s, b, elementary, g, cut_offs = footprint(entities, "default")
    root = entities[ROOT_PROCESS_ID]
    frame = entities[next(e for e in root["exchanges"] if e["isQuantitativeReference"])["flow"]["@id"]]
    mass = next(f["conversionFactor"] for f in frame["flowProperties"]
                if f["flowProperty"]["name"] == "Mass")

    gases = []
    for fid, amount in zip(elementary, g):
        name = entities[fid]["name"]
        gases.append({
            "flow": name, "@id": fid, "category": entities[fid]["category"],
            "direction": "input" if amount < 0 else "output",
            "amount_kg": abs(amount),
            "gwp100": GWP100_AR6.get(name, 0.0),
            # "+ 0.0" turns the -0.0 of a zero factor times an input into 0.0.
            "kg_co2e": GWP100_AR6.get(name, 0.0) * amount + 0.0,
        })

    direct = {}
    for j, pid in enumerate(order):
        direct[entities[pid]["name"]] = sum(
            characterization_factor(entities[fid]["name"]) * b[i][j] * s[j]
            for i, fid in enumerate(elementary))

    # Packaging: the inputs of the root process whose description starts with
    # "Packaging" (the box, the film and their transport), with their chains.
    packaging_demand = {}
    for exchange in root["exchanges"]:
        if exchange["isInput"] and exchange.get("description", "").startswith("Packaging"):
            packaging_demand[exchange["flow"]["@id"]] = reference_amount(
                entities, exchange, exchange["amount"])
    _, _, _, p_elementary, p_g, _ = footprint(entities, "default", packaging_demand)
    packaging = totals(entities, p_elementary, p_g)["excluding_biogenic_co2"]

    by_allocation = {}
    for allocation in ("physical", "economic", "none"):
        _, _, _, a_elementary, a_g, _ = footprint(entities, allocation)
        by_allocation[allocation] = totals(entities, a_elementary, a_g)["excluding_biogenic_co2"]

    return {
        "description": "Expected footprint of the bundled window frame sample, computed by "
                       "data/sample/expected.py independently of the trustpcf engine. "
                       "Amounts are per declared unit, in kg and kg CO2e.",
        "declared_unit": {"amount": 1.0, "unit": "piece", "product_mass_kg": mass},
        "reference_process": {"@id": ROOT_PROCESS_ID, "name": root["name"]},
        "reference_flow": {"@id": frame["@id"], "name": frame["name"]},
        "method": "IPCC AR6 GWP100",
        "characterization_factors": GWP100_AR6,
        "allocation": "default: the process's default method (physical by mass for remelting)",
        "totals_kg_co2e": totals(entities, elementary, g),
        "gases": gases,
        "packaging_kg_co2e": packaging,
        "totals_excluding_biogenic_co2_by_allocation": by_allocation,
        "scaling_vector": {entities[pid]["name"]: x for pid, x in zip(order, s)},
        "direct_contributions_kg_co2e": dict(sorted(direct.items(), key=lambda kv: -kv[1])),
        "cut_offs": [{"flow": entities[fid]["name"], "@id": fid,
                      "amount": sum(amount * s[j] for j, amount in uses),
                      "unit": "kg"} for fid, uses in sorted(cut_offs.items())],
        "with_evidence_2025": evidence_case(entities),
        "with_supplier_coated_profile": supplier_case(entities),
    }


def chain_total(entities, flow_amounts):
    """kg CO2e (biogenic CO2 left out) of the given product amounts {flow id:
    reference amount} with their supply chains."""
    _, _, _, elementary, g, _ = footprint(entities, "default", flow_amounts)
    return totals(entities, elementary, g)["excluding_biogenic_co2"]


def evidence_case(entities):
    """Compute the footprint with the 2025 activity data of evidence/.

    The root's electricity becomes the metered kWh over the frames produced.
    The primary data share is the electricity chain (the one evidence-backed
    input) over the total."""
    electricity_kwh = 0.0
    frames = 0.0
    with EVIDENCE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["activityType"] == "electricity":
                assert row["unit"] == "kWh"
                electricity_kwh += float(row["quantity"])
            elif row["activityType"] == "production":
                assert row["unit"] == "Item(s)"
                frames += float(row["quantity"])
    per_frame = electricity_kwh / frames

    changed = copy.deepcopy(entities)
    root = changed[ROOT_PROCESS_ID]
    electricity = next(e for e in root["exchanges"]
                       if e["isInput"] and e["flow"]["name"] == "Electricity, medium voltage")
    electricity["amount"] = per_frame
    _, _, _, elementary, g, _ = footprint(changed, "default")
    total = totals(changed, elementary, g)["excluding_biogenic_co2"]
    electricity_chain = chain_total(changed, {
        electricity["flow"]["@id"]: reference_amount(changed, electricity, per_frame)})
    return {
        "electricity_kwh": electricity_kwh,
        "frames_produced": frames,
        "electricity_kwh_per_frame": per_frame,
        "excluding_biogenic_co2": total,
        "primary_data_share_percent": 100.0 * electricity_chain / total,
    }


def supplier_case(entities):
    """Split the footprint for a supplier of the coated profile: the
    profile's chain per kg, and everything else."""
    root = entities[ROOT_PROCESS_ID]
    profile = next(e for e in root["exchanges"]
                   if e["isInput"] and e["flow"]["name"] == "Aluminium profile, powder coated")
    rest = {}
    for exchange in root["exchanges"]:
        if exchange["isInput"] and exchange is not profile:
            rest[exchange["flow"]["@id"]] = reference_amount(entities, exchange, exchange["amount"])
    return {
        "coated_profile_kg_per_frame": profile["amount"],
        "coated_profile_kg_co2e_per_kg": chain_total(
            entities, {profile["flow"]["@id"]: reference_amount(entities, profile, 1.0)}),
        "rest_kg_co2e": chain_total(entities, rest),
    }


# --- Output ---------------------------------------------------------------------

def print_tables(result):
    print("| gas | amount (kg) | GWP100 | kg CO2e |")
    print("| --- | ---: | ---: | ---: |")
    for gas in result["gases"]:
        print(f"| {gas['flow']} ({gas['direction']}) | {gas['amount_kg']:.6g} | "
              f"{gas['gwp100']:g} | {gas['kg_co2e']:.4f} |")
    for name, value in result["totals_kg_co2e"].items():
        print(f"| total, {name.replace('_', ' ')} | | | {value:.4f} |")
    print()
    print("| process | scaling | direct kg CO2e |")
    print("| --- | ---: | ---: |")
    for name, value in result["direct_contributions_kg_co2e"].items():
        print(f"| {name} | {result['scaling_vector'][name]:.6g} | {value:.4f} |")
    print()
    print(f"packaging: {result['packaging_kg_co2e']:.4f} kg CO2e")
    for name, value in result["totals_excluding_biogenic_co2_by_allocation"].items():
        print(f"allocation {name}: {value:.6f} kg CO2e")
    for cut in result["cut_offs"]:
        print(f"cut-off: {cut['flow']} {cut['amount']:.6g} {cut['unit']}")
    for case in ("with_evidence_2025", "with_supplier_coated_profile"):
        for name, value in result[case].items():
            print(f"{case} {name}: {value:.9g}")


def same(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=MATCH_TOLERANCE, abs_tol=1e-15)
    return a == b


def main(argv):
    result = compute()
    if "--write" in argv:
        EXPECTED.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        print(f"wrote {EXPECTED}")
        return 0
    print_tables(result)
    if not EXPECTED.exists() or not same(json.loads(EXPECTED.read_text(encoding="utf-8")), result):
        print(f"{EXPECTED} is out of date; run {Path(argv[0]).name} --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
