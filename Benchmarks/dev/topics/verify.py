import json, os, sys, collections
# usage: python3 verify.py PATH_TO_FOLDER_OF_SOURCE_TXT_FILES   (run by hand, from this folder)
if len(sys.argv) != 2: sys.exit('usage: python3 verify.py SOURCE_DIR')
SRC = sys.argv[1]
VOCAB = ["Diplomatic relations", "High-level exchanges", "Trade", "Investment", "Economic cooperation",
 "Development aid", "Military and security", "Conflicts and disputes", "Consular affairs and migration",
 "Multilateral cooperation", "Culture", "Education", "Science and technology", "Transportation", "Tourism",
 "Health", "Environment and energy", "Agriculture and fisheries", "Local cooperation", "Human rights",
 "Law enforcement and justice", "General"]
cache = {}
def lines(f):
    if f not in cache:
        cache[f] = open(SRC.rstrip('/') + '/' + f, encoding='utf-8').read().split('\n')
    return cache[f]
n = 0; keys = set(); files = set()
for i, l in enumerate(open('paragraphs.jsonl', encoding='utf-8'), 1):
    o = json.loads(l)
    assert {"file", "line", "text", "section", "topics"} <= set(o) <= {"file", "line", "text", "section", "topics", "note"}, i
    assert ' | ' not in o['text'], ('cell separator in text', i)
    assert lines(o['file'])[o['line'] - 1] == o['text'], ('text mismatch', i, o['file'], o['line'])
    assert 1 <= len(o['topics']) <= 3 and len(set(o['topics'])) == len(o['topics']), i
    assert all(t in VOCAB for t in o['topics']), (i, o['topics'])
    assert o['section'] is None or isinstance(o['section'], str)
    if o['section']:
        above = lines(o['file'])[:o['line'] - 1]
        assert all(c in above for c in o['section'].split(' > ')), ('section', i)
    assert (o['file'], o['line']) not in keys, ('duplicate', i); keys.add((o['file'], o['line']))
    files.add(o['file']); n += 1
assert n >= int(os.environ.get("MIN_PARAGRAPHS", "110")), n
for l in (open('headings.jsonl', encoding='utf-8') if os.path.exists('headings.jsonl') else []):
    o = json.loads(l); L = lines(o['file'])
    for k in o['headings'] + o['junk']:
        assert 1 <= k <= len(L) and L[k - 1].strip(), (o['file'], k)
    assert not set(o['headings']) & set(o['junk'])
print('OK', n, 'paragraphs from', len(files), 'files')
