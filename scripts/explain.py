"""Print, per sentence, what extraction saw and decided: places with roles, dates,
casualty figures, cues, flags and the classification. For developing rules.

    python scripts/explain.py ARTICLES.jsonl [ID ...]
"""

from __future__ import annotations

import sys

from strikewatch import ingest
from strikewatch.clean import clean
from strikewatch.extract import extract, sentence_facts
from strikewatch.extract.dates import parse_published
from strikewatch.extract.events import classify
from strikewatch.extract.sentences import split_sentences
from strikewatch.gazetteer import default_gazetteer


def main(argv: list[str]) -> None:
    path, wanted = argv[0], set(argv[1:])
    gaz = default_gazetteer()
    for art in ingest.read([path]):
        if not hasattr(art, "text") or (wanted and art.id not in wanted):
            continue
        doc = clean(art)
        facts = sentence_facts(doc, split_sentences(doc.text), parse_published(doc.published), gaz)
        print(f"=== {art.id} published {doc.published}")
        for f in facts:
            kind = classify(f)
            mark = {"attack": "A", "casualty": "C", "skip": " "}[kind]
            print(f"[{f.index:2}{mark}] {f.sentence.text[:300]}")
            bits = []
            if f.places:
                bits.append("places: " + ", ".join(f"{p.text}->{p.place.name}/{p.place.admin1}({p.role})" for p in f.places))
            if f.dates:
                bits.append("dates: " + ", ".join(f"{d.text!r}->{d.date}/{d.precision}/{d.kind}" for d in f.dates))
            if f.casualties:
                bits.append("cas: " + ", ".join(f"{m.kind}{m.count.min},{m.count.max}{'B' if m.breakdown else ''}{'T' if m.toll_update else ''}" for m in f.casualties))
            if f.attackers:
                bits.append("side: " + ",".join(c.value for c, _ in f.attackers))
            if f.flags:
                bits.append("flags: " + ",".join(sorted(f.flags)))
            if bits:
                print("       " + " | ".join(bits))
        ext = extract(doc)
        for e in ext.events:
            print(f"  EVENT {e.date}/{e.date_precision} {e.country} {e.admin1} | {e.location} | {e.attacker} {e.attribution} types={e.attack_types} w={e.weapons} t={e.targets} K={e.killed} I={e.injured}")
        for w in ext.waves:
            print(f"  WAVE {w.date} {w.attacker}->{w.target_country} L={w.launched} I={w.intercepted}")


if __name__ == "__main__":
    main(sys.argv[1:])
