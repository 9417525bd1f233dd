#!/usr/bin/env python3
"""Write the bundled sample, an aluminium window frame made in China, as an
unpacked openLCA JSON-LD schema v2 folder (data/sample/window-frame/).

This script is the source of the sample: change a value here, run it, and
commit the regenerated folder together with data/sample/expected.json
(python3 data/sample/expected.py --write). Every id below was generated once
with uuid4 and must stay fixed, because stored footprints refer to them.
Standard library only.

Usage: python3 data/sample/generate_sample.py [OUTPUT_DIR]
"""

import json
import shutil
import sys
from pathlib import Path

# Timestamp written into every entity, fixed so that regenerating the folder
# gives identical bytes.
LAST_CHANGE = "2026-12-04T00:00:00Z"
VERSION = "01.00.000"

IDS = {
    "ug_mass": "35357b76-6936-4628-ac08-68f682ffd397",
    "ug_energy": "ab03de10-a04f-48fa-aae4-a41b923b283d",
    "ug_volume": "6ad04807-3891-4f64-b39a-920b68122566",
    "ug_transport": "726555f6-4d62-4f2e-843c-81975d3a4fae",
    "ug_items": "e584e5f7-cd3b-4e4a-ac95-0e0b28bdfa73",
    "u_kg": "8bb02b6f-7ccf-48c2-9cd2-e8b7bfa7defd",
    "u_g": "5ef0c295-d066-4a96-9a3d-5e48f8441620",
    "u_t": "14436974-b5d4-4790-937a-aeb3ee10a448",
    "u_mj": "abe8cfff-b976-41e0-9d6d-ac1869dda811",
    "u_kwh": "a831db39-d64f-406f-bd0c-0e77ea731600",
    "u_gj": "93be6b1b-de50-4392-8f9a-d7a1b619508f",
    "u_m3": "890ba74c-1182-42f8-85c3-62b9efef7996",
    "u_l": "630d2bf5-0571-422a-ab54-805884f97dc9",
    "u_tkm": "d5c4794b-70e1-4a37-8590-0161cf43e96d",
    "u_kgkm": "4db02571-b08a-4ea9-b46b-e7e8607a585f",
    "u_item": "cdcf07df-8a3f-49b5-bf68-f4da6ffb694a",
    "fp_mass": "659f7bb6-00e1-4520-90b5-5902d776509e",
    "fp_energy": "df6fee1a-963d-4290-bb0c-22cb34840591",
    "fp_ncv": "8be02bda-b788-4724-908a-46a085fcbc0f",
    "fp_volume": "7ba240e7-a789-4bd8-93e4-ec37060b427a",
    "fp_transport": "60698844-de05-4995-9d77-583ee225803f",
    "fp_items": "74d83156-6539-4eb3-898e-bcc218961328",
    "loc_cn": "25abacd7-a78f-425f-937f-3e908f055350",
    "src_mee": "b94e7f88-1fdf-481d-ab4b-d2f4ceaa6e18",
    "src_ipcc_energy": "17e87dbb-52c9-434c-b480-6caa6a675d05",
    "src_ipcc_ippu": "3f16ec0e-a514-4d6b-b641-fb8682751f71",
    "src_iai": "1730db80-dd9c-4ba1-87cf-a46f0727b0fa",
    "src_glec": "d5bc9579-4ef3-4acd-a5fb-403bc0359550",
    "src_illustrative": "0b2841e5-8185-4e70-b977-ef4dc4c15c40",
    "par_recycled": "e5489b36-71c6-4516-8739-2f12f955cf27",
    "f_elec": "4d55d71c-3631-4bbb-a166-539f56cfd1c2",
    "f_ng": "7b6b61e5-6eed-4b15-b89b-3ed96ab73136",
    "f_diesel": "000e31e5-b621-46be-8bb7-bcb36439f4a2",
    "f_truck": "fea683be-a3ad-456f-951c-8be6db5da703",
    "f_bauxite": "b85e91e5-265c-426d-8ac4-07d603fa45ab",
    "f_alumina": "44b829e3-13fa-46c5-8a92-0eaedd82e938",
    "f_primary": "ec0242bf-e2e9-4c95-a93a-df2fae8f309c",
    "f_scrap": "d85e52fe-ea78-46bf-a61e-f76c3de3a906",
    "f_secondary": "00d841b5-aa5e-46da-a002-2aba9c9c13b7",
    "f_dross": "4c19df12-f5ad-4659-9a63-1e7da60f5850",
    "f_billet": "9f0c5ce3-4f52-4942-90fc-c9597ed44583",
    "f_profile": "57900f78-ac8a-4906-909e-f5d10ec95f3e",
    "f_powder": "dbd7412c-a69e-43e1-923d-eb93e83aa702",
    "f_coated": "ee5ace5e-b13e-4ddf-9cd9-cfa4718cf61a",
    "f_board": "59ebebc4-3d83-4e55-baf5-9b88adabf501",
    "f_pe": "2dde5a90-b3f1-4f60-8465-f57040bdad79",
    "f_frame": "97be076b-18f4-4bc0-85f8-13c615f350aa",
    "f_wpowder": "a177f505-c65c-437e-99e0-ee1b97576795",
    "e_co2": "8af3c753-fd28-451b-be4e-2f8bb33c0427",
    "e_ch4": "5712db34-95f5-475c-8193-d1e8d54ce67a",
    "e_ch4_nf": "b15c8c80-ffa4-476e-b83f-3d9cbf00ab3e",
    "e_n2o": "26050a3a-d8ad-44b1-920b-0d29f6d0f417",
    "e_cf4": "fe01cb8f-adf2-429d-88be-ccb941b5ee11",
    "e_c2f6": "faa8f24a-b795-4fd5-82fa-22702b918c5c",
    "e_co2_bio": "198b9bbd-6348-49fa-9db8-1ee737cf3df0",
    "e_co2_air": "f5924176-f5fe-4bac-9883-8ea671904806",
    "p_elec": "a44493b3-77fc-489d-9691-7d2b97313f34",
    "p_ng": "9a0120e6-287e-4318-9fa3-17376c015f46",
    "p_diesel": "1d60df67-06c7-4215-951d-5246328f3a4e",
    "p_truck": "a8a9339b-f3ca-4f83-8a47-50aedb149760",
    "p_alumina": "c5864987-3710-4131-8e69-70c36dcea2ef",
    "p_smelt": "fc0c7958-74c7-452e-b3b5-473409cda554",
    "p_remelt": "40aa7bde-ca10-4049-bec3-4307b3d130cf",
    "p_billet": "5cc3ef2d-6b8a-4d9f-80ce-a6daa018437b",
    "p_extrude": "00580783-5bc6-4023-b340-f40ee77518ff",
    "p_powder": "77a56a32-b938-4e2b-a2ef-d952112753dd",
    "p_coat": "a30f0027-575d-4a49-b17d-30f01280db5e",
    "p_incin": "2e5bc973-ff57-41aa-99a8-c79e19fcd59e",
    "p_board": "addd6e65-626a-45d4-b9f1-facf37025e47",
    "p_pe": "3200e741-0e56-4390-90ba-4f25a65d5d8f",
    "p_frame": "fc254450-5a35-480d-9469-d9d36914de85",
    "pp_yield": "e11df590-397b-42ed-82ac-06322b5e9ef6",
    "pp_elec": "9b4e6a9a-d921-43eb-a3c0-37880afea462",
    "pp_billet": "d6a46340-ba4a-4e3b-b217-c8349b52e024",
}

# --- Fuel data used to derive combustion emission factors -------------------
# IPCC 2006 Guidelines, Volume 2 (Energy), default values:
NG_CO2_KG_PER_MJ = 0.0561        # natural gas, 56 100 kg CO2/TJ
NG_CH4_KG_PER_MJ = 1.0e-6        # natural gas, manufacturing industries, 1 kg/TJ
NG_N2O_KG_PER_MJ = 1.0e-7        # natural gas, manufacturing industries, 0.1 kg/TJ
COAL_CO2_KG_PER_MJ = 0.0946      # other bituminous coal, 94 600 kg CO2/TJ
COAL_CH4_KG_PER_MJ = 1.0e-5      # coal, manufacturing industries, 10 kg/TJ
COAL_N2O_KG_PER_MJ = 1.5e-6      # coal, 1.5 kg/TJ
POWER_COAL_CH4_KG_PER_MJ = 1.0e-6  # coal, energy industries, 1 kg/TJ
DIESEL_NCV_MJ_PER_KG = 43.0      # gas/diesel oil, 43.0 TJ/Gg
DIESEL_CO2_KG_PER_MJ = 0.0741    # gas/diesel oil, 74 100 kg CO2/TJ
DIESEL_ROAD_CH4_KG_PER_MJ = 3.9e-6  # road transport, diesel, 3.9 kg/TJ
DIESEL_ROAD_N2O_KG_PER_MJ = 3.9e-6  # road transport, diesel, 3.9 kg/TJ

# Illustrative round value: the IPCC default net calorific value of natural
# gas (48.0 MJ/kg) at an assumed density of 0.75 kg/m3.
NG_NCV_MJ_PER_M3 = 36.0

# Coal burned per kWh of Chinese grid electricity, illustrative: about 60 %
# coal-fired generation at about 38 % net efficiency, 0.6 * 3.6 / 0.38.
GRID_COAL_MJ_PER_KWH = 5.7

# Mass of one window frame without packaging (kg per piece), illustrative:
# a frame for a window of about 1.2 m x 1.5 m.
FRAME_MASS_KG = 10.0


def ref(key, type_, name, **extra):
    """Return an openLCA reference object to the entity with IDS[key]."""
    out = {"@type": type_, "@id": IDS[key], "name": name}
    out.update(extra)
    return out


def root(key, type_, name, **fields):
    """Return the common fields of a root entity followed by `fields`."""
    out = {"@type": type_, "@id": IDS[key], "name": name}
    out.update(fields)
    out["lastChange"] = LAST_CHANGE
    out["version"] = VERSION
    return out


# --- Units, flow properties, location ----------------------------------------

UNIT_GROUPS = {
    "ug_mass": ("Units of mass", "fp_mass",
                [("u_kg", "kg", 1.0), ("u_g", "g", 0.001), ("u_t", "t", 1000.0)]),
    "ug_energy": ("Units of energy", "fp_energy",
                  [("u_mj", "MJ", 1.0), ("u_kwh", "kWh", 3.6), ("u_gj", "GJ", 1000.0)]),
    "ug_volume": ("Units of volume", "fp_volume",
                  [("u_m3", "m3", 1.0), ("u_l", "l", 0.001)]),
    "ug_transport": ("Units of mass*length", "fp_transport",
                     [("u_tkm", "t*km", 1.0), ("u_kgkm", "kg*km", 0.001)]),
    "ug_items": ("Units of items", "fp_items", [("u_item", "Item(s)", 1.0)]),
}

# key: (name, unit group key)
FLOW_PROPERTIES = {
    "fp_mass": ("Mass", "ug_mass"),
    "fp_energy": ("Energy", "ug_energy"),
    "fp_ncv": ("Net calorific value", "ug_energy"),
    "fp_volume": ("Volume", "ug_volume"),
    "fp_transport": ("Goods transport (mass*distance)", "ug_transport"),
    "fp_items": ("Number of items", "ug_items"),
}

UNIT_NAMES = {unit_key: unit_name
              for _, _, units in UNIT_GROUPS.values()
              for unit_key, unit_name, _ in units}


def unit_ref(key):
    return ref(key, "Unit", UNIT_NAMES[key])


def flow_property_ref(key):
    name, group_key = FLOW_PROPERTIES[key]
    ref_unit = UNIT_NAMES[UNIT_GROUPS[group_key][2][0][0]]
    return ref(key, "FlowProperty", name, category="Technical flow properties",
               refUnit=ref_unit)


def unit_group_entity(key):
    name, default_fp, units = UNIT_GROUPS[key]
    return root(key, "UnitGroup", name,
                category="Technical unit groups",
                defaultFlowProperty=ref(default_fp, "FlowProperty", FLOW_PROPERTIES[default_fp][0]),
                units=[{"@type": "Unit", "@id": IDS[unit_key], "name": unit_name,
                        "conversionFactor": factor, "isRefUnit": factor == 1.0}
                       for unit_key, unit_name, factor in units])


def flow_property_entity(key):
    name, group_key = FLOW_PROPERTIES[key]
    return root(key, "FlowProperty", name,
                category="Technical flow properties",
                flowPropertyType="PHYSICAL_QUANTITY",
                unitGroup=ref(group_key, "UnitGroup", UNIT_GROUPS[group_key][0]))


LOCATION = root("loc_cn", "Location", "China", code="CN",
                latitude=35.0, longitude=105.0)
LOCATION_REF = ref("loc_cn", "Location", "China")

# --- Sources -----------------------------------------------------------------

# key: (name, description, url or None)
SOURCES = {
    "src_mee": (
        "MEE China, national average CO2 emission factor of grid electricity (2022)",
        "Ministry of Ecology and Environment of the People's Republic of China: "
        "national grid average CO2 emission factor for the year 2022, 0.5703 t "
        "CO2/MWh, as used for enterprise greenhouse gas reporting. The value is "
        "written from memory; the notice was not at hand when this sample was "
        "made. The ministry has published more than one national electricity "
        "factor, with different scopes, so check the value and its scope "
        "before relying on it. The factor covers CO2 from generation only.",
        "https://www.mee.gov.cn"),
    "src_ipcc_energy": (
        "IPCC 2006 Guidelines, Volume 2 Energy",
        "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 2: "
        "Energy. Chapter 1 gives the default net calorific values and CO2 "
        "emission factors of fuels, chapter 2 the CH4 and N2O defaults of "
        "stationary combustion, chapter 3 those of road transport.",
        "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html"),
    "src_ipcc_ippu": (
        "IPCC 2006 Guidelines, Volume 3 IPPU, Chapter 4 Metal Industry",
        "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 3: "
        "Industrial Processes and Product Use, chapter 4 (metal industry), "
        "aluminium production: Tier 1 CO2 emission factor of prebake anode "
        "consumption, 1.6 t CO2 per t of aluminium.",
        "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol3.html"),
    "src_iai": (
        "International Aluminium Institute, smelting statistics and anode effect surveys",
        "International Aluminium Institute: published statistics of smelter "
        "power consumption and surveys of perfluorocarbon (CF4, C2F6) emissions "
        "from anode effects. Used for orders of magnitude only; the published "
        "figures were not at hand, so the values that cite this source are "
        "illustrative.",
        "https://international-aluminium.org"),
    "src_glec": (
        "GLEC Framework and ISO 14083:2023",
        "Smart Freight Centre, Global Logistics Emissions Council (GLEC) "
        "Framework, and ISO 14083:2023 on greenhouse gas emissions of transport "
        "chain operations: fuel-based emission intensity per tonne-kilometre. "
        "They give the method; the fuel use per t*km in this sample is "
        "illustrative, not a GLEC default value.",
        None),
    "src_illustrative": (
        "trustpcf sample, illustrative estimates",
        "Engineering estimates made for this sample so that the model is "
        "complete. They are plausible orders of magnitude, not measured or "
        "published data; do not use them for real footprints.",
        None),
}


def source_entity(key):
    name, description, url = SOURCES[key]
    fields = {"category": "trustpcf sample", "description": description}
    if url:
        fields["url"] = url
    return root(key, "Source", name, **fields)


def source_ref(key):
    return ref(key, "Source", SOURCES[key][0])


def cite(key):
    """Return the citation prefix that tests/sample/check_sample.py looks for."""
    return f"Source: {SOURCES[key][0]}."


# --- Flows -------------------------------------------------------------------

AIR = "Elementary flows/Emission to air/unspecified"
RESOURCE_AIR = "Elementary flows/Resource/in air"

# key: (name, flowType, category, cas, formula, reference flow property,
#       extra flow property factors [(flow property key, factor)], description)
FLOWS = {
    "f_elec": ("Electricity, medium voltage", "PRODUCT_FLOW", "Products/Energy",
               None, None, "fp_energy", [], "Grid electricity delivered to industry."),
    "f_ng": ("Natural gas, at consumer", "PRODUCT_FLOW", "Products/Energy",
             None, None, "fp_volume", [("fp_ncv", NG_NCV_MJ_PER_M3)],
             f"Reference flow property is volume; {NG_NCV_MJ_PER_M3} MJ net calorific "
             "value per m3 (illustrative round value, IPCC 2006 default 48.0 MJ/kg "
             "at an assumed 0.75 kg/m3)."),
    "f_diesel": ("Diesel, at regional storage", "PRODUCT_FLOW", "Products/Energy",
                 None, None, "fp_mass", [("fp_ncv", DIESEL_NCV_MJ_PER_KG)],
                 f"{DIESEL_NCV_MJ_PER_KG} MJ net calorific value per kg, the IPCC "
                 "2006 default for gas/diesel oil."),
    "f_truck": ("Transport, freight lorry 16-32 t, diesel", "PRODUCT_FLOW",
                "Products/Transport", None, None, "fp_transport", [], None),
    "f_bauxite": ("Bauxite", "PRODUCT_FLOW", "Products/Minerals", None, None,
                  "fp_mass", [], "No process in this sample produces bauxite; "
                  "it is a cut-off on purpose."),
    "f_alumina": ("Aluminium oxide", "PRODUCT_FLOW", "Products/Aluminium", None,
                  "Al2O3", "fp_mass", [], "Metallurgical-grade alumina."),
    "f_primary": ("Aluminium ingot, primary", "PRODUCT_FLOW", "Products/Aluminium",
                  None, None, "fp_mass", [], None),
    "f_scrap": ("Aluminium scrap, post-consumer, sorted", "PRODUCT_FLOW",
                "Products/Aluminium", None, None, "fp_mass", [],
                "No process in this sample produces scrap: under the cut-off "
                "(recycled content) approach, scrap enters the system free of "
                "burden."),
    "f_secondary": ("Aluminium ingot, secondary", "PRODUCT_FLOW", "Products/Aluminium",
                    None, None, "fp_mass", [], None),
    "f_dross": ("Aluminium dross", "PRODUCT_FLOW", "Products/Aluminium", None, None,
                "fp_mass", [], "Co-product of remelting, sold for metal recovery."),
    "f_billet": ("Aluminium billet, 6063 alloy", "PRODUCT_FLOW", "Products/Aluminium",
                 None, None, "fp_mass", [], None),
    "f_profile": ("Aluminium profile, extruded, mill finish", "PRODUCT_FLOW",
                  "Products/Aluminium", None, None, "fp_mass", [], None),
    "f_powder": ("Powder coating, polyester", "PRODUCT_FLOW", "Products/Coatings",
                 None, None, "fp_mass", [], None),
    "f_coated": ("Aluminium profile, powder coated", "PRODUCT_FLOW",
                 "Products/Aluminium", None, None, "fp_mass", [], None),
    "f_board": ("Corrugated board box", "PRODUCT_FLOW", "Products/Packaging", None,
                None, "fp_mass", [], None),
    "f_pe": ("Polyethylene film, low density", "PRODUCT_FLOW", "Products/Packaging",
             None, None, "fp_mass", [], None),
    "f_frame": ("Window frame, aluminium, powder coated, packed", "PRODUCT_FLOW",
                "Products/Building components", None, None, "fp_items",
                [("fp_mass", FRAME_MASS_KG)],
                f"One frame; the mass flow property ({FRAME_MASS_KG} kg per item) "
                "is the frame without packaging."),
    "f_wpowder": ("Waste powder coating", "WASTE_FLOW", "Waste/Production waste",
                  None, None, "fp_mass", [], "Overspray that is not reclaimed."),
    "e_co2": ("Carbon dioxide, fossil", "ELEMENTARY_FLOW", AIR, "000124-38-9", "CO2",
              "fp_mass", [], None),
    "e_ch4": ("Methane, fossil", "ELEMENTARY_FLOW", AIR, "000074-82-8", "CH4",
              "fp_mass", [], None),
    "e_ch4_nf": ("Methane, non-fossil", "ELEMENTARY_FLOW", AIR, "000074-82-8", "CH4",
                 "fp_mass", [], None),
    "e_n2o": ("Dinitrogen monoxide", "ELEMENTARY_FLOW", AIR, "010024-97-2", "N2O",
              "fp_mass", [], None),
    "e_cf4": ("Tetrafluoromethane", "ELEMENTARY_FLOW", AIR, "000075-73-0", "CF4",
              "fp_mass", [], None),
    "e_c2f6": ("Hexafluoroethane", "ELEMENTARY_FLOW", AIR, "000076-16-4", "C2F6",
               "fp_mass", [], None),
    "e_co2_bio": ("Carbon dioxide, biogenic", "ELEMENTARY_FLOW", AIR, "000124-38-9",
                  "CO2", "fp_mass", [], None),
    "e_co2_air": ("Carbon dioxide, in air", "ELEMENTARY_FLOW", RESOURCE_AIR,
                  "000124-38-9", "CO2", "fp_mass", [], None),
}


def flow_ref(key):
    name, flow_type, category, _, _, ref_fp, _, _ = FLOWS[key]
    group_key = FLOW_PROPERTIES[ref_fp][1]
    return ref(key, "Flow", name, category=category, flowType=flow_type,
               refUnit=UNIT_NAMES[UNIT_GROUPS[group_key][2][0][0]])


def flow_entity(key):
    name, flow_type, category, cas, formula, ref_fp, extra, description = FLOWS[key]
    fields = {"category": category}
    if description:
        fields["description"] = description
    fields["flowType"] = flow_type
    if cas:
        fields["cas"] = cas
    if formula:
        fields["formula"] = formula
    fields["isInfrastructureFlow"] = False
    factors = [{"@type": "FlowPropertyFactor", "flowProperty": flow_property_ref(ref_fp),
                "conversionFactor": 1.0, "isRefFlowProperty": True}]
    for fp_key, factor in extra:
        factors.append({"@type": "FlowPropertyFactor", "flowProperty": flow_property_ref(fp_key),
                        "conversionFactor": factor, "isRefFlowProperty": False})
    fields["flowProperties"] = factors
    if flow_type != "ELEMENTARY_FLOW":
        fields["location"] = LOCATION_REF
    return root(key, "Flow", name, **fields)


# --- Parameters --------------------------------------------------------------

# Global parameter: share of secondary ingot in the metal charged to the
# billet cast house (kg secondary per kg metal), illustrative.
GLOBAL_PARAMETERS = {"recycled_content": 0.3}


def global_parameter_entity():
    return root("par_recycled", "Parameter", "recycled_content",
                category="trustpcf sample",
                description="Share of secondary ingot in the metal charged to the "
                            "billet cast house (kg secondary ingot per kg ingot). "
                            "Illustrative value.",
                parameterScope="GLOBAL_SCOPE", isInputParameter=True,
                value=GLOBAL_PARAMETERS["recycled_content"])


def evaluate(formula, values):
    """Evaluate one of this file's own formulas (arithmetic on parameter names)."""
    return eval(formula, {"__builtins__": {}}, dict(values))  # noqa: S307, trusted literals


# --- Processes ---------------------------------------------------------------

MASS = ("fp_mass", "u_kg")
ENERGY_KWH = ("fp_energy", "u_kwh")
NCV_MJ = ("fp_ncv", "u_mj")
VOLUME_M3 = ("fp_volume", "u_m3")
TKM = ("fp_transport", "u_tkm")
ITEMS = ("fp_items", "u_item")


class ProcessBuilder:
    """Collect the exchanges of one process and write it as a v2 entity."""

    def __init__(self, key, name, category, sources, parameters=None):
        self.key = key
        self.name = name
        self.category = category
        self.sources = sources
        self.parameters = parameters or {}   # name -> (value or formula, description, id key)
        self.values = dict(GLOBAL_PARAMETERS)
        for param_name, (value, _, _) in self.parameters.items():
            self.values[param_name] = evaluate(value, self.values) if isinstance(value, str) else value
        self.exchanges = []
        self.allocation_factors = []

    def add(self, flow_key, amount, quantity, is_input, description=None,
            provider=None, reference=False, formula=None):
        if formula is not None:
            amount = evaluate(formula, self.values)
        else:
            # Ten significant digits keep derived factors free of float noise.
            amount = float(f"{amount:.10g}")
        fp_key, unit_key = quantity
        exchange = {
            "@type": "Exchange",
            "internalId": len(self.exchanges) + 1,
            "isInput": is_input,
            "isQuantitativeReference": reference,
            "isAvoidedProduct": False,
            "amount": amount,
        }
        if formula is not None:
            exchange["amountFormula"] = formula
        exchange["unit"] = unit_ref(unit_key)
        exchange["flowProperty"] = flow_property_ref(fp_key)
        exchange["flow"] = flow_ref(flow_key)
        if provider:
            exchange["defaultProvider"] = ref(provider, "Process", PROCESS_NAMES[provider],
                                              category=PROCESS_CATEGORIES[provider],
                                              processType="UNIT_PROCESS", location="CN")
        if description:
            exchange["description"] = description
        self.exchanges.append(exchange)

    def output(self, flow_key, amount, quantity, **kwargs):
        self.add(flow_key, amount, quantity, False, **kwargs)

    def input(self, flow_key, amount, quantity, **kwargs):
        self.add(flow_key, amount, quantity, True, **kwargs)

    def emit(self, flow_key, amount, description, formula=None):
        self.add(flow_key, amount, MASS, False, description=description, formula=formula)

    def combustion(self, fuel, mj, source_key, formula=None):
        """Add the CO2, CH4 and N2O of burning `mj` of fuel on site."""
        factors = {"natural gas": (NG_CO2_KG_PER_MJ, NG_CH4_KG_PER_MJ, NG_N2O_KG_PER_MJ),
                   "coal": (COAL_CO2_KG_PER_MJ, COAL_CH4_KG_PER_MJ, COAL_N2O_KG_PER_MJ)}[fuel]
        for flow_key, factor, gas in zip(("e_co2", "e_ch4", "e_n2o"), factors, ("CO2", "CH4", "N2O")):
            per_tj = factor * 1e6
            text = (f"{cite(source_key)} Combustion of {fuel} on site: {per_tj:g} kg {gas}/TJ "
                    f"(IPCC 2006 default) times the fuel burned in MJ.")
            if formula is None:
                self.emit(flow_key, mj * factor, text)
            else:
                self.emit(flow_key, None, text, formula=f"({formula}) * {factor!r}")

    def allocation(self, method, flow_key, value, formula):
        self.allocation_factors.append({
            "@type": "AllocationFactor", "allocationType": method,
            "product": flow_ref(flow_key), "value": value, "formula": formula})

    def entity(self, documentation, default_allocation=None):
        fields = {"category": self.category, "processType": "UNIT_PROCESS",
                  "location": LOCATION_REF}
        if default_allocation:
            fields["defaultAllocationMethod"] = default_allocation
            fields["allocationFactors"] = self.allocation_factors
        if self.parameters:
            params = []
            for param_name, (value, description, id_key) in self.parameters.items():
                param = {"@type": "Parameter", "@id": IDS[id_key], "name": param_name,
                         "description": description, "parameterScope": "PROCESS_SCOPE"}
                if isinstance(value, str):
                    param.update(isInputParameter=False, formula=value,
                                 value=self.values[param_name])
                else:
                    param.update(isInputParameter=True, value=value)
                params.append(param)
            fields["parameters"] = params
        fields["exchanges"] = self.exchanges
        fields["lastInternalId"] = len(self.exchanges)
        doc = {
            "timeDescription": "Values describe current practice around 2022; "
                               "the grid factor is for the year 2022.",
            "geographyDescription": "China.",
            "validFrom": "2022-01-01",
            "validUntil": "2027-12-31",
            "creationDate": LAST_CHANGE,
            "isCopyrightProtected": False,
            "sources": [source_ref(k) for k in self.sources],
        }
        doc.update(documentation)
        fields["processDocumentation"] = doc
        return root(self.key, "Process", self.name, **fields)


PROCESS_NAMES = {
    "p_elec": "Electricity, medium voltage, grid mix | CN",
    "p_ng": "Natural gas supply, at consumer | CN",
    "p_diesel": "Diesel supply, at regional storage | CN",
    "p_truck": "Transport, freight lorry 16-32 t, diesel | CN",
    "p_alumina": "Aluminium oxide production, Bayer process | CN",
    "p_smelt": "Aluminium ingot, primary, electrolysis with prebake anodes | CN",
    "p_remelt": "Aluminium ingot, secondary, remelting of post-consumer scrap | CN",
    "p_billet": "Aluminium billet casting, 6063 alloy | CN",
    "p_extrude": "Aluminium profile extrusion | CN",
    "p_powder": "Powder coating production, polyester | CN",
    "p_coat": "Powder coating of aluminium profiles | CN",
    "p_incin": "Treatment of waste powder coating, municipal incineration | CN",
    "p_board": "Corrugated board box production | CN",
    "p_pe": "Polyethylene film production, low density | CN",
    "p_frame": "Window frame assembly and packing, aluminium | CN",
}
PROCESS_CATEGORIES = {
    "p_elec": "trustpcf sample/Energy", "p_ng": "trustpcf sample/Energy",
    "p_diesel": "trustpcf sample/Energy", "p_truck": "trustpcf sample/Transport",
    "p_alumina": "trustpcf sample/Aluminium", "p_smelt": "trustpcf sample/Aluminium",
    "p_remelt": "trustpcf sample/Aluminium", "p_billet": "trustpcf sample/Aluminium",
    "p_extrude": "trustpcf sample/Aluminium", "p_powder": "trustpcf sample/Coatings",
    "p_coat": "trustpcf sample/Aluminium", "p_incin": "trustpcf sample/Waste treatment",
    "p_board": "trustpcf sample/Packaging", "p_pe": "trustpcf sample/Packaging",
    "p_frame": "trustpcf sample/Building components",
}

ILLUSTRATIVE = cite("src_illustrative") + " Illustrative value: "


def build_processes():
    processes = []

    # Grid electricity: CO2 from the MEE factor, CH4 and N2O from IPCC
    # defaults for coal in power plants times an assumed coal use per kWh.
    p = ProcessBuilder("p_elec", PROCESS_NAMES["p_elec"], PROCESS_CATEGORIES["p_elec"],
                       ["src_mee", "src_ipcc_energy", "src_illustrative"])
    p.output("f_elec", 1.0, ENERGY_KWH, reference=True)
    p.emit("e_co2", 0.5703,
           f"{cite('src_mee')} National grid average factor for 2022, 0.5703 t CO2/MWh, "
           "written from memory; check the value and its scope before relying on it.")
    p.emit("e_ch4", GRID_COAL_MJ_PER_KWH * POWER_COAL_CH4_KG_PER_MJ,
           f"{cite('src_ipcc_energy')} Illustrative value: IPCC 2006 default for coal in "
           f"energy industries, 1 kg CH4/TJ, times an assumed {GRID_COAL_MJ_PER_KWH} MJ of "
           "coal per kWh (60 % coal share at 38 % efficiency).")
    p.emit("e_n2o", GRID_COAL_MJ_PER_KWH * COAL_N2O_KG_PER_MJ,
           f"{cite('src_ipcc_energy')} Illustrative value: IPCC 2006 default for coal, "
           f"1.5 kg N2O/TJ, times an assumed {GRID_COAL_MJ_PER_KWH} MJ of coal per kWh.")
    processes.append(p.entity({
        "technologyDescription": "Average Chinese grid electricity as delivered to industry.",
        "dataTreatmentDescription": "CO2 from the national average grid factor. CH4 and N2O "
                                    "are illustrative. Upstream methane from coal mining "
                                    "is not included.",
    }))

    # Natural gas supply: upstream emissions only. Combustion emissions are
    # in the processes that burn the gas.
    p = ProcessBuilder("p_ng", PROCESS_NAMES["p_ng"], PROCESS_CATEGORIES["p_ng"],
                       ["src_illustrative"])
    p.output("f_ng", 1.0, VOLUME_M3, reference=True)
    p.input("f_elec", 0.05, ENERGY_KWH, provider="p_elec",
            description="Compression and distribution; illustrative value.")
    p.emit("e_co2", 0.10, ILLUSTRATIVE + "upstream CO2 of extraction, processing and "
           "transmission, order of magnitude of published supply-chain estimates.")
    p.emit("e_ch4", 0.004, ILLUSTRATIVE + "methane leakage of about 0.5 % of the gas "
           "delivered (0.72 kg/m3).")
    processes.append(p.entity({
        "technologyDescription": "Production, processing and pipeline transmission of natural gas.",
        "dataTreatmentDescription": "All values are illustrative.",
    }))

    # Diesel supply: well-to-tank emissions only.
    p = ProcessBuilder("p_diesel", PROCESS_NAMES["p_diesel"], PROCESS_CATEGORIES["p_diesel"],
                       ["src_illustrative"])
    p.output("f_diesel", 1.0, MASS, reference=True)
    p.emit("e_co2", 0.45, ILLUSTRATIVE + "well-to-tank CO2 of crude oil production, "
           "transport and refining, order of magnitude of published estimates.")
    p.emit("e_ch4", 0.003, ILLUSTRATIVE + "well-to-tank methane of crude oil production.")
    processes.append(p.entity({
        "technologyDescription": "Crude oil production, refining and distribution of diesel.",
        "dataTreatmentDescription": "All values are illustrative.",
    }))

    # Truck transport: fuel-based emission intensity per t*km.
    diesel_kg_per_tkm = 0.025
    diesel_mj = diesel_kg_per_tkm * DIESEL_NCV_MJ_PER_KG
    p = ProcessBuilder("p_truck", PROCESS_NAMES["p_truck"], PROCESS_CATEGORIES["p_truck"],
                       ["src_glec", "src_ipcc_energy", "src_illustrative"])
    p.output("f_truck", 1.0, TKM, reference=True)
    p.input("f_diesel", diesel_kg_per_tkm, MASS, provider="p_diesel",
            description=f"{cite('src_glec')} Illustrative fuel use of {diesel_kg_per_tkm} "
                        "kg diesel per t*km, including empty running.")
    p.emit("e_co2", diesel_mj * DIESEL_CO2_KG_PER_MJ,
           f"{cite('src_ipcc_energy')} 74 100 kg CO2/TJ of diesel times {diesel_mj:g} MJ "
           f"per t*km ({diesel_kg_per_tkm} kg at 43.0 MJ/kg); the fuel use is illustrative.")
    p.emit("e_ch4", diesel_mj * DIESEL_ROAD_CH4_KG_PER_MJ,
           f"{cite('src_ipcc_energy')} Road transport default, 3.9 kg CH4/TJ of diesel, "
           f"times {diesel_mj:g} MJ per t*km; the fuel use is illustrative.")
    p.emit("e_n2o", diesel_mj * DIESEL_ROAD_N2O_KG_PER_MJ,
           f"{cite('src_ipcc_energy')} Road transport default, 3.9 kg N2O/TJ of diesel, "
           f"times {diesel_mj:g} MJ per t*km; the fuel use is illustrative.")
    processes.append(p.entity({
        "technologyDescription": "Diesel lorry of 16-32 t gross weight, average load.",
        "dataTreatmentDescription": "Emission intensity per t*km from fuel use (GLEC "
                                    "Framework and ISO 14083 method) and IPCC fuel factors. "
                                    "The fuel use per t*km is illustrative.",
    }))

    # Alumina refining (Bayer process), heat from coal burned on site.
    coal_mj = 9.0
    p = ProcessBuilder("p_alumina", PROCESS_NAMES["p_alumina"], PROCESS_CATEGORIES["p_alumina"],
                       ["src_ipcc_energy", "src_illustrative"])
    p.output("f_alumina", 1.0, MASS, reference=True)
    p.input("f_bauxite", 2.5, MASS,
            description="Illustrative value. Cut-off: no provider in this sample.")
    p.input("f_elec", 0.25, ENERGY_KWH, provider="p_elec", description="Illustrative value.")
    p.input("f_truck", 0.25, TKM, provider="p_truck",
            description="2.5 kg bauxite over 100 km; illustrative distance.")
    p.combustion("coal", coal_mj, "src_ipcc_energy")
    processes.append(p.entity({
        "technologyDescription": f"Bayer process; {coal_mj} MJ of coal heat per kg alumina "
                                 "(illustrative, refineries use roughly 8-12 GJ per t).",
        "dataTreatmentDescription": "Combustion factors are IPCC 2006 defaults; amounts of "
                                    "coal, electricity and bauxite are illustrative. Caustic "
                                    "soda, lime and coal mining are not modelled.",
    }))

    # Primary smelting with prebake anodes, cast to ingot.
    p = ProcessBuilder("p_smelt", PROCESS_NAMES["p_smelt"], PROCESS_CATEGORIES["p_smelt"],
                       ["src_iai", "src_ipcc_ippu", "src_ipcc_energy", "src_illustrative"])
    p.output("f_primary", 1.0, MASS, reference=True)
    p.input("f_alumina", 1.93, MASS, provider="p_alumina",
            description="About 1.93 kg alumina per kg aluminium; illustrative value "
                        "(stoichiometric minimum 1.89 kg).")
    p.input("f_elec", 13.5, ENERGY_KWH, provider="p_elec",
            description=f"{cite('src_iai')} Illustrative value: AC power of about 13.5 MWh "
                        "per t of aluminium, the order of magnitude of Chinese smelters.")
    p.input("f_truck", 0.965, TKM, provider="p_truck",
            description="1.93 kg alumina over 500 km; illustrative distance.")
    p.input("f_ng", 0.5, NCV_MJ, provider="p_ng",
            description="Holding furnace and ingot casting, 0.5 MJ; illustrative value.")
    p.emit("e_co2", 1.6, f"{cite('src_ipcc_ippu')} Tier 1 factor for prebake anode "
                         "consumption, 1.6 t CO2 per t aluminium.")
    p.combustion("natural gas", 0.5, "src_ipcc_energy")
    p.emit("e_cf4", 4.0e-5, f"{cite('src_iai')} Illustrative value: 0.04 kg CF4 per t "
                            "aluminium, the order of magnitude reported for modern "
                            "Chinese smelters in anode effect surveys.")
    p.emit("e_c2f6", 4.0e-6, f"{cite('src_iai')} Illustrative value: 0.004 kg C2F6 per t "
                             "aluminium, about a tenth of CF4 by mass.")
    processes.append(p.entity({
        "technologyDescription": "Hall-Heroult electrolysis with prebake anodes, casting to ingot.",
        "dataTreatmentDescription": "Anode CO2 is the IPCC Tier 1 factor. Electricity use and "
                                    "PFC emissions are illustrative orders of magnitude. Anode "
                                    "production is not modelled.",
    }))

    # Remelting of post-consumer scrap: two products, allocated by mass.
    dross_kg = 0.05
    remelt_ng_mj = 5.0
    p = ProcessBuilder("p_remelt", PROCESS_NAMES["p_remelt"], PROCESS_CATEGORIES["p_remelt"],
                       ["src_ipcc_energy", "src_illustrative"])
    p.output("f_secondary", 1.0, MASS, reference=True)
    p.output("f_dross", dross_kg, MASS,
             description="Co-product; illustrative amount.")
    p.input("f_scrap", 1.10, MASS,
            description="Illustrative value. Cut-off: scrap enters free of burden.")
    p.input("f_ng", remelt_ng_mj, NCV_MJ, provider="p_ng",
            description="Melting furnace; illustrative value.")
    p.input("f_elec", 0.3, ENERGY_KWH, provider="p_elec", description="Illustrative value.")
    p.input("f_truck", 0.33, TKM, provider="p_truck",
            description="1.1 kg scrap over 300 km; illustrative distance.")
    p.combustion("natural gas", remelt_ng_mj, "src_ipcc_energy")
    total = 1.0 + dross_kg
    p.allocation("PHYSICAL_ALLOCATION", "f_secondary", 1.0 / total, "1 / 1.05")
    p.allocation("PHYSICAL_ALLOCATION", "f_dross", dross_kg / total, "0.05 / 1.05")
    p.allocation("ECONOMIC_ALLOCATION", "f_secondary", 0.99, "0.99")
    p.allocation("ECONOMIC_ALLOCATION", "f_dross", 0.01, "0.01")
    processes.append(p.entity({
        "technologyDescription": "Remelting of sorted post-consumer scrap in a gas-fired furnace.",
        "dataTreatmentDescription": "Multi-output process. Physical allocation by mass (1 kg "
                                    "ingot, 0.05 kg dross) is the default; economic factors "
                                    "(0.99 and 0.01) are illustrative. Combustion factors are "
                                    "IPCC 2006 defaults; amounts are illustrative.",
    }, default_allocation="PHYSICAL_ALLOCATION"))

    # Billet casting: charge of primary and secondary ingot set by the global
    # parameter recycled_content.
    billet_ng_mj = 2.5
    p = ProcessBuilder("p_billet", PROCESS_NAMES["p_billet"], PROCESS_CATEGORIES["p_billet"],
                       ["src_ipcc_energy", "src_illustrative"])
    p.output("f_billet", 1.0, MASS, reference=True)
    p.input("f_primary", None, MASS, provider="p_smelt", formula="1.01 * (1 - recycled_content)",
            description="1 % melt loss; the share of primary ingot follows the global "
                        "parameter recycled_content.")
    p.input("f_secondary", None, MASS, provider="p_remelt", formula="1.01 * recycled_content",
            description="1 % melt loss; share set by the global parameter recycled_content.")
    p.input("f_ng", billet_ng_mj, NCV_MJ, provider="p_ng",
            description="Melting and homogenising; illustrative value.")
    p.input("f_elec", 0.15, ENERGY_KWH, provider="p_elec", description="Illustrative value.")
    p.input("f_truck", 0.808, TKM, provider="p_truck",
            description="1.01 kg ingot over 800 km; illustrative distance.")
    p.combustion("natural gas", billet_ng_mj, "src_ipcc_energy")
    processes.append(p.entity({
        "technologyDescription": "Remelting of ingot, alloying to 6063, direct-chill casting "
                                 "and homogenising of billets.",
        "dataTreatmentDescription": "Combustion factors are IPCC 2006 defaults; amounts are "
                                    "illustrative. Alloying elements (Mg, Si) are not modelled.",
    }))

    # Extrusion: process parameters with formulas on exchange amounts.
    p = ProcessBuilder(
        "p_extrude", PROCESS_NAMES["p_extrude"], PROCESS_CATEGORIES["p_extrude"],
        ["src_ipcc_energy", "src_illustrative"],
        parameters={
            "extrusion_yield": (0.8, "kg profile per kg billet; illustrative value.", "pp_yield"),
            "electricity_per_kg_billet": (0.9, "kWh per kg billet pressed; illustrative value.",
                                          "pp_elec"),
            "billet_per_kg_profile": ("1 / extrusion_yield", "kg billet per kg profile.",
                                      "pp_billet"),
        })
    p.output("f_profile", 1.0, MASS, reference=True)
    p.input("f_billet", None, MASS, provider="p_billet", formula="billet_per_kg_profile",
            description="Press scrap returns to the cast house; that loop is not modelled.")
    p.input("f_elec", None, ENERGY_KWH, provider="p_elec",
            formula="electricity_per_kg_billet * billet_per_kg_profile",
            description="Press, puller, ageing oven.")
    p.input("f_ng", None, NCV_MJ, provider="p_ng", formula="1.6 * billet_per_kg_profile",
            description="Billet preheating, 1.6 MJ per kg billet; illustrative value.")
    p.combustion("natural gas", None, "src_ipcc_energy", formula="1.6 * billet_per_kg_profile")
    processes.append(p.entity({
        "technologyDescription": "Direct extrusion of 6063 billets to window profiles, "
                                 "including ageing.",
        "dataTreatmentDescription": "Combustion factors are IPCC 2006 defaults; amounts are "
                                    "illustrative. Exchange amounts are formulas of the "
                                    "process parameters.",
    }))

    # Powder coating material: a stand-in for the resin, pigment and filler chain.
    p = ProcessBuilder("p_powder", PROCESS_NAMES["p_powder"], PROCESS_CATEGORIES["p_powder"],
                       ["src_illustrative"])
    p.output("f_powder", 1.0, MASS, reference=True)
    p.input("f_elec", 1.0, ENERGY_KWH, provider="p_elec",
            description="Extrusion and milling of the powder; illustrative value.")
    p.emit("e_co2", 2.8, ILLUSTRATIVE + "CO2 of the polyester resin, pigment and filler "
           "supply chain, aggregated.")
    p.emit("e_ch4", 0.006, ILLUSTRATIVE + "methane of the resin supply chain, aggregated.")
    p.emit("e_n2o", 1.0e-4, ILLUSTRATIVE + "N2O of the resin supply chain, aggregated.")
    processes.append(p.entity({
        "technologyDescription": "Polyester powder coating; the upstream chain is aggregated "
                                 "into the direct emissions of this process.",
        "dataTreatmentDescription": "All values are illustrative.",
    }))

    # Coating line: pretreatment, spraying, curing.
    coat_ng_mj = 2.0
    waste_powder_kg = 0.002
    p = ProcessBuilder("p_coat", PROCESS_NAMES["p_coat"], PROCESS_CATEGORIES["p_coat"],
                       ["src_ipcc_energy", "src_illustrative"])
    p.output("f_coated", 1.0, MASS, reference=True)
    p.input("f_profile", 1.0, MASS, provider="p_extrude")
    p.input("f_powder", 0.014, MASS, provider="p_powder",
            description="0.012 kg applied plus 0.002 kg overspray not reclaimed; "
                        "illustrative values.")
    p.input("f_ng", coat_ng_mj, NCV_MJ, provider="p_ng",
            description="Curing oven at about 200 C; illustrative value.")
    p.input("f_elec", 0.35, ENERGY_KWH, provider="p_elec", description="Illustrative value.")
    p.output("f_wpowder", waste_powder_kg, MASS, provider="p_incin",
             description="Overspray sent to incineration.")
    p.combustion("natural gas", coat_ng_mj, "src_ipcc_energy")
    processes.append(p.entity({
        "technologyDescription": "Chromium-free pretreatment, electrostatic powder spraying, "
                                 "curing.",
        "dataTreatmentDescription": "Combustion factors are IPCC 2006 defaults; amounts are "
                                    "illustrative. Pretreatment chemicals are not modelled.",
    }))

    # Waste treatment: the quantitative reference is the waste input.
    fossil_carbon_share = 0.40
    p = ProcessBuilder("p_incin", PROCESS_NAMES["p_incin"], PROCESS_CATEGORIES["p_incin"],
                       ["src_illustrative"])
    p.input("f_wpowder", 1.0, MASS, reference=True)
    p.input("f_elec", 0.05, ENERGY_KWH, provider="p_elec",
            description="Flue gas treatment; illustrative value.")
    p.emit("e_co2", fossil_carbon_share * 44.0 / 12.0,
           ILLUSTRATIVE + f"complete oxidation of an assumed {fossil_carbon_share:.0%} fossil "
           "carbon content of the powder (44/12 kg CO2 per kg C).")
    p.emit("e_n2o", 5.0e-5, ILLUSTRATIVE + "N2O of waste incineration, order of magnitude.")
    processes.append(p.entity({
        "technologyDescription": "Municipal solid waste incinerator without energy recovery credit.",
        "dataTreatmentDescription": "All values are illustrative. No credit is given for "
                                    "recovered energy.",
    }))

    # Corrugated board: biogenic carbon in and out.
    board_ng_mj = 3.0
    board_carbon_share = 0.40           # kg biogenic C per kg board, illustrative
    board_bio_co2 = 0.90                # kg CO2 from biomass fuels, illustrative
    board_bio_ch4 = 5.0e-4              # kg CH4 from wastewater treatment, illustrative
    uptake = (board_carbon_share * 44.0 / 12.0 + board_bio_co2 + board_bio_ch4 * 44.0 / 16.0)
    p = ProcessBuilder("p_board", PROCESS_NAMES["p_board"], PROCESS_CATEGORIES["p_board"],
                       ["src_ipcc_energy", "src_illustrative"])
    p.output("f_board", 1.0, MASS, reference=True)
    p.input("f_elec", 0.4, ENERGY_KWH, provider="p_elec", description="Illustrative value.")
    p.input("f_ng", board_ng_mj, NCV_MJ, provider="p_ng",
            description="Steam for the corrugator; illustrative value.")
    p.add("e_co2_air", round(uptake, 6), MASS, True,
          description=ILLUSTRATIVE + f"carbon taken up by the wood: {board_carbon_share} kg C "
                      f"per kg board stored in the product, plus the carbon of the biogenic "
                      f"CO2 ({board_bio_co2} kg) and biogenic CH4 ({board_bio_ch4} kg) emitted.")
    p.emit("e_co2_bio", board_bio_co2, ILLUSTRATIVE + "combustion of bark and black liquor "
           "in the pulp mill.")
    p.emit("e_ch4_nf", board_bio_ch4, ILLUSTRATIVE + "anaerobic wastewater treatment of the "
           "pulp and paper mill.")
    p.combustion("natural gas", board_ng_mj, "src_ipcc_energy")
    processes.append(p.entity({
        "technologyDescription": "Pulp, containerboard and corrugated box from wood fibre, "
                                 "aggregated.",
        "dataTreatmentDescription": "Biogenic carbon is balanced: uptake equals the carbon "
                                    "in the product plus the biogenic carbon emitted. All "
                                    "amounts are illustrative; combustion factors are IPCC "
                                    "2006 defaults.",
    }))

    # PE film: a stand-in for the polymer chain plus film blowing.
    p = ProcessBuilder("p_pe", PROCESS_NAMES["p_pe"], PROCESS_CATEGORIES["p_pe"],
                       ["src_illustrative"])
    p.output("f_pe", 1.0, MASS, reference=True)
    p.input("f_elec", 0.7, ENERGY_KWH, provider="p_elec",
            description="Film blowing; illustrative value.")
    p.emit("e_co2", 1.6, ILLUSTRATIVE + "CO2 of ethylene and polymer production, aggregated.")
    p.emit("e_ch4", 0.005, ILLUSTRATIVE + "methane of the oil and gas supply chain, "
           "aggregated.")
    processes.append(p.entity({
        "technologyDescription": "LDPE granulate and film blowing; the polymer chain is "
                                 "aggregated into the direct emissions of this process.",
        "dataTreatmentDescription": "All values are illustrative.",
    }))

    # Final assembly and packing: the declared unit is one frame.
    board_kg = 0.8
    pe_kg = 0.15
    p = ProcessBuilder("p_frame", PROCESS_NAMES["p_frame"], PROCESS_CATEGORIES["p_frame"],
                       ["src_illustrative"])
    p.output("f_frame", 1.0, ITEMS, reference=True,
             description=f"One frame of {FRAME_MASS_KG} kg without packaging.")
    p.input("f_coated", 10.2, MASS, provider="p_coat",
            description=f"{FRAME_MASS_KG} kg in the frame plus 2 % cutting loss; "
                        "illustrative values.")
    p.input("f_elec", 1.5, ENERGY_KWH, provider="p_elec",
            description="Cutting, punching, corner crimping; illustrative value.")
    p.input("f_board", board_kg, MASS, provider="p_board", description="Packaging.")
    p.input("f_pe", pe_kg, MASS, provider="p_pe", description="Packaging.")
    p.input("f_truck", round((board_kg + pe_kg) * 0.2, 6), TKM, provider="p_truck",
            description="Packaging over 200 km; illustrative distance.")
    processes.append(p.entity({
        "technologyDescription": "Cutting and mechanical assembly of powder-coated profiles "
                                 "into a window frame, packed in a corrugated box and PE film.",
        "dataTreatmentDescription": "All amounts are illustrative. Thermal-break strips, "
                                    "gaskets and hardware are not modelled.",
        "intendedApplication": "Sample product system of trustpcf; not a real product.",
    }))

    return processes


def write_json(path, entity):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entity, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "window-frame"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    write_json(out / "olca-schema.json", {"version": 2})

    entities = [("unit_groups", unit_group_entity(k)) for k in UNIT_GROUPS]
    entities += [("flow_properties", flow_property_entity(k)) for k in FLOW_PROPERTIES]
    entities += [("locations", LOCATION)]
    entities += [("sources", source_entity(k)) for k in SOURCES]
    entities += [("parameters", global_parameter_entity())]
    entities += [("flows", flow_entity(k)) for k in FLOWS]
    entities += [("processes", e) for e in build_processes()]
    for folder, entity in entities:
        write_json(out / folder / f"{entity['@id']}.json", entity)
    print(f"wrote {len(entities)} entities to {out}")


if __name__ == "__main__":
    main()
