"""Facts of the UNIDO 2019 case-study paper that the graph must hold (source seed 002).

Each test is one statement of the paper — a definition of Table 1, a dimension of Tables 4-6, a firm's
country, activity, technologies or partner, a measured impact with its value, unit and direction, or a policy
initiative's area, issue, challenge, institution or figure — asked through SPARQL inside the paper's named
graph, so that a fact counts only if it carries the paper as its source. Sets are compared exactly: Table 2,
Table 3 and the dimension tables are closed lists, and an extra member would be something the paper does not
say. Impacts are found by firm, sub-dimension and measure rather than by IRI, because the IRI of an impact is
bookkeeping while what it measures is the fact.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import ask, ask_in, cases, closed_list, instance_prefixes, names, source_graph

UNIDO = source_graph("unido-2019")

#: Short prefixes for the kinds of instance the paper is about (added to factlib's standard ones).
LOCAL_PREFIXES = instance_prefixes(
    firm="firm",
    tech="technology",
    dim="dimension",
    case="case",
    area="policy-area",
    issue="policy-issue",
    chal="challenge",
    pol="policy",
    unit="unit",
    place="place",
    o="org",
    sector="sector",
    strat="strategy",
    prog="programme",
    init="initiative",
)


def in_unido(pattern: str) -> str:
    """An ASK that holds only if ``pattern`` matches inside the UNIDO paper's own named graph."""
    return ask_in(UNIDO, pattern, LOCAL_PREFIXES)


def impact(firm: str, measure: str, body: str) -> str:
    """Pattern for an impact ``?i`` of ``firm``'s case study whose measure mentions ``measure``; ``body``
    states the rest (sub-dimension, direction, value, unit)."""
    return (
        f"?case amkg:studiesFirm firm:{firm} ; amkg:impact ?i . ?i a amkg:Impact ; amkg:measure ?m . "
        f'FILTER(CONTAINS(LCASE(STR(?m)), "{measure}")) {body}'
    )


# ---------------------------------------------------------------- facts asked as ASK (must hold)

ASKS: list[tuple[str, str]] = [
    # Table 1 and the technological focus
    ("table1-ml-is-a-kind-of-ai", "tech:machine-learning skos:broader tech:artificial-intelligence ."),
    (
        "table1-cobots-are-advanced-robotics",
        "tech:collaborative-robots skos:broader tech:advanced-robotics .",
    ),
    (
        "table1-industrial-iot-is-iot",
        "tech:industrial-internet-of-things skos:broader tech:internet-of-things .",
    ),
    (
        "table1-cad-is-part-of-cad-cam",
        "tech:computer-aided-design skos:broader tech:computer-aided-design-and-manufacturing .",
    ),
    (
        "table1-additive-manufacturing-aka-3d-printing",
        'tech:additive-manufacturing a amkg:TechnologyDomain ; skos:altLabel "3D printing"@en .',
    ),
    (
        "table1-every-adp-technology-defined",
        "FILTER NOT EXISTS { ?t amkg:isADPTechnology true . FILTER NOT EXISTS { ?t skos:definition ?d } }",
    ),
    ("adp-belongs-to-digital-domain", "tech:advanced-digital-production skos:broader tech:digital ."),
    (
        "4ir-domains-besides-digital",
        "tech:nanotechnology a amkg:TechnologyDomain . tech:biotechnology a amkg:TechnologyDomain . "
        "tech:advanced-materials a amkg:TechnologyDomain .",
    ),
    (
        "table2-edge-computing-and-platforms-are-adp",
        "tech:edge-computing skos:broader tech:advanced-digital-production . "
        "tech:digital-industrial-platforms skos:broader tech:advanced-digital-production .",
    ),
    (
        "industry4wrd-technologies-each-reach-a-domain",
        "FILTER NOT EXISTS { strat:industry4wrd amkg:targetsTechnology ?t . "
        "FILTER NOT EXISTS { ?t skos:broader* ?d . ?d a amkg:TechnologyDomain } }",
    ),
    (
        "thales-slm-is-additive-manufacturing",
        "tech:selective-laser-melting skos:broader tech:additive-manufacturing .",
    ),
    # Tables 4-6
    (
        "every-sub-dimension-defined",
        "FILTER NOT EXISTS { ?s a amkg:ImpactSubDimension . FILTER NOT EXISTS { ?s skos:definition ?d } }",
    ),
    (
        "efficiency-covers-capital-utilisation",
        'dim:efficiency skos:definition ?d . FILTER(CONTAINS(LCASE(?d), "capital"))',
    ),
    (
        "relegated-groups-covers-female-workers",
        'dim:relegated-groups skos:definition ?d . FILTER(CONTAINS(LCASE(?d), "women"))',
    ),
    # Firms: countries (Table 2)
    ("aedesign-pakistan", "firm:aedesign amkg:country place:pakistan ."),
    ("arcelik-turkey", "firm:arcelik amkg:country place:turkey ."),
    ("avs-uruguay", "firm:avs-technology amkg:country place:uruguay ."),
    ("baowu-china", "firm:china-baowu-steel-group amkg:country place:china ."),
    ("genesis-bionics-kyrgyzstan", "firm:genesis-bionics amkg:country place:kyrgyzstan ."),
    ("haier-china", "firm:haier-group amkg:country place:china ."),
    ("mahindra-india", "firm:mahindra-and-mahindra amkg:country place:india ."),
    ("new-tek-kyrgyzstan", "firm:new-tek amkg:country place:kyrgyzstan ."),
    ("thales-3d-morocco", "firm:thales-3d amkg:country place:morocco ."),
    ("zc-rubber-china", "firm:zc-rubber amkg:country place:china ."),
    # Firms: main activity (Table 2)
    (
        "aedesign-engineering-services",
        'firm:aedesign amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "engineering"))',
    ),
    (
        "arcelik-washing-machines",
        'firm:arcelik amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "washing machines"))',
    ),
    ("avs-chlorine-plants", 'firm:avs-technology amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "chlorine"))'),
    ("baowu-steel", 'firm:china-baowu-steel-group amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "steel"))'),
    ("genesis-prostheses", 'firm:genesis-bionics amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "prosthes"))'),
    (
        "haier-air-conditioning",
        'firm:haier-group amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "air-conditioning"))',
    ),
    ("new-tek-solar-panels", 'firm:new-tek amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "solar"))'),
    ("thales-3d-aerospace", 'firm:thales-3d amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "aerospace"))'),
    ("zc-rubber-rubber-and-tires", 'firm:zc-rubber amkg:activity ?a . FILTER(CONTAINS(LCASE(?a), "rubber"))'),
    ("mahindra-automotive-sector", "firm:mahindra-and-mahindra amkg:sector sector:automotive ."),
    # Firms: partners
    (
        "baowu-partner-siemens",
        "firm:china-baowu-steel-group amkg:partner o:siemens . "
        'o:siemens a amkg:Firm ; rdfs:label "Siemens"@en .',
    ),
    ("baowu-partner-taiyuan", "firm:china-baowu-steel-group amkg:partner o:taiyuan-heavy-industries ."),
    (
        "zc-rubber-partner-alibaba-cloud",
        'firm:zc-rubber amkg:partner o:alibaba-cloud . o:alibaba-cloud rdfs:label "Alibaba Cloud"@en .',
    ),
    (
        "new-tek-partners-schmid-and-babek",
        "firm:new-tek amkg:partner o:schmid-group , o:babek . o:schmid-group amkg:country place:germany .",
    ),
    ("thales-3d-partner-gimas", 'firm:thales-3d amkg:partner o:gimas . o:gimas skos:altLabel "GIMAS"@en .'),
    ("thales-3d-part-of-thales-group", "firm:thales-3d org:subOrganizationOf o:thales-group ."),
    (
        "genesis-partner-kyrgyz-state-medical-academy",
        "firm:genesis-bionics amkg:partner o:kyrgyz-state-medical-academy .",
    ),
    # Impacts: China Baowu Steel Group
    (
        "baowu-labour-efficiency-up-10-percent",
        impact(
            "china-baowu-steel-group",
            "labour efficiency",
            "?i amkg:onSubDimension dim:efficiency ; amkg:direction amkg:increase ; "
            "schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 10)",
        ),
    ),
    (
        "baowu-operational-costs-down-20-percent",
        impact(
            "china-baowu-steel-group",
            "operational costs",
            "?i amkg:onSubDimension dim:efficiency ; amkg:direction amkg:decrease ; "
            "schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 20)",
        ),
    ),
    (
        "baowu-automation-rate-up-6-to-98-5",
        impact(
            "china-baowu-steel-group",
            "automation rate",
            "?i amkg:direction amkg:increase ; schema:value ?v ; amkg:result ?r ; amkg:unit unit:percent . "
            "FILTER(?v = 6 && ?r = 98.5)",
        ),
    ),
    (
        "baowu-daily-output-up-15-to-30-percent",
        impact(
            "china-baowu-steel-group",
            "daily output",
            "?i amkg:direction amkg:increase ; schema:minValue ?lo ; schema:maxValue ?hi ; "
            "amkg:unit unit:percent . FILTER(?lo = 15 && ?hi = 30)",
        ),
    ),
    (
        "baowu-excess-inventory-halved",
        impact(
            "china-baowu-steel-group",
            "inventory",
            "?i amkg:direction amkg:decrease ; schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 50)",
        ),
    ),
    (
        "baowu-equipment-operation-time-up-35-percent",
        impact(
            "china-baowu-steel-group",
            "operation time",
            "?i amkg:direction amkg:increase ; schema:value ?v . FILTER(?v = 35)",
        ),
    ),
    (
        "baowu-nonconforming-rate-down-28-percent",
        impact(
            "china-baowu-steel-group",
            "nonconforming",
            "?i amkg:onSubDimension dim:product ; amkg:direction amkg:decrease ; schema:value ?v . "
            "FILTER(?v = 28)",
        ),
    ),
    (
        "baowu-energy-utilisation-up-5-percent",
        impact(
            "china-baowu-steel-group",
            "energy utilization",
            "?i amkg:onSubDimension dim:environmental-efficiency ; amkg:direction amkg:increase ; "
            "schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 5)",
        ),
    ),
    (
        "baowu-employees-up-40-percent-2015-2017",
        impact(
            "china-baowu-steel-group",
            "number of employees",
            "?i amkg:onSubDimension dim:employment-conditions ; amkg:direction amkg:increase ; "
            'schema:value ?v ; amkg:startYear "2015"^^xsd:gYear ; amkg:endYear "2017"^^xsd:gYear . '
            "FILTER(?v = 40)",
        ),
    ),
    (
        "baowu-female-share-up-38-percent",
        impact(
            "china-baowu-steel-group",
            "female",
            "?i amkg:onSubDimension dim:relegated-groups ; amkg:direction amkg:increase ; schema:value ?v . "
            "FILTER(?v = 38)",
        ),
    ),
    (
        "baowu-nine-patent-applications",
        impact(
            "china-baowu-steel-group",
            "patent applications",
            "?i amkg:onSubDimension dim:endogenous-innovation ; schema:value ?v ; amkg:unit unit:count . "
            "FILTER(?v = 9)",
        ),
    ),
    (
        "baowu-2500-workers-in-monitoring",
        impact(
            "china-baowu-steel-group",
            "monitoring",
            "?i amkg:onSubDimension dim:skills-and-roles ; schema:value ?v ; amkg:bound amkg:moreThan ; "
            "amkg:unit unit:persons . FILTER(?v = 2500) FILTER NOT EXISTS { ?i amkg:direction ?d }",
        ),
    ),
    # Impacts: Haier
    (
        "haier-workforce-550-to-248",
        impact(
            "haier-group",
            "number of employees",
            "?i amkg:direction amkg:decrease ; amkg:baseline ?b ; amkg:result ?r ; amkg:unit unit:persons . "
            "FILTER(?b = 550 && ?r = 248)",
        ),
    ),
    (
        "haier-labour-costs-down-50-percent",
        impact(
            "haier-group",
            "labour costs",
            "?i amkg:onSubDimension dim:efficiency ; amkg:direction amkg:decrease ; "
            "schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 50)",
        ),
    ),
    (
        "haier-operation-efficiency-up-over-60-percent",
        impact(
            "haier-group",
            "operation efficiency",
            "?i amkg:direction amkg:increase ; schema:value ?v ; amkg:bound amkg:moreThan ; "
            "amkg:figureStatus amkg:measuredFigure . FILTER(?v = 60)",
        ),
    ),
    (
        "haier-output-up-300000-units-a-year",
        impact(
            "haier-group",
            "output",
            "?i amkg:direction amkg:increase ; schema:value ?v ; amkg:unit unit:count . FILTER(?v = 300000)",
        ),
    ),
    (
        "haier-maglev-ac-uses-up-to-50-percent-less-energy",
        impact(
            "haier-group",
            "energy consumption",
            "?i amkg:onSubDimension dim:environmental-goods ; amkg:direction amkg:decrease ; "
            "schema:value ?v ; amkg:bound amkg:upTo . FILTER(?v = 50)",
        ),
    ),
    (
        "haier-women-nearly-40-percent-a-level-not-a-change",
        impact(
            "haier-group",
            "women",
            "?i amkg:onSubDimension dim:relegated-groups ; schema:value ?v ; amkg:bound amkg:lessThan ; "
            "amkg:unit unit:percent . FILTER(?v = 40) FILTER NOT EXISTS { ?i amkg:direction ?d }",
        ),
    ),
    (
        "haier-cosmo-plat-in-8-factories-since-2017",
        impact(
            "haier-group",
            "cosmo plat",
            "?i amkg:onSubDimension dim:endogenous-innovation ; schema:value ?v ; "
            'amkg:startYear "2017"^^xsd:gYear . FILTER(?v = 8)',
        ),
    ),
    # Impacts: ZC Rubber
    (
        "zc-rubber-mixing-time-deviation-down-10-percent",
        impact(
            "zc-rubber",
            "mixing time",
            "?i amkg:direction amkg:decrease ; schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 10)",
        ),
    ),
    (
        "zc-rubber-mixing-temperature-deviation-down-6-percent",
        impact(
            "zc-rubber",
            "mixing temperature",
            "?i amkg:direction amkg:decrease ; schema:value ?v . FILTER(?v = 6)",
        ),
    ),
    (
        "zc-rubber-quality-products-up-3-to-5-percent",
        impact(
            "zc-rubber",
            "quality products",
            "?i amkg:onSubDimension dim:product ; amkg:direction amkg:increase ; "
            "schema:minValue ?lo ; schema:maxValue ?hi . FILTER(?lo = 3 && ?hi = 5)",
        ),
    ),
    (
        "zc-rubber-sales-up-5-31-percent-2018",
        impact(
            "zc-rubber",
            "sales revenues",
            '?i amkg:direction amkg:increase ; schema:value ?v ; amkg:endYear "2018"^^xsd:gYear . '
            "FILTER(?v = 5.31)",
        ),
    ),
    (
        "zc-rubber-energy-efficiency-up-over-10-percent",
        impact(
            "zc-rubber",
            "energy efficiency",
            "?i amkg:onSubDimension dim:environmental-efficiency ; amkg:direction amkg:increase ; "
            "schema:value ?v . FILTER(?v = 10)",
        ),
    ),
    (
        "zc-rubber-employment-unchanged",
        impact(
            "zc-rubber",
            "number of employees",
            "?i amkg:onSubDimension dim:employment-conditions ; amkg:direction amkg:noChange .",
        ),
    ),
    # Impacts: AEDesign, AVS Technology, New-Tek
    (
        "aedesign-cleaning-robots-cut-water-and-costs-90-percent",
        impact(
            "aedesign",
            "water consumption, and operating",
            "?i amkg:direction amkg:decrease ; schema:value ?v ; amkg:unit unit:percent . FILTER(?v = 90)",
        ),
    ),
    (
        "aedesign-100mw-plant-saves-21-6-million-m3",
        impact(
            "aedesign",
            "100 mw",
            "?i amkg:direction amkg:decrease ; schema:value ?v ; amkg:unit unit:cubic-metres . "
            "FILTER(?v = 21600000)",
        ),
    ),
    (
        "aedesign-pay-10-to-50-percent-above-market",
        impact(
            "aedesign",
            "pay package",
            "?i amkg:onSubDimension dim:employment-conditions ; schema:minValue ?lo ; schema:maxValue ?hi . "
            "FILTER(?lo = 10 && ?hi = 50)",
        ),
    ),
    (
        "aedesign-women-about-10-percent",
        impact(
            "aedesign",
            "women",
            "?i amkg:onSubDimension dim:relegated-groups ; schema:value ?v ; amkg:unit unit:percent . "
            "FILTER(?v = 10)",
        ),
    ),
    (
        "avs-staff-from-5-founders-to-15",
        impact(
            "avs-technology",
            "number of employees",
            "?i amkg:direction amkg:increase ; amkg:baseline ?b ; amkg:result ?r ; "
            'amkg:startYear "2009"^^xsd:gYear . FILTER(?b = 5 && ?r = 15)',
        ),
    ),
    (
        "new-tek-modules-over-18-percent-efficient",
        impact(
            "new-tek",
            "energy efficiency of the solar modules",
            "?i amkg:onSubDimension dim:environmental-goods ; schema:value ?v ; amkg:unit unit:percent . "
            "FILTER(?v = 18)",
        ),
    ),
    (
        "new-tek-salary-500-against-250-average",
        impact(
            "new-tek",
            "monthly salary",
            "?i schema:value ?v ; amkg:unit unit:usd ; "
            "amkg:quantity [ schema:value ?avg ; amkg:unit unit:usd ] . "
            "FILTER(?v = 500 && ?avg = 250)",
        ),
    ),
    (
        "new-tek-warranty-10-years-against-2-5",
        impact(
            "new-tek",
            "warranty",
            "?i schema:value ?v ; amkg:unit unit:years ; amkg:quantity [ schema:value ?c ] . "
            "FILTER(?v = 10 && ?c = 2.5)",
        ),
    ),
    # Impacts: Arçelik, Genesis Bionics, Mahindra & Mahindra, Thales 3D
    (
        "arcelik-compressed-air-saves-up-to-12-percent-energy",
        impact(
            "arcelik",
            "energy consumption",
            "?i amkg:onSubDimension dim:environmental-efficiency ; amkg:direction amkg:decrease ; "
            "schema:value ?v ; amkg:bound amkg:upTo . FILTER(?v = 12)",
        ),
    ),
    (
        "arcelik-487-tonnes-co2-avoided-a-year",
        impact(
            "arcelik",
            "co2",
            "?i amkg:direction amkg:decrease ; schema:value ?v ; amkg:unit unit:tonnes . FILTER(?v = 487)",
        ),
    ),
    (
        "arcelik-water-per-product-down-84-percent",
        impact(
            "arcelik",
            "water consumption per product",
            "?i amkg:direction amkg:decrease ; schema:value ?v . FILTER(?v = 84)",
        ),
    ),
    (
        "arcelik-rainwater-54-percent-of-need",
        impact("arcelik", "rainwater", "?i schema:value ?v . FILTER(?v = 54)"),
    ),
    (
        "arcelik-90-percent-of-tasks-digital",
        impact(
            "arcelik",
            "digital competences",
            "?i amkg:onSubDimension dim:skills-and-roles ; schema:value ?v ; amkg:unit unit:percent . "
            "FILTER(?v = 90)",
        ),
    ),
    (
        "genesis-prosthesis-1500-2000-usd-against-10000-20000",
        impact(
            "genesis-bionics",
            "price",
            "?i amkg:onSubDimension dim:relegated-groups ; schema:minValue ?lo ; schema:maxValue ?hi ; "
            "amkg:unit unit:usd ; amkg:quantity [ schema:minValue ?ulo ; schema:maxValue ?uhi ] . "
            "FILTER(?lo = 1500 && ?hi = 2000 && ?ulo = 10000 && ?uhi = 20000)",
        ),
    ),
    (
        "genesis-battery-2200-mah-against-550",
        impact(
            "genesis-bionics",
            "battery",
            "?i schema:value ?v ; amkg:unit unit:milliampere-hours ; amkg:quantity [ schema:value ?c ] . "
            "FILTER(?v = 2200 && ?c = 550)",
        ),
    ),
    (
        "genesis-ten-personalised-hands",
        impact(
            "genesis-bionics", "personalised", "?i schema:value ?v ; amkg:unit unit:count . FILTER(?v = 10)"
        ),
    ),
    (
        "mahindra-cobots-raise-productivity-8-4-percent",
        impact(
            "mahindra-and-mahindra",
            "productivity",
            "?i amkg:onSubDimension dim:efficiency ; amkg:direction amkg:increase ; schema:value ?v ; "
            "amkg:technology tech:collaborative-robots . FILTER(?v = 8.4)",
        ),
    ),
    (
        "mahindra-cobot-payback-1-5-years",
        "firm:mahindra-and-mahindra amkg:quantity [ schema:value ?v ; amkg:unit unit:years ] . "
        "FILTER(?v = 1.5)",
    ),
    (
        "thales-3d-engineers-8-growing-to-20",
        impact("thales-3d", "engineers", "?i amkg:baseline ?b ; amkg:result ?r . FILTER(?b = 8 && ?r = 20)"),
    ),
    (
        "thales-3d-investment-15-to-20-million-eur",
        'firm:thales-3d amkg:funding [ schema:minValue ?lo ; schema:maxValue ?hi ; schema:currency "EUR" ] . '
        "FILTER(?lo = 15000000 && ?hi = 20000000)",
    ),
    # Policy initiatives: country, area of policy action and specific issue (Table 3)
    (
        "sino-german-china-framework-conditions-international-collaboration",
        "pol:sino-german-smart-manufacturing-baowu-siemens amkg:country place:china ; "
        "amkg:policyArea area:developing-framework-conditions ; "
        "amkg:policyIssue issue:international-collaboration-and-technology-transfer .",
    ),
    (
        "zhejiang-china-fostering-demand-access-and-affordability",
        "pol:zhejiang-enterprises-deploying-the-cloud amkg:country place:china ; "
        "amkg:policyArea area:fostering-demand-and-adoption ; "
        "amkg:policyIssue issue:access-and-affordability-of-adp-technologies .",
    ),
    (
        "c4i4-india-fostering-demand-awareness",
        "pol:c4i4-lab-pune amkg:country place:india ; amkg:policyArea area:fostering-demand-and-adoption ; "
        "amkg:policyIssue issue:awareness-of-use-and-benefits-of-adp-technologies .",
    ),
    (
        "ignite-pakistan-fostering-demand-awareness",
        "pol:ignite-pakistan amkg:country place:pakistan ; "
        "amkg:policyArea area:fostering-demand-and-adoption ; "
        "amkg:policyIssue issue:awareness-of-use-and-benefits-of-adp-technologies .",
    ),
    (
        "industry4wrd-malaysia-fostering-demand-sme-readiness",
        "pol:malaysia-industry4wrd amkg:country place:malaysia ; "
        "amkg:policyArea area:fostering-demand-and-adoption ; "
        "amkg:policyIssue issue:readiness-of-vulnerable-actors .",
    ),
    (
        "penang-malaysia-capabilities-human-resources",
        "pol:penang-automation-cluster amkg:country place:malaysia ; "
        "amkg:policyArea area:building-and-strengthening-capabilities ; "
        "amkg:policyIssue issue:development-of-human-resources .",
    ),
    # Policy initiatives: institutions, funds, programmes and figures
    (
        "sino-german-led-by-miit-with-baowu",
        "pol:sino-german-smart-manufacturing-baowu-siemens "
        "amkg:ledBy o:ministry-of-industry-and-information-technology ; "
        "amkg:involvesFirm firm:china-baowu-steel-group . "
        'o:ministry-of-industry-and-information-technology skos:altLabel "MIIT"@en .',
    ),
    (
        "sino-german-14-pilot-projects-first-batch",
        "pol:sino-german-smart-manufacturing-baowu-siemens "
        "amkg:quantity [ schema:value ?v ; amkg:measure ?m ] . "
        'FILTER(?v = 14 && CONTAINS(?m, "pilot"))',
    ),
    (
        "sino-german-mou-links-made-in-china-2025-and-industrie-4-0",
        "strat:made-in-china-2025 amkg:country place:china . "
        "strat:industrie-4-0 amkg:country place:germany ; "
        'rdfs:label "Industrie 4.0 strategy (Germany)"@en . '
        'init:sino-german-smart-manufacturing-cooperation amkg:startYear "2015"^^xsd:gYear .',
    ),
    (
        "zhejiang-plan-launched-2017-target-100000-firms",
        'pol:zhejiang-enterprises-deploying-the-cloud amkg:startYear "2017"^^xsd:gYear ; '
        'amkg:quantity [ schema:value ?v ; amkg:startYear "2018"^^xsd:gYear ; '
        'amkg:endYear "2020"^^xsd:gYear ] . '
        "FILTER(?v = 100000)",
    ),
    (
        "zhejiang-268000-adopters-by-end-2018",
        "pol:zhejiang-enterprises-deploying-the-cloud "
        'amkg:quantity [ schema:value ?v ; amkg:endYear "2018"^^xsd:gYear ] . FILTER(?v = 268000)',
    ),
    (
        "zhejiang-218000-adopters-within-a-year",
        "pol:zhejiang-enterprises-deploying-the-cloud amkg:quantity [ schema:value ?v ] . "
        "FILTER(?v = 218000)",
    ),
    (
        "zhejiang-over-1100-seminars-in-2017",
        "pol:zhejiang-enterprises-deploying-the-cloud "
        "amkg:quantity [ schema:value ?v ; amkg:bound amkg:moreThan ; amkg:measure ?m ] . "
        'FILTER(?v = 1100 && CONTAINS(?m, "seminars"))',
    ),
    (
        "c4i4-lab-in-pune-since-2017",
        "pol:c4i4-lab-pune amkg:ledBy o:c4i4-lab . "
        'o:c4i4-lab amkg:locatedIn place:pune ; amkg:startYear "2017"^^xsd:gYear .',
    ),
    (
        "c4i4-public-grant-usd-2-million",
        'pol:c4i4-lab-pune amkg:funding [ schema:value ?v ; schema:currency "USD" ; dct:description ?d ] . '
        'FILTER(?v = 2000000 && CONTAINS(?d, "public"))',
    ),
    (
        "c4i4-private-funding-usd-700000",
        'pol:c4i4-lab-pune amkg:funding [ schema:value ?v ; schema:currency "USD" ; dct:description ?d ] . '
        'FILTER(?v = 700000 && CONTAINS(?d, "private"))',
    ),
    (
        "c4i4-under-department-of-heavy-industry",
        "o:c4i4-lab amkg:partnerOf o:department-of-heavy-industry .",
    ),
    ("make-in-india-strategy", "strat:make-in-india a amkg:IndustrialStrategy ; amkg:country place:india ."),
    (
        "industry4wrd-launched-2018-by-miti",
        'strat:industry4wrd amkg:startYear "2018"^^xsd:gYear ; '
        "amkg:ledBy o:malaysia-ministry-of-international-trade-and-industry . "
        "pol:malaysia-industry4wrd amkg:ledBy o:malaysia-ministry-of-international-trade-and-industry .",
    ),
    (
        "industry4wrd-readiness-assessment-myr-210-million",
        'prog:industry4wrd-readiness-assessment amkg:funding [ schema:value ?v ; schema:currency "MYR" ] . '
        "FILTER(?v = 210000000)",
    ),
    (
        "industry4wrd-readiness-assessment-500-smes-2019-2021",
        "prog:industry4wrd-readiness-assessment amkg:quantity "
        '[ schema:value ?v ; amkg:startYear "2019"^^xsd:gYear ; amkg:endYear "2021"^^xsd:gYear ] . '
        "FILTER(?v = 500)",
    ),
    (
        "industry4wrd-readiness-assessment-about-300-applications",
        "prog:industry4wrd-readiness-assessment amkg:quantity [ schema:value ?v ; amkg:measure ?m ] . "
        'FILTER(?v = 300 && CONTAINS(?m, "applications"))',
    ),
    (
        "industry4wrd-manufacturing-contribution-254-to-392-billion-myr",
        "pol:malaysia-industry4wrd amkg:quantity [ schema:value ?from ; amkg:unit unit:myr ] , "
        "[ schema:value ?to ; amkg:unit unit:myr ] . FILTER(?from = 254000000000 && ?to = 392000000000)",
    ),
    (
        "industry4wrd-high-skilled-workers-18-to-35-percent",
        "pol:malaysia-industry4wrd amkg:quantity [ schema:value ?from ; amkg:measure ?m1 ] , "
        "[ schema:value ?to ; amkg:measure ?m2 ] . FILTER(?from = 18 && ?to = 35 "
        '&& CONTAINS(?m1, "high-skilled") && CONTAINS(?m2, "high-skilled"))',
    ),
    (
        "malaysia-manufacturing-75-percent-of-exports-2017",
        'place:malaysia amkg:quantity [ schema:value ?v ; amkg:startYear "2017"^^xsd:gYear ; '
        "amkg:measure ?m ] . "
        'FILTER(?v = 75 && CONTAINS(?m, "export"))',
    ),
    (
        "ignite-national-technology-fund-since-2006",
        'o:ignite a amkg:Fund ; amkg:startYear "2006"^^xsd:gYear ; '
        'skos:altLabel "Pakistan National Technology Fund"@en . pol:ignite-pakistan amkg:ledBy o:ignite .',
    ),
    (
        "ignite-about-usd-7-million-for-about-40-projects",
        'pol:ignite-pakistan amkg:funding [ schema:value ?usd ; schema:currency "USD" ] ; '
        "amkg:quantity [ schema:value ?n ; amkg:unit unit:count ] . FILTER(?usd = 7000000 && ?n = 40)",
    ),
    (
        "ignite-incubators-in-five-cities",
        "init:ignite-incubator-network dct:isPartOf pol:ignite-pakistan ; amkg:locatedIn place:islamabad , "
        "place:lahore , place:karachi , place:peshawar , place:quetta .",
    ),
    (
        "ignite-digiskills-programme",
        "init:digiskills amkg:ledBy o:ignite ; dct:isPartOf pol:ignite-pakistan .",
    ),
    (
        "ignite-mddc-about-35-professionals",
        "init:medical-devices-development-centre dct:isPartOf pol:ignite-pakistan ; "
        "amkg:quantity [ schema:value ?v ; amkg:unit unit:persons ] . FILTER(?v = 35)",
    ),
    (
        "penang-automation-cluster-formed-2016-by-three-llcs",
        'o:penang-automation-cluster amkg:startYear "2016"^^xsd:gYear ; '
        "amkg:partnerOf o:vitrox , o:pentamaster , o:walta-engineering-group . "
        "pol:penang-automation-cluster amkg:ledBy o:penang-automation-cluster .",
    ),
    (
        "penang-cluster-500-jobs-and-myr-980-million-by-2021",
        "pol:penang-automation-cluster amkg:quantity "
        '[ schema:value ?jobs ; amkg:endYear "2021"^^xsd:gYear ; amkg:unit unit:count ] , '
        '[ schema:value ?rev ; amkg:unit unit:myr ; amkg:endYear "2021"^^xsd:gYear ] . '
        "FILTER(?jobs = 500 && ?rev = 980000000)",
    ),
    (
        "penang-gdvt-training-myr-6-million-at-psdc",
        "init:german-dual-vocational-training-penang amkg:ledBy o:penang-skill-development-centre ; "
        'amkg:funding [ schema:value ?v ; schema:currency "MYR" ] . '
        'o:penang-skill-development-centre amkg:startYear "1989"^^xsd:gYear . FILTER(?v = 6000000)',
    ),
    # issue 11: funders, qualifiers, conflicting statements, implemented strategy, months, text-only facts
    (
        "mddc-co-funded-by-ignite-and-the-ministry",
        "init:medical-devices-development-centre schema:funder o:ignite , "
        "o:pakistan-ministry-of-science-and-technology . o:ignite schema:funder o:government-of-pakistan .",
    ),
    (
        "haier-sensors-more-than-10000",
        "firm:haier-group amkg:quantity [ schema:value ?v ; amkg:bound amkg:moreThan ; "
        "amkg:figureStatus amkg:measuredFigure ] . FILTER(?v = 10000)",
    ),
    (
        "baowu-expected-impacts-are-expected",
        "?case amkg:studiesFirm firm:china-baowu-steel-group ; amkg:impact ?i . "
        "?i amkg:figureStatus amkg:expectedFigure ; schema:value ?v . FILTER(?v = 35)",
    ),
    (
        "thales-payback-at-least-10-years-expected",
        "firm:thales-3d amkg:quantity [ schema:value ?v ; amkg:bound amkg:atLeast ; "
        "amkg:figureStatus amkg:expectedFigure ; amkg:unit unit:years ] . FILTER(?v = 10)",
    ),
    (
        "ignite-about-usd-7-million",
        'pol:ignite-pakistan amkg:funding [ schema:value ?v ; schema:currency "USD" ; '
        "amkg:bound amkg:about ] . "
        "FILTER(?v = 7000000)",
    ),
    # Item 4: one document, two statements that cannot both hold, kept both and linked
    (
        "baowu-daily-output-expected-vs-achieved",
        "<https://w3id.org/amkg/id/impact/china-baowu-steel-group-daily-output> "
        "amkg:figureStatus amkg:expectedFigure ; amkg:conflictsWith ?k . "
        "?k amkg:figureStatus amkg:measuredFigure ; schema:minValue ?lo ; schema:maxValue ?hi . "
        "FILTER(?lo = 15 && ?hi = 30)",
    ),
    (
        "baowu-inventory-expected-vs-halved",
        "<https://w3id.org/amkg/id/impact/china-baowu-steel-group-excess-inventory> "
        "amkg:figureStatus amkg:expectedFigure ; amkg:conflictsWith ?k . "
        "?k amkg:figureStatus amkg:measuredFigure ; schema:value ?v . FILTER(?v = 50)",
    ),
    (
        "avs-15-vs-20-staff",
        "<https://w3id.org/amkg/id/impact/avs-technology-employees> amkg:result ?a ; amkg:conflictsWith ?k . "
        "?k amkg:result ?b . FILTER(?a = 15 && ?b = 20)",
    ),
    (
        "genesis-two-price-ranges",
        "<https://w3id.org/amkg/id/impact/genesis-bionics-affordable-prostheses> schema:minValue ?a ; "
        "amkg:conflictsWith ?k . ?k schema:minValue ?b ; schema:maxValue ?hi . "
        "FILTER(?a = 1500 && ?b = 1000 && ?hi = 2000)",
    ),
    # Item 5: the policy case and the strategy it puts into practice are two things, linked
    (
        "industry4wrd-policy-implements-the-strategy",
        "pol:malaysia-industry4wrd amkg:implementsStrategy strat:industry4wrd . "
        "prog:industry4wrd-readiness-assessment amkg:implementsStrategy strat:industry4wrd .",
    ),
    ("industrial-sensors-are-sensors", "tech:industrial-sensors skos:broader tech:sensors ."),
    # Item 6: months as months
    ("industry4wrd-launched-october-2018", 'strat:industry4wrd schema:startDate "2018-10"^^xsd:gYearMonth .'),
    (
        "zhejiang-plan-launched-april-2017",
        'pol:zhejiang-enterprises-deploying-the-cloud schema:startDate "2017-04"^^xsd:gYearMonth .',
    ),
    (
        "baowu-crane-since-march-2018",
        "<https://w3id.org/amkg/id/impact/china-baowu-steel-group-smart-crane> "
        'schema:startDate "2018-03"^^xsd:gYearMonth .',
    ),
    # Item 7: facts that were only in descriptions
    (
        "mahindra-usd-20-7-billion-group",
        "firm:mahindra-and-mahindra amkg:quantity [ schema:value ?v ; amkg:unit unit:usd ] . "
        "FILTER(?v = 20700000000)",
    ),
    ("zc-rubber-founded-1958", 'firm:zc-rubber amkg:startYear "1958"^^xsd:gYear .'),
    (
        "zc-rubber-adopted-et-industrial-brain-2017",
        'init:zc-rubber-et-industrial-brain amkg:ledBy firm:zc-rubber ; amkg:startYear "2017"^^xsd:gYear ; '
        "amkg:partner o:alibaba-cloud ; dct:isPartOf pol:zhejiang-enterprises-deploying-the-cloud .",
    ),
    ("hangzhou-in-zhejiang", "place:hangzhou amkg:locatedIn place:zhejiang ."),
    (
        "arcelik-1-mw-pv-and-700-kw-solar-thermal",
        "<https://w3id.org/amkg/id/impact/arcelik-co2-avoided> amkg:quantity [ schema:value ?a ; "
        "amkg:unit unit:megawatts ; amkg:measure ?m ] , [ schema:value ?b ; amkg:unit unit:megawatts ] . "
        'FILTER(?a = 1 && CONTAINS(?m, "photovoltaic") && ?b = 0.7)',
    ),
    (
        "aedesign-frankfurt-subsidiary",
        "o:aedesign-frankfurt org:subOrganizationOf firm:aedesign ; amkg:locatedIn place:frankfurt . "
        "place:frankfurt amkg:locatedIn place:germany .",
    ),
    (
        "aedesign-avcass-robotic-test-platform",
        'firm:aedesign amkg:develops tech:avcass ; amkg:startYear "2002"^^xsd:gYear . '
        "tech:avcass skos:broader tech:industrial-robots .",
    ),
    ("avs-human-machine-interface", "firm:avs-technology amkg:adoptsTechnology tech:human-interfaces ."),
    (
        "thales-3d-2017-under-the-2011-morocco-agreement",
        'firm:thales-3d amkg:startYear "2017"^^xsd:gYear . init:thales-morocco-cooperation-agreement '
        'amkg:ledBy o:thales-group ; amkg:country place:morocco ; amkg:startYear "2011"^^xsd:gYear .',
    ),
    # second pass of item 7: plants, places, years and partners that were only in descriptions
    ("aedesign-serves-the-automotive-industry", "firm:aedesign amkg:sector sector:automotive ."),
    (
        "arcelik-first-smart-factory-romania-2019",
        "init:arcelik-romania-smart-factory a amkg:Facility ; amkg:ledBy firm:arcelik ; "
        "amkg:locatedIn place:romania ; "
        'amkg:startYear "2019"^^xsd:gYear ; amkg:quantity [ schema:value ?v ; amkg:bound amkg:lessThan ; '
        "amkg:unit unit:times ] . FILTER(?v = 2)",
    ),
    (
        "avs-plants-in-brazil-spain-uruguay-since-2012",
        "init:avs-small-scale-chlorine-plants amkg:ledBy firm:avs-technology ; amkg:locatedIn place:brazil , "
        'place:spain , place:uruguay ; amkg:startYear "2012"^^xsd:gYear .',
    ),
    (
        "avs-free-zone-and-argentinean-software-partner",
        "firm:avs-technology amkg:locatedIn place:parque-de-las-ciencias ; "
        "amkg:partner o:avs-argentinean-software-partner . "
        "o:avs-argentinean-software-partner amkg:country place:argentina .",
    ),
    (
        "avs-spain-centre-expected-to-double-staff",
        "init:avs-spain-operation-centre amkg:ledBy firm:avs-technology ; amkg:country place:spain ; "
        "amkg:quantity [ schema:value ?v ; amkg:figureStatus amkg:expectedFigure ; amkg:unit unit:times ] . "
        "FILTER(?v = 2)",
    ),
    (
        "baowu-platform-spans-seven-named-plants",
        "init:baowu-virtual-operation-and-maintenance-platform amkg:ledBy firm:china-baowu-steel-group ; "
        "amkg:partner o:siemens ; amkg:locatedIn place:baoshan , place:shanghai , place:wuhan , "
        "place:zhanjiang , place:nanjing , place:urumqi , place:shaoguan .",
    ),
    (
        "baowu-30-years-of-digital-technology",
        "firm:china-baowu-steel-group amkg:quantity [ schema:value ?v ; amkg:unit unit:years ] . "
        "FILTER(?v = 30)",
    ),
    (
        "genesis-bionics-registered-2018-enactus-june-2018",
        'firm:genesis-bionics amkg:startYear "2018"^^xsd:gYear . init:enactus-2018-national-competition '
        'amkg:ledBy o:enactus ; schema:startDate "2018-06"^^xsd:gYearMonth .',
    ),
    (
        "haier-qingdao-factory-since-2016",
        "init:haier-central-air-conditioning-interconnected-factory amkg:ledBy firm:haier-group ; "
        'amkg:locatedIn place:qingdao ; amkg:startYear "2016"^^xsd:gYear ; '
        "dct:isPartOf init:sino-german-industrial-park .",
    ),
    (
        "mahindra-kandivli-plant-and-market-ranks",
        "init:mahindra-and-mahindra-kandivli-plant amkg:ledBy firm:mahindra-and-mahindra ; "
        "amkg:locatedIn place:kandivli . firm:mahindra-and-mahindra amkg:quantity "
        "[ schema:value ?a ; amkg:unit unit:rank ; amkg:measure ?m ] . "
        'FILTER(?a = 1 && CONTAINS(?m, "tractor"))',
    ),
    (
        "new-tek-founded-2015-plant-2017",
        'firm:new-tek amkg:startYear "2015"^^xsd:gYear . '
        "init:new-tek-solar-module-plant amkg:ledBy firm:new-tek ; "
        'amkg:partner o:schmid-group ; amkg:startYear "2017"^^xsd:gYear .',
    ),
    (
        "thales-morocco-2009-and-belgian-training-partner",
        "o:thales-holding-morocco org:subOrganizationOf o:thales-group . "
        "init:thales-industrial-activities-in-morocco amkg:ledBy o:thales-holding-morocco ; "
        'amkg:startYear "2009"^^xsd:gYear . '
        "firm:thales-3d amkg:partner o:thales-3d-belgian-training-partner . "
        "o:thales-3d-belgian-training-partner amkg:country place:belgium .",
    ),
    (
        "mddc-commercial-partner-in-karachi",
        "init:medical-devices-development-centre amkg:partner o:mddc-karachi-commercial-partner . "
        "o:mddc-karachi-commercial-partner amkg:locatedIn place:karachi .",
    ),
    (
        "make-in-india-four-centres-and-their-cities",
        "init:make-in-india-industry-4-0-centres amkg:implementsStrategy strat:make-in-india ; "
        'amkg:locatedIn place:bangalore , place:new-delhi , place:pune ; amkg:startYear "2017"^^xsd:gYear .',
    ),
    (
        "named-platforms-and-their-makers",
        "firm:haier-group amkg:develops tech:cosmo-plat . "
        "o:alibaba-cloud amkg:develops tech:et-industrial-brain . "
        "o:vitrox amkg:develops tech:vitrox-v-one . init:baowu-virtual-operation-and-maintenance-platform "
        "amkg:technology tech:comos , tech:walkinside .",
    ),
    (
        "new-tek-modules-certified-by-tuv-rheinland-and-ul",
        "init:new-tek-class-a-solar-modules amkg:ledBy firm:new-tek ; "
        "amkg:approvedBy o:tuv-rheinland , o:ul .",
    ),
    (
        "zed-solar-makes-aedesign-patented-products",
        "init:aedesign-solar-plant-cleaning-robots amkg:ledBy firm:aedesign ; amkg:partner o:zed-solar ; "
        "amkg:locatedIn place:pakistan , place:middle-east . "
        "init:aedesign-concentrated-solar-power-systems amkg:partner o:zed-solar .",
    ),
    ("fokeer-is-unido-staff", "<https://w3id.org/amkg/id/person/smeeta-fokeer> org:memberOf o:unido ."),
    (
        "penang-cluster-five-acre-plot",
        "init:smi-village-batu-kawan-industrial-park amkg:quantity "
        "[ schema:value ?v ; amkg:unit unit:acres ] . "
        "FILTER(?v = 5)",
    ),
]


@pytest.mark.parametrize("pattern", cases(ASKS))
def test_fact_holds_in_unido_graph(store: ox.Store, pattern: str) -> None:
    assert ask(store, in_unido(pattern)), pattern


# ---------------------------------------------------------------- closed lists asked as SELECT (exact sets)

SETS: list[tuple[str, str, set[str]]] = [
    (
        "table1-adp-technologies",
        "?t amkg:isADPTechnology true .",
        names(
            "technology",
            "industrial-internet-of-things internet-of-things big-data-analytics advanced-robotics "
            "collaborative-robots machine-learning cloud-computing artificial-intelligence "
            "additive-manufacturing "
            "computer-aided-design-and-manufacturing computer-aided-design computer-aided-manufacturing",
        ),
    ),
    (
        "three-impact-dimensions",
        "?t a amkg:ImpactDimension .",
        names("dimension", "competitiveness environmental-sustainability social-inclusiveness"),
    ),
    (
        "table4-competitiveness-sub-dimensions",
        "?t skos:broader dim:competitiveness .",
        names("dimension", "efficiency product business-model endogenous-innovation linkages"),
    ),
    (
        "table5-environmental-sub-dimensions",
        "?t skos:broader dim:environmental-sustainability .",
        names("dimension", "environmental-efficiency environmental-goods"),
    ),
    (
        "table6-social-sub-dimensions",
        "?t skos:broader dim:social-inclusiveness .",
        names("dimension", "employment-conditions skills-and-roles relegated-groups"),
    ),
    (
        "ten-firms-studied",
        "?c amkg:studiesFirm ?t .",
        names(
            "firm",
            "aedesign arcelik avs-technology china-baowu-steel-group genesis-bionics haier-group "
            "mahindra-and-mahindra new-tek thales-3d zc-rubber",
        ),
    ),
    (
        "table2-aedesign-technologies",
        "firm:aedesign amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "computer-aided-design computer-aided-engineering industrial-sensors image-recognition "
            "machine-learning artificial-intelligence internet-of-things industrial-robots",
        ),
    ),
    (
        "table2-arcelik-technologies",
        "firm:arcelik amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "internet-of-things industrial-sensors digital-industrial-platforms big-data-analytics "
            "machine-learning artificial-intelligence augmented-and-virtual-reality simulation",
        ),
    ),
    (
        "table2-avs-technologies",
        "firm:avs-technology amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "internet-of-things industrial-sensors big-data-analytics machine-learning "
            "artificial-intelligence human-interfaces",
        ),
    ),
    (
        "table2-baowu-technologies",
        "firm:china-baowu-steel-group amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "machine-learning artificial-intelligence edge-computing cloud-computing "
            "augmented-and-virtual-reality industrial-sensors digital-industrial-platforms "
            "radio-frequency-identification enterprise-resource-planning manufacturing-execution-systems",
        ),
    ),
    (
        "table2-genesis-bionics-technologies",
        "firm:genesis-bionics amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "computer-aided-design additive-manufacturing industrial-sensors dlp-3d-printing "
            "electromyography virtual-reality",
        ),
    ),
    (
        "table2-haier-technologies",
        "firm:haier-group amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "internet-of-things industrial-internet-of-things industrial-sensors "
            "digital-industrial-platforms big-data-analytics advanced-robotics",
        ),
    ),
    (
        "table2-mahindra-technologies",
        "firm:mahindra-and-mahindra amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "internet-of-things industrial-sensors digital-industrial-platforms "
            "collaborative-robots vision-systems",
        ),
    ),
    (
        "table2-new-tek-technologies",
        "firm:new-tek amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "internet-of-things industrial-sensors digital-industrial-platforms big-data-analytics "
            "industrial-robots",
        ),
    ),
    (
        "table2-thales-3d-technologies",
        "firm:thales-3d amkg:adoptsTechnology ?t .",
        names("technology", "computer-aided-design additive-manufacturing selective-laser-melting"),
    ),
    (
        "table2-zc-rubber-technologies",
        "firm:zc-rubber amkg:adoptsTechnology ?t .",
        names(
            "technology",
            "cloud-computing big-data-analytics machine-learning artificial-intelligence "
            "digital-industrial-platforms",
        ),
    ),
    (
        "table3-six-policy-initiatives",
        "?t a amkg:PolicyInitiative .",
        names(
            "policy",
            "sino-german-smart-manufacturing-baowu-siemens zhejiang-enterprises-deploying-the-cloud "
            "c4i4-lab-pune malaysia-industry4wrd ignite-pakistan penang-automation-cluster",
        ),
    ),
    (
        "table3-three-areas-of-policy-action",
        "?t a amkg:PolicyArea .",
        names(
            "policy-area",
            "developing-framework-conditions fostering-demand-and-adoption "
            "building-and-strengthening-capabilities",
        ),
    ),
    (
        "table3-issues-of-fostering-demand",
        "?t skos:broader area:fostering-demand-and-adoption .",
        names(
            "policy-issue",
            "access-and-affordability-of-adp-technologies "
            "awareness-of-use-and-benefits-of-adp-technologies readiness-of-vulnerable-actors",
        ),
    ),
    (
        "table3-challenge-of-framework-conditions",
        "area:developing-framework-conditions amkg:addressesChallenge ?t .",
        names("challenge", "access-to-frontier-technology"),
    ),
    (
        "table3-challenges-of-fostering-demand",
        "area:fostering-demand-and-adoption amkg:addressesChallenge ?t .",
        names("challenge", "lack-of-funds-and-financial-support lack-of-linkages-with-other-firms"),
    ),
    (
        "table3-challenges-of-capabilities",
        "area:building-and-strengthening-capabilities amkg:addressesChallenge ?t .",
        names(
            "challenge",
            "lack-of-qualified-personnel re-skilling-of-existing-labour-force "
            "integrating-new-technologies-with-existing-production-equipment",
        ),
    ),
    (
        "sino-german-firm-level-challenge",
        "pol:sino-german-smart-manufacturing-baowu-siemens amkg:addressesChallenge ?t .",
        names("challenge", "access-to-frontier-technology"),
    ),
    (
        "penang-firm-level-challenges",
        "pol:penang-automation-cluster amkg:addressesChallenge ?t .",
        names(
            "challenge",
            "lack-of-qualified-personnel re-skilling-of-existing-labour-force "
            "integrating-new-technologies-with-existing-production-equipment",
        ),
    ),
    (
        "c4i4-firm-level-challenges",
        "pol:c4i4-lab-pune amkg:addressesChallenge ?t .",
        names("challenge", "lack-of-funds-and-financial-support lack-of-linkages-with-other-firms"),
    ),
    (
        "industry4wrd-eleven-technologies",
        "strat:industry4wrd amkg:targetsTechnology ?t .",
        names(
            "technology",
            "additive-manufacturing artificial-intelligence big-data-analytics advanced-materials "
            "cybersecurity simulation cloud-computing augmented-reality internet-of-things autonomous-robots "
            "system-integration",
        ),
    ),
    (
        "industry4wrd-catalytic-high-growth-industries",
        "strat:industry4wrd amkg:strategicSector ?t .",
        names("sector", "electronics machinery chemicals aerospace medical-devices"),
    ),
]


@pytest.mark.parametrize(("pattern", "expected"), cases(SETS))
def test_closed_list_in_unido_graph(store: ox.Store, pattern: str, expected: set[str]) -> None:
    assert closed_list(store, UNIDO, pattern, LOCAL_PREFIXES) == expected


# ---------------------------------------------------------------- issue 11: what the paper states, and how

#: Statements the graph once made that the paper does not: each must be absent from the paper's graph.
ABSENT: list[tuple[str, str]] = [
    # Ignite's licensees pay the levy; the Telecommunication Authority is no partner of Ignite's policy
    ("ignite-pta-not-a-partner", "pol:ignite-pakistan amkg:partner o:pakistan-telecommunication-authority ."),
    # the Ministry of Science and Technology co-funds the MDDC project, not Ignite's policy
    (
        "ignite-most-not-a-partner",
        "pol:ignite-pakistan amkg:partner|amkg:ledBy|schema:funder "
        "o:pakistan-ministry-of-science-and-technology .",
    ),
    # the technology and sector lists belong to the Industry4WRD strategy, not again to the policy case
    (
        "industry4wrd-policy-lists-no-technologies",
        "pol:malaysia-industry4wrd amkg:technology|amkg:sector ?t .",
    ),
    # the centres work under the department's auspices; it is no partner of the Pune lab's policy
    ("c4i4-department-not-a-partner", "pol:c4i4-lab-pune amkg:partner o:department-of-heavy-industry ."),
    # the German ministry signed the 2015 MoU; the Baowu-Siemens pilot under it names no German ministry
    (
        "baowu-pilot-bmwi-not-a-partner",
        "pol:sino-german-smart-manufacturing-baowu-siemens amkg:partner o:bmwi .",
    ),
    # the slides' "Sensors" are no longer the paper's industrial sensors under another name
    ("industrial-sensors-not-also-sensors", 'tech:industrial-sensors skos:altLabel "Sensors"@en .'),
    # KUKA is named as an example of the robot suppliers, not as Haier's partner
    ("haier-kuka-not-a-partner", "firm:haier-group amkg:partner o:kuka ."),
    # Alibaba Cloud is an example provider on Zhejiang's platform, not a partner of the provincial plan
    (
        "zhejiang-plan-alibaba-not-a-partner",
        "pol:zhejiang-enterprises-deploying-the-cloud amkg:partner o:alibaba-cloud .",
    ),
    # the Eurasian market's size and Kazakhstan's buy-back period describe those places, not New-Tek
    (
        "new-tek-no-eurasian-or-kazakh-figures",
        "firm:new-tek amkg:quantity [ schema:value ?v ] . FILTER(?v IN (180000000, 1800000000000, 15))",
    ),
]


@pytest.mark.parametrize("pattern", cases(ABSENT))
def test_unstated_relation_is_absent(store: ox.Store, pattern: str) -> None:
    assert not ask(store, in_unido(pattern)), pattern


def test_avs_sensors_monitor_the_four_parameters_the_paper_names(store: ox.Store) -> None:
    found = closed_list(store, UNIDO, "firm:avs-technology amkg:monitoredParameter ?t .", LOCAL_PREFIXES)
    assert found == {"temperature", "pressure", "pH level", "cell voltage"}
