#!/usr/bin/env python3
"""Check sentences.jsonl against newswire.txt and the PLOVER / CAMEO vocabularies.

Environment: EVENTDATA_DIR (default /work/shared/eventdata) holds CAMEO2PLOVER-2021.txt.
Exit status 0 when every check passes, 1 otherwise.
"""
import calendar
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
EVENTDATA = os.environ.get("EVENTDATA_DIR", "/work/shared/eventdata")
TEXT = os.path.join(HERE, "newswire.txt")
DATA = os.path.join(HERE, "sentences.jsonl")

sys.path.insert(0, os.path.dirname(HERE))
from plover import DEVIATIONS, MODES  # noqa: E402

ORDER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
# International organisations are written by short name (development-set convention).
IGOS = {"UN", "EU", "NATO", "AU", "Arab League", "OAS", "IAEA", "World Bank", "CIS", "IMF", "ECOWAS", "OSCE",
        "ASEAN"}
HISTORICAL = {"USSR"}
STATUSES = {"done", "negated", "planned", "hypothetical"}
KEYS = ["plover", "mode", "cameo", "source", "source_text", "target", "target_text", "date", "status"]

try:  # a full ISO 3166-1 list when pycountry is installed; otherwise only the shape is checked
    import pycountry
    ISO3 = {c.alpha_3 for c in pycountry.countries}
except ImportError:
    ISO3 = None


def load_table(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
            if m:
                table.setdefault(m.group(1), m.group(2))
    return table


def main():
    errors = []
    err = lambda where, msg: errors.append(f"{where}: {msg}")
    table = load_table(os.path.join(EVENTDATA, "CAMEO2PLOVER-2021.txt"))
    with open(TEXT, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for i, l in enumerate(lines, 1):
        if not l.strip():
            err(f"newswire.txt:{i}", "blank line")
    records = []
    with open(DATA, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            try:
                records.append(json.loads(raw))
            except json.JSONDecodeError as e:
                err(f"sentences.jsonl:{n}", f"bad JSON: {e}")

    if len(records) < 100:
        err("sentences.jsonl", f"only {len(records)} records (need at least 100)")
    if len(records) != len(lines):
        err("sentences.jsonl", f"{len(records)} records but newswire.txt has {len(lines)} lines")
    types_by_sentence, events_by_type = Counter(), Counter()
    statuses, no_event, dated = Counter(), 0, 0
    for n, r in enumerate(records, 1):
        where = f"record {n}"
        if set(r) != {"file", "line", "sentence", "events"}:
            err(where, f"keys {sorted(r)}")
            continue
        if r["file"] != "newswire.txt":
            err(where, f"file {r['file']!r}")
        if r["line"] != n:
            err(where, f"line {r['line']} (records must follow the file, 1-based)")
        if not (isinstance(r["line"], int) and 1 <= r["line"] <= len(lines)) or lines[r["line"] - 1] != r["sentence"]:
            err(where, "sentence differs from its line of newswire.txt")
        sent = r["sentence"]
        if not r["events"]:
            no_event += 1
        seen = set()
        years = set(re.findall(r"\b(1[89]\d\d|20\d\d)\b", sent))
        for k, e in enumerate(r["events"], 1):
            w = f"{where} event {k}"
            if list(e) != KEYS:
                err(w, f"keys {list(e)}")
                continue
            p, mode, cameo = e["plover"], e["mode"], e["cameo"]
            if p not in MODES:
                err(w, f"unknown PLOVER type {p!r}")
                continue
            seen.add(p)
            events_by_type[p] += 1
            if mode is not None and mode not in MODES[p]:
                err(w, f"mode {mode!r} not defined for {p}")
            if cameo not in table:
                err(w, f"CAMEO {cameo!r} not in CAMEO2PLOVER-2021.txt")
            elif table[cameo] != p and DEVIATIONS.get(cameo) != p:
                err(w, f"CAMEO {cameo} is {table[cameo]} in the table, not {p}")
            if not e["source"]:
                err(w, "empty source")
            for side in ("source", "target"):
                if not isinstance(e[side], list):
                    err(w, f"{side} is not a list")
                    continue
                for c in e[side]:
                    if c in IGOS or c in HISTORICAL:
                        continue
                    if not re.fullmatch(r"[A-Z]{3}", c) or (ISO3 is not None and c not in ISO3):
                        err(w, f"{side} code {c!r} is not ISO 3166-1 alpha-3 nor a listed organisation")
                if len(set(e[side])) != len(e[side]):
                    err(w, f"duplicate {side} code")
                t = e[side + "_text"]
                if t is not None:
                    for part in t.split(" ... "):
                        if part not in sent:
                            err(w, f"{side}_text part {part!r} not in the sentence")
            d = e["date"]
            if d is not None:
                m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", d)
                if not m:
                    err(w, f"bad date {d!r}")
                else:
                    y, mo, dd = m.group(1), m.group(2), m.group(3)
                    if mo and not 1 <= int(mo) <= 12:
                        err(w, f"bad month in {d!r}")
                    elif dd and not 1 <= int(dd) <= calendar.monthrange(int(y), int(mo))[1]:
                        err(w, f"bad day in {d!r}")
                    if y not in years:  # every date in this set is taken from its own sentence
                        err(w, f"year {y} does not occur in the sentence")
            if e["status"] not in STATUSES:
                err(w, f"status {e['status']!r}")
            statuses[e["status"]] += 1
        if any(e.get("date") for e in r["events"]):
            dated += 1
        for p in seen:
            types_by_sentence[p] += 1
    for p in ORDER:
        if types_by_sentence[p] < 4:
            err("coverage", f"{p} in only {types_by_sentence[p]} sentences (need 4)")
    if no_event < 10:
        err("coverage", f"only {no_event} no-event sentences")

    n_ev = sum(events_by_type.values())
    print(f"{len(records)} sentences ({len(records) - no_event} with events, {no_event} without), {n_ev} events; "
          f"{dated} sentences have a dated event")
    print("status: " + ", ".join(f"{s} {statuses[s]}" for s in ["done", "planned", "negated", "hypothetical"]))
    print(f"{'PLOVER type':<11} events sentences")
    for p in ORDER:
        print(f"{p:<11} {events_by_type[p]:>6} {types_by_sentence[p]:>9}")
    if ISO3 is None:
        print("note: pycountry not installed; ISO codes checked for shape only")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
