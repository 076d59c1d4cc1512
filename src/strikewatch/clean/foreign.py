"""Flag text in another language than the article's (CODEBOOK section 7).

A syndicated or machine-translated page leaves foreign words inside English sentences
("at least two confirmed dead and 20 ferito", "Lunin, head of the Poltava administration,
disse: ..."). A language detector scoring whole sentences misses a single word, so the check
works word by word against curated word lists (``data/foreign_*.tsv``):

strong  not an English word: flagged on its own ("ferito", "giorni", "disse")
weak    also English ("in", "a", "come", "dice"): only counted between strong words of the
        same language ("È in giro") or in a sentence that is mostly foreign
exonym  a foreign name for a place ("Ucraina", "Moskau"): flagged even though capitalised

Names are the main trap: "Di Maio", "Corriere della Sera", "Forte dei Marmi", "Ursula von der
Leyen" hold foreign words but are English text. A capitalised word in mid-sentence is taken for
a name, and lower-case particles between two capitalised words ("della", "von der") for part
of one; both are flagged only when the words around them are foreign too. Scripts other than
the article's (Cyrillic quotes in an English report) are flagged as runs.

Only English host articles get the word-list check: the lists were cleared of English
homographs, not of Italian or French ones. Script runs are checked for every host language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from strikewatch.clean.segment import Segmentation

LANGUAGE_NAMES = {"it": "Italian", "es": "Spanish", "fr": "French", "de": "German",
                  "pt": "Portuguese"}
# Tie-break when a word belongs to several languages and the article gives no majority.
_LANG_ORDER = ("it", "es", "fr", "pt", "de")

# Non-Latin scripts as data: (language or script label, character class, host languages that
# write in it). Cyrillic tells Ukrainian from Russian by the letters only one of them uses.
SCRIPTS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("Cyrillic", "\u0400-\u04ff\u0500-\u052f\u0300-\u036f", frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})),
    ("Greek", "\u0370-\u03ff", frozenset({"el"})),
    ("Arabic", "\u0600-\u06ff", frozenset({"ar", "fa", "ur"})),
    ("Hebrew", "\u0590-\u05ff", frozenset({"he", "yi"})),
    ("Georgian", "\u10a0-\u10ff", frozenset({"ka"})),
    ("Armenian", "\u0530-\u058f", frozenset({"hy"})),
    ("CJK", "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af", frozenset({"zh", "ja", "ko"})),
)
_SCRIPT_RUNS = tuple(
    (label, re.compile(rf"[{chars}]+(?:[\s\-.,:;!?'’\"«»„“”()0-9]+[{chars}]+)*"), hosts)
    for label, chars, hosts in SCRIPTS
)
_ANY_SCRIPT = re.compile("[" + "".join(chars for _, chars, _ in SCRIPTS) + "]")
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*['’]?")
_GLUE_LEFT = frozenset("*_.@/#\\")
_GLUE_RIGHT = frozenset("*_@/\\")
# what may sit between two words of one foreign phrase
_GAP_OK = re.compile(r"[\s,'’]*")


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, dict[str, str]]        # lower-case word -> {lang: class}
    loans: tuple[tuple[str, ...], ...]      # English-at-home foreign phrases, as token tuples
    loan_first: frozenset[str]
    particles: frozenset[str]


def _data_lines(name: str) -> list[str]:
    text = resources.files("strikewatch.clean").joinpath("data", name).read_text("utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words: dict[str, dict[str, str]] = {}
    for lang in LANGUAGE_NAMES:
        for line in _data_lines(f"foreign_{lang}.tsv"):
            word, cls = line.split("\t")[:2]
            words.setdefault(word.replace("’", "'").lower(), {})[lang] = cls.strip()
    loans = tuple(tuple(_norm(t) for t in _TOKEN.findall(ln.lower())) for ln in _data_lines("english_loans.txt"))
    particles = frozenset(_norm(ln.strip().lower()) for ln in _data_lines("name_particles.txt"))
    return Lexicon(words, tuple(l for l in loans if l), frozenset(l[0] for l in loans if l), particles)


def _norm(word: str) -> str:
    return word.replace("’", "'")


@dataclass(frozen=True)
class ForeignSpan:
    start: int              # offsets into the text that was checked (the cleaned text)
    end: int
    reason: str
    lang: str


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    langs: dict[str, str]   # lang -> "strong" | "weak" | "cand"


def _initial(text: str, unit_start: int, tok_start: int) -> bool:
    """A word that opens its sentence, or a quotation inside it, is capitalised anyway."""
    before = text[unit_start:tok_start].rstrip()
    return not before or before[-1] in ":“\"‘'(«—–-"


def _classify(tokens_text: str, unit_start: int, m: re.Match[str], nxt: re.Match[str] | None,
              lex: Lexicon) -> dict[str, str]:
    w = _norm(m.group(0)).rstrip("'")
    lw = w.lower()
    text = tokens_text
    s, e = m.start(), m.end()
    # a part of a hyphenated compound ("avant-garde", "el-Sissi", "Bormes-les-Mimosas"), of a
    # handle, address or ticker ("@l.e.t._les.enfants", "VON.AS"), or a starred-out word
    left = text[s - 1] if s > 0 else " "
    right = text[e] if e < len(text) else " "
    if left in _GLUE_LEFT or right in _GLUE_RIGHT or (
            right == "." and e + 1 < len(text) and text[e + 1].isalnum()):
        return {}
    entry = lex.words.get(lw)
    if entry is None and "'" in lw:
        head, _, tail = lw.partition("'")
        entry = lex.words.get(head + "'")
        tail_word = w.partition("'")[2]
        if entry is not None and tail_word[:1].isupper():
            tail_entry = lex.words.get(tail_word.lower(), {})
            exo = {g: "strong" for g, c in tail_entry.items() if c == "exonym"}
            if exo:
                return exo                      # "dell'Ucraina"
            return {}                           # "Piazza dell'Anfiteatro": part of a name
        if entry is None:
            return {}
    if not entry:
        return {}
    cap = w[:1].isupper()
    if not cap:
        return {g: c for g, c in entry.items() if c in ("strong", "weak")}
    exo = {g: "strong" for g, c in entry.items() if c == "exonym"}
    if exo:
        return exo
    if w.isupper() and len(w) > 1:
        if len(w) < 4:
            return {}                           # an acronym: "ESO", "AI", "VON"
        return {g: c for g, c in entry.items() if c in ("strong", "weak")}
    if _initial(text, unit_start, s) and nxt is not None and nxt.group(0)[:1].islower():
        # a capitalised word opening a sentence is foreign only if the next word is too
        # ("Sembra assolutamente ..."); "Alla said" and "Lo said" open with a name
        nxt_entry = lex.words.get(_norm(nxt.group(0)).lower(), {})
        if any(g in nxt_entry for g in entry):
            return {g: c for g, c in entry.items() if c in ("strong", "weak")}
    # capitalised in mid-sentence: most likely a name; joins only a foreign run beside it
    return {g: "cand" for g, c in entry.items() if c == "strong"}


def _loan_mask(toks: list[re.Match[str]], lex: Lexicon) -> set[int]:
    masked: set[int] = set()
    lowers = [_norm(t.group(0)).lower() for t in toks]
    for i, lw in enumerate(lowers):
        if lw not in lex.loan_first:
            continue
        for loan in lex.loans:
            n = len(loan)
            if tuple(lowers[i:i + n]) == loan:
                masked.update(range(i, i + n))
    return masked


def _particle_mask(text: str, toks: list[re.Match[str]], lex: Lexicon) -> set[int]:
    """Particles that belong to a name: "Corriere della Sera", "von der Leyen", "Von der
    Leyen said": up to three particle words running straight into a capitalised word."""
    masked: set[int] = set()
    i = 0
    n = len(toks)
    while i < n:
        j = i
        while j < n and _norm(toks[j].group(0)).lower() in lex.particles and (
                j == i or toks[j].group(0)[:1].islower()):
            j += 1
        if j > i:
            if (j < n and j - i <= 3 and toks[j].group(0)[:1].isupper()
                    and all(not text[toks[k].end():toks[k + 1].start()].strip() for k in range(i, j))):
                masked.update(range(i, j))
            i = j
        else:
            i += 1
    return masked


def _best_lang(candidates: set[str], prior: dict[str, int]) -> str:
    return max(candidates, key=lambda g: (prior.get(g, 0), -_LANG_ORDER.index(g)))


def _unit_spans(text: str, us: int, ue: int, lex: Lexicon, prior: dict[str, int]
                ) -> list[tuple[int, int, str, str, int]]:
    """(start, end, lang, form, strong_count) foreign runs in one sentence."""
    toks = list(_TOKEN.finditer(text, us, ue))
    if not toks:
        return []
    loans = _loan_mask(toks, lex)
    parts = _particle_mask(text, toks, lex)
    info: list[dict[str, str]] = []
    for i, m in enumerate(toks):
        if i in loans or i in parts:
            info.append({})
            continue
        info.append(_classify(text, us, m, toks[i + 1] if i + 1 < len(toks) else None, lex))
    strong_idx = [i for i, d in enumerate(info) if "strong" in d.values()]
    if not strong_idx:
        return []

    def adjacent(a: int, b: int) -> bool:
        gap = text[toks[a].end():toks[b].start()]
        return _GAP_OK.fullmatch(gap) is not None

    runs: list[tuple[int, int, set[str]]] = []     # token index ranges [i, j] and languages
    used: set[int] = set()
    for i in strong_idx:
        if i in used:
            continue
        langs = {g for g, c in info[i].items() if c == "strong"}
        j = i
        k = i + 1
        while k < len(toks) and adjacent(k - 1, k):
            d = info[k]
            common = {g for g in langs if g in d}
            if not common:
                break
            if any(d[g] == "strong" for g in common):
                langs = {g for g in common if d[g] == "strong"}
                j = k
            k += 1
        # one capitalised candidate on either side joins the run ("Sembra assolutamente")
        if i > 0 and adjacent(i - 1, i) and any(info[i - 1].get(g) == "cand" for g in langs):
            i -= 1
        if j + 1 < len(toks) and adjacent(j, j + 1) and any(info[j + 1].get(g) == "cand" for g in langs):
            j += 1
        used.update(range(i, j + 1))
        runs.append((i, j, langs))

    words = [t for t in toks if len(t.group(0)) > 0]
    out: list[tuple[int, int, str, str, int]] = []
    # a sentence that is mostly foreign is flagged whole, names and all
    all_langs: dict[str, int] = {}
    for d in info:
        for g, c in d.items():
            all_langs[g] = all_langs.get(g, 0) + (2 if c == "strong" else 1)
    n_strong = sum(1 for d in info if "strong" in d.values())
    if all_langs and len(words) >= 2:
        g = max(all_langs, key=lambda x: (all_langs[x], prior.get(x, 0)))
        share = sum(1 for d in info if g in d) / len(words)
        strong_g = sum(1 for d in info if d.get(g) == "strong")
        if (share >= 0.6 and (strong_g >= 2 or (strong_g >= 1 and len(words) <= 3))) or (
                share >= 0.3 and strong_g >= 3):
            end = ue
            return [(us, end, g, "sentence", n_strong)]
    for i, j, langs in runs:
        g = _best_lang(langs, prior)
        strong_n = sum(1 for k in range(i, j + 1) if info[k].get(g) == "strong")
        s, e = toks[i].start(), toks[j].end()
        # a fragment closed by its own full stop takes it ("Sembra assolutamente elettrizzata.")
        if e < ue and text[e] in ".!?" and (e + 1 == ue or text[e + 1].isspace()):
            e += 1
        form = "word" if i == j else "phrase"
        out.append((s, e, g, form, strong_n))
    return out


_LOOKALIKES = frozenset("АВЕКМНОРСТХаеорсхуІіЈј")


def _lookalike(text: str, s: int, e: int, run: str) -> bool:
    glued = (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum())
    letters = [c for c in run if c.isalpha()]
    if any(c.isdigit() for c in run) or glued:
        return len(letters) <= 3 and all(c in _LOOKALIKES for c in letters)
    return False


def _script_label(label: str, run: str) -> str:
    if label != "Cyrillic":
        return f"{label}-script text"
    if _UKRAINIAN_ONLY.search(run):
        return "Cyrillic-script text (Ukrainian)"
    if _RUSSIAN_ONLY.search(run):
        return "Cyrillic-script text (Russian)"
    return "Cyrillic-script text (Russian or Ukrainian)"


_SPLIT_WORDS = re.compile(r"[a-zß-ÿ]+")


@lru_cache(maxsize=1)
def _gate_words() -> frozenset[str]:
    """Lower-case words that can start a foreign span: strong words and exonyms."""
    lex = lexicon()
    return frozenset(w for w, d in lex.words.items()
                     if "'" not in w and any(c in ("strong", "exonym") for c in d.values())
                     and re.fullmatch(r"[a-zß-ÿ]+", w))


@lru_cache(maxsize=4096)
def _word_regex(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w-])", re.I)


_ELISION_WORDS = frozenset({"l", "dell", "all", "dall", "nell", "sull", "quell", "qu", "n", "j", "jusqu",
                            "lorsqu"})
_ELISION = re.compile(r"(?<![\w-])(?:l|dell|all|dall|nell|sull|quell|qu|n|j|jusqu|lorsqu)['’][^\W\d_]", re.I)


def find_foreign(text: str, seg_of: "Segmentation | Callable[[], Segmentation]", host: str = "en",
                 words: frozenset[str] | None = None) -> list[ForeignSpan]:
    """Foreign spans of ``text``. ``seg_of`` is the text's segmentation, or a function that
    makes it: most English articles hold no candidate word and never need it."""
    out: list[ForeignSpan] = []
    scripts = () if text.isascii() or not _ANY_SCRIPT.search(text) else _SCRIPT_RUNS
    for label, rx, hosts in scripts:
        if host in hosts:
            continue
        for m in rx.finditer(text):
            run = m.group(0)
            if label == "Cyrillic" and _lookalike(text, m.start(), m.end(), run):
                # "М142", "В-52Н": Cyrillic letters typed for Latin ones, not Russian text
                s, e = m.start(), m.end()
                while s > 0 and (text[s - 1].isalnum() or text[s - 1] == "-"):
                    s -= 1
                while e < len(text) and (text[e].isalnum() or text[e] == "-"):
                    e += 1
                out.append(ForeignSpan(s, e, "Cyrillic look-alike letters in a Latin word or code "
                                       f"'{text[s:e]}'", "encoding"))
                continue
            out.append(ForeignSpan(m.start(), m.end(), _script_label(label, run), label))
    if host == "en":
        out.extend(_find_words(text, seg_of, words))
    out.sort(key=lambda s: (s.start, -s.end))
    merged: list[ForeignSpan] = []
    for s in out:
        if merged and s.start < merged[-1].end:
            continue                            # a word inside a flagged sentence or script run
        merged.append(s)
    return merged


def _find_words(text: str, seg_of: "Segmentation | Callable[[], Segmentation]",
                words: frozenset[str] | None = None) -> list[ForeignSpan]:
    lex = lexicon()
    # cheap pass in C: which candidate words occur at all, in any case (``words`` may be a
    # superset, e.g. the words of the raw text when checking the cleaned text)
    if words is None:
        words = frozenset(_SPLIT_WORDS.findall(text.lower()))
    found = _gate_words().intersection(words)
    elided = not _ELISION_WORDS.isdisjoint(words) and _ELISION.search(text) is not None
    if not found and not elided:
        return []
    positions: list[tuple[int, int]] = []
    for w in found:
        for m in _word_regex(w).finditer(text):
            positions.append((m.start(), m.end()))
    if elided:
        positions.extend((m.start(), m.end()) for m in _ELISION.finditer(text))
    # keep occurrences that can count as foreign where they stand: lower case, an exonym,
    # or a capitalised word that opens its sentence
    prior: dict[str, int] = {}
    live: list[int] = []
    for s, e in positions:
        w = text[s:e]
        entry = lex.words.get(_norm(w).lower()) or {}
        if w[:1].islower():
            strong = [g for g, c in entry.items() if c == "strong"]
            if len(strong) == 1:
                prior[strong[0]] = prior.get(strong[0], 0) + 1
            live.append(s)
        elif any(c == "exonym" for c in entry.values()) or _initial_anywhere(text, s) or "'" in w or "’" in w:
            live.append(s)
    if not live:
        return []
    seg = seg_of if isinstance(seg_of, Segmentation) else seg_of()
    hot_units = sorted({seg.unit_at(s) for s in live})
    spans: list[ForeignSpan] = []
    for ui in hot_units:
        u = seg.units[ui]
        for s, e, g, form, _n in _unit_spans(text, u.start, u.end, lex, prior):
            name = LANGUAGE_NAMES[g]
            snippet = text[s:e]
            if form == "sentence":
                reason = f"{name} sentence"
            else:
                reason = f"{name} {form} '{snippet}'"
            spans.append(ForeignSpan(s, e, reason, g))
    return spans


def _initial_anywhere(text: str, pos: int) -> bool:
    """A capitalised word after a sentence end, a line break or an opening quote."""
    before = text[max(0, pos - 3):pos].rstrip(" \t\xa0")
    return not before or before[-1] in ".!?:\n“\"‘'(«—–-"
