"""Check sentences.jsonl against the source texts and the PLOVER/CAMEO vocabularies.

Checks: every sentence occurs verbatim in its file's line; every event has a valid PLOVER type, a mode
allowed for that type by the PLOVER 2021 manual (or null), a CAMEO code from CAMEO2PLOVER-2021.txt whose
PLOVER type agrees with the event (except the documented deviations below), valid actor codes (ISO 3166-1
alpha-3, or a listed IGO / historical-state name), a non-empty source, source/target texts that occur in the
sentence, a well-formed date and a valid status; at least 90 sentences from at least 20 files.
Environment: RELATIONS_DIR (default /work/shared/relations), EVENTDATA_DIR (default /work/shared/eventdata).
"""
import collections, json, os, re, sys

SRC = os.environ.get("RELATIONS_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "relations"))
EVD = os.environ.get("EVENTDATA_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "eventdata"))
HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, os.path.dirname(HERE))
from plover import DEVIATIONS, MODES  # noqa: E402

STATUSES = {"done", "negated", "planned", "hypothetical"}
IGOS = {"UN", "EU", "NATO", "AU", "Arab League", "OAS", "IAEA", "World Bank", "CIS", "GCC", "ASEAN", "OSCE"}
HISTORICAL = {"USSR", "Yugoslavia", "Ottoman Empire", "East Germany", "Czechoslovakia"}
ISO3 = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM
BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR
CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB
GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA
JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA
MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS
SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON
TTO TUN TUR TUV TWN TZA UGA UMI UKR URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split())
assert len(ISO3) == 249, len(ISO3)
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def cameo_table():
    table = {}
    for line in open(os.path.join(EVD, "CAMEO2PLOVER-2021.txt"), encoding="utf-8"):
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def main():
    table = cameo_table()
    errors, types, files, statuses = [], collections.Counter(), collections.Counter(), collections.Counter()
    rows = [json.loads(l) for l in open(os.path.join(HERE, "sentences.jsonl"), encoding="utf-8")]
    seen, no_event, cache = set(), 0, {}
    for r in rows:
        where = f'{r["file"]}:{r["line"]}'
        key = (r["file"], r["line"], r["sentence"])
        if key in seen:
            errors.append(where + " duplicate sentence")
        seen.add(key)
        if r["file"] not in cache:
            path = os.path.join(SRC, r["file"])
            if not os.path.exists(path):
                errors.append(where + " no such file"); continue
            cache[r["file"]] = open(path, encoding="utf-8").read().split("\n")
        lines = cache[r["file"]]
        if not 1 <= r["line"] <= len(lines):
            errors.append(where + " line out of range"); continue
        text = lines[r["line"] - 1]
        s = r["sentence"]
        if s not in text:
            errors.append(f"{where} sentence not verbatim in line: {s[:60]!r}")
        files[r["file"]] += 1
        if not r["events"]:
            no_event += 1
        for e in r["events"]:
            w = f'{where} [{e["plover"]} {e["cameo"]}]'
            t = e["plover"]
            if t not in MODES:
                errors.append(w + " bad PLOVER type"); continue
            types[t] += 1
            statuses[e["status"]] += 1
            if e["mode"] is not None and e["mode"] not in MODES[t]:
                errors.append(f"{w} mode {e['mode']!r} not defined for {t}")
            if e["cameo"] not in table:
                errors.append(w + " CAMEO code not in CAMEO2PLOVER table")
            elif table[e["cameo"]] != t and DEVIATIONS.get(e["cameo"]) != t:
                errors.append(f"{w} CAMEO {e['cameo']} maps to {table[e['cameo']]}")
            if not e["source"]:
                errors.append(w + " empty source")
            for c in e["source"] + e["target"]:
                if c not in ISO3 and c not in IGOS and c not in HISTORICAL:
                    errors.append(f"{w} bad actor code {c!r}")
            for fld in ("source_text", "target_text"):
                if e[fld] is not None:
                    for part in e[fld].split(" ... "):
                        if part not in s:
                            errors.append(f"{w} {fld} not in sentence: {part!r}")
            if e["date"] is not None and not DATE.match(e["date"]):
                errors.append(f"{w} bad date {e['date']!r}")
            if e["status"] not in STATUSES:
                errors.append(f"{w} bad status {e['status']!r}")
    if len(rows) < 90:
        errors.append(f"only {len(rows)} sentences (need >= 90)")
    if len(files) < 20:
        errors.append(f"only {len(files)} files (need >= 20)")
    for e in errors:
        print("ERROR", e)
    n_ev = sum(types.values())
    coop = sum(types[t] for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))
    print(f"{len(rows)} sentences ({no_event} with no event) from {len(files)} files; {n_ev} events")
    print(f"cooperative {coop} ({coop / n_ev:.0%}), conflictual {n_ev - coop} ({(n_ev - coop) / n_ev:.0%})")
    for t in MODES:
        print(f"  {t:10} {types[t]}")
    print("status:", dict(statuses))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
