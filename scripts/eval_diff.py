"""For each article: missed gold events (with their quote) and spurious predictions (with
the sentence that produced them), and wrong fields. For developing rules.

    python scripts/eval_diff.py ARTICLES.jsonl GOLD.jsonl [ID ...]
"""

from __future__ import annotations

import sys

from strikewatch import evaluate, pipeline
from strikewatch.model import IngestError


def main(argv: list[str]) -> None:
    arts, gold_path, wanted = argv[0], argv[1], set(argv[2:])
    gold = evaluate.load_jsonl(gold_path)
    for item in pipeline.process(pipeline.read([arts])):
        if isinstance(item, IngestError) or (wanted and item.article.id not in wanted):
            continue
        pred = item.extraction.to_dict()
        g = gold.get(item.article.id, {"events": []})
        pairs = evaluate.match_events(g["events"], pred["events"])
        mg = {a for a, _ in pairs}
        mp = {b for _, b in pairs}
        lines = []
        for i, e in enumerate(g["events"]):
            if i not in mg:
                lines.append(f"  MISSED {evaluate._label(e)} att={e.get('attacker')} K={e.get('killed')} :: {e.get('quote', '')[:220]}")
        for i, e in enumerate(pred["events"]):
            if i not in mp:
                ev = (e["evidence"].get("location") or e["evidence"].get("admin1") or [{}])[0]
                lines.append(f"  SPURIOUS {evaluate._label(e)} :: {ev.get('rule','')} :: {ev.get('text', '')[:220]}")
        for gi, pi in pairs:
            ge, pe = g["events"][gi], pred["events"][pi]
            for name in evaluate.EXACT_FIELDS:
                present, gv = evaluate._field(ge, name)
                pv = evaluate._field(pe, name)[1]
                if present and gv != pv:
                    spans = pe["evidence"].get(name.split(".")[0]) or []
                    why = spans[0]["rule"] if spans else ""
                    lines.append(f"  WRONG {evaluate._label(ge)} {name}: gold={gv!r} pred={pv!r} ({why[:120]}) :: {ge.get('quote','')[:150]}")
        if lines:
            print(f"{item.article.id} (P {item.document.published})")
            print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
