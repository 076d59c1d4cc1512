"""Scoring extraction against gold annotations, as CODEBOOK section 9 defines it.

Per article, predicted events are matched one-to-one to gold events: same ``country``,
same ``location`` (case and accents folded; when the gold location is null, same
``admin1``), and the same ``date`` where the gold ``date_precision`` is ``day``. Then event
precision/recall/F1 over all articles, per-field exact-match shares on matched pairs, set
F1 for the list fields, and wave launched/intercepted per class.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

EXACT_FIELDS = ("date", "admin1", "attacker", "killed.min", "killed.max", "injured.min",
                "injured.max", "double_tap")
SET_FIELDS = ("attack_types", "weapons", "targets")


def fold(value: Any) -> str:
    text = unicodedata.normalize("NFKD", str(value or ""))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _field(event: dict[str, Any], name: str) -> tuple[bool, Any]:
    """(present, value) of a dotted field; a present null count gives null parts."""
    if "." in name:
        head, part = name.split(".")
        if head not in event:
            return False, None
        value = event[head]
        return True, (value or {}).get(part) if isinstance(value, dict) or value is None else None
    if name not in event:
        return False, None
    return True, event[name]


def matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if (gold.get("country") or "") != (pred.get("country") or ""):
        return False
    if gold.get("location"):
        if fold(gold["location"]) != fold(pred.get("location")):
            return False
    elif fold(gold.get("admin1")) != fold(pred.get("admin1")):
        return False
    if gold.get("date_precision") == "day" and gold.get("date") != pred.get("date"):
        return False
    return True


def _agreement(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    score = 0
    for name in EXACT_FIELDS:
        present, g = _field(gold, name)
        if present and _field(pred, name)[1] == g:
            score += 1
    if not gold.get("location") and not pred.get("location"):
        score += 1
    return score


def match_events(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths), preferring closer pairs."""
    options = {gi: sorted((pi for pi, p in enumerate(pred) if matches(g, p)),
                          key=lambda pi: -_agreement(g, pred[pi]))
               for gi, g in enumerate(gold)}
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in options[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


def set_f1(gold: Iterable[str], pred: Iterable[str]) -> float:
    g, p = set(gold or []), set(pred or [])
    if not g and not p:
        return 1.0
    tp = len(g & p)
    if tp == 0:
        return 0.0
    precision, recall = tp / len(p), tp / len(g)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)      # name -> [right, scored]
    sets: dict[str, list[float]] = field(default_factory=dict)      # name -> per-pair F1s
    waves: dict[str, list[int]] = field(default_factory=dict)       # launched/intercepted
    articles: list[dict[str, Any]] = field(default_factory=list)
    empty_gold_with_events: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                       "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                       "f1": round(self.f1, 4)},
            "fields": {k: {"right": v[0], "scored": v[1],
                           "share": round(v[0] / v[1], 4) if v[1] else None}
                       for k, v in self.fields.items()},
            "sets": {k: {"pairs": len(v), "f1": round(sum(v) / len(v), 4) if v else None}
                     for k, v in self.sets.items()},
            "waves": {k: {"right": v[0], "scored": v[1],
                          "share": round(v[0] / v[1], 4) if v[1] else None}
                      for k, v in self.waves.items()},
            "articles_with_empty_gold_and_events": self.empty_gold_with_events,
            "articles": self.articles,
        }


def score_article(score: Score, article_id: str, gold: dict[str, Any],
                  predicted: dict[str, Any]) -> None:
    gold_events = gold.get("events") or []
    pred_events = predicted.get("events") or []
    pairs = match_events(gold_events, pred_events)
    score.tp += len(pairs)
    score.fp += len(pred_events) - len(pairs)
    score.fn += len(gold_events) - len(pairs)
    if not gold_events and pred_events:
        score.empty_gold_with_events.append(article_id)
    wrong: list[str] = []
    for gi, pi in pairs:
        g, p = gold_events[gi], pred_events[pi]
        for name in EXACT_FIELDS:
            present, gv = _field(g, name)
            if not present:
                continue
            right = _field(p, name)[1] == gv
            slot = score.fields.setdefault(name, [0, 0])
            slot[0] += right
            slot[1] += 1
            if not right:
                wrong.append(f"{g.get('location') or g.get('admin1')}: {name} "
                             f"gold={gv!r} pred={_field(p, name)[1]!r}")
        for name in SET_FIELDS:
            if g.get(name):
                score.sets.setdefault(name, []).append(set_f1(g[name], p.get(name)))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    _score_waves(score, gold.get("waves") or [], predicted.get("waves") or [])
    score.articles.append({
        "id": article_id,
        "missed": [_label(e) for i, e in enumerate(gold_events) if i not in matched_gold],
        "spurious": [_label(e) for i, e in enumerate(pred_events) if i not in matched_pred],
        "wrong_fields": wrong,
    })


def _score_waves(score: Score, gold_waves: list[dict], pred_waves: list[dict]) -> None:
    for gw in gold_waves:
        pw = next((w for w in pred_waves if w.get("date") == gw.get("date")), {})
        for kind in ("launched", "intercepted"):
            for cls, n in (gw.get(kind) or {}).items():
                slot = score.waves.setdefault(f"{kind}.{cls}", [0, 0])
                slot[0] += (pw.get(kind) or {}).get(cls) == n
                slot[1] += 1


def _label(event: dict[str, Any]) -> str:
    place = event.get("location") or event.get("admin1") or "?"
    return f"{event.get('date')} ({event.get('date_precision')}) {event.get('country')} {place}"


def load_jsonl(path: str) -> dict[str, dict[str, Any]]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                out[obj["id"]] = obj
    return out


def evaluate(predictions: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]]) -> Score:
    score = Score()
    for article_id in sorted(gold):
        score_article(score, article_id, gold[article_id],
                      predictions.get(article_id, {"events": [], "waves": []}))
    return score
