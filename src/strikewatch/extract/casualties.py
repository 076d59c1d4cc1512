"""Casualty phrases in one sentence: "At least 14 people were killed and 24 were injured".

``find_casualties(sentence, foreign=())`` returns one ``CasualtyMention`` per figure the
sentence states, each with the span of its whole phrase so that the extractor can link it
to the place and day nearest to it. CODEBOOK section 4 (and the section 10 paragraph on
casualty phrasing) is the contract.

Kinds, and how the extractor should read them:

- ``killed``, ``injured``: the figure for that field.
- ``killed_unconfirmed``: "feared dead", "believed killed", "may have died"; never killed.
- ``children_killed``: "including five children" under a killed figure. Always
  ``breakdown=True``: the children are part of the total, not added to it.
- zero: "no casualties were reported" is *two* mentions, ``killed`` and ``injured``, each
  ``Count(0, 0)``; "no reports of injuries" is one ``injured`` mention, "nobody was
  killed" one ``killed`` mention. A zero is a figure like any other, so it needs no kind
  of its own; ``rule`` starts with ``zero`` and ``CasualtyMention.is_zero`` says so.

Flags:

- ``breakdown``: part of a figure stated elsewhere ("killed 11 civilians - eight in
  Donetsk, two in ..."; "a paramedic and a rescue worker were killed" after "20 killed").
  Never add it to a total; use it only when the event has no figure that is not a
  breakdown. People named one by one ("a paramedic and a rescue worker") are always a
  breakdown; a single named person is one only when the sentence states another figure
  of the same kind.
- ``toll_update``: a running toll ("the death toll rose to 30"): the latest figure.
- ``confirmed``: False when the wording hedges ("reportedly", "preliminary",
  "unconfirmed") or the kind is ``killed_unconfirmed``. "Reportedly killed" is still
  ``killed``: it is a death reported by a source, which is what ACLED and UCDP code; the
  codebook reserves ``killed_unconfirmed`` for the "feared/believed/may have" wording.
- ``foreign``: the casualty word is in another language ("20 ferito") or inside a span the
  cleaner flagged as foreign (CODEBOOK section 7: read it, but say so).

What is not a casualty figure: "50 casualties" (neither killed nor injured), "casualties
unknown", "an unknown number of dead", "1,625 were left without power", "19 people
trapped ... were rescued", "evacuated 200", "detained 5", "missing" (not "feared dead").

How it works: the quantities of the sentence (``numbers.find_quantities``) are masked in
a copy of the sentence with a private-use character of the same length, so that every
rule below is one regular expression over words and ``Q`` placeholders, compiled at
import time, and offsets stay those of the sentence. Rules are tried in order; the first
rule that claims a quantity wins it. A keyword pre-check returns at once for the many
sentences with no casualty word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..model import Count
from . import casualty_rules as R
from .numbers import Quantity, apply_qualifier, find_quantities

__all__ = ["CasualtyMention", "find_casualties", "KINDS", "DEFINITE_SUFFIX"]

KINDS = ("killed", "injured", "killed_unconfirmed", "children_killed")


@dataclass(frozen=True)
class CasualtyMention:
    kind: str                   # killed | injured | killed_unconfirmed | children_killed
    count: Count
    start: int                  # span of the whole phrase in the sentence
    end: int
    rule: str                   # the phrase shape that matched
    subject: str | None = None  # the noun counted: "people", "civilians", "mercenaries"
    foreign: bool = False
    toll_update: bool = False
    confirmed: bool = True
    breakdown: bool = False
    war_total: bool = False     # a total for the whole war: never an event's toll

    @property
    def is_zero(self) -> bool:
        return self.count.min == 0 and self.count.max == 0


# --- building blocks ----------------------------------------------------------------------

MASK = "\ue000"


def _alt(words) -> str:
    """A regex alternation of phrases, longest first, any whitespace between words."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(r"\s+".join(re.escape(part) for part in w.split()))
    return "(?:" + "|".join(out) + ")"


def _opens(*groups) -> str:
    """A cheap look-ahead on the first letter of any phrase in ``groups``: a rule that is
    tried at every position of a sentence fails at once where no phrase can start."""
    letters = {w[0].lower() for g in groups for w in g} | {w[0].upper() for g in groups for w in g}
    return "(?=[" + "".join(sorted(re.escape(c) for c in letters)) + "])"


_Q = rf"(?P<q>{MASK}+)"
_QUOTE_OPEN = r"[“\"‘']?"
_QUOTE_CLOSE = r"[”\"’']?"
_UPPER = "A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ"
# capitalised words ("Ukrainian", "Polish") stay capitalised even in case-blind rules
_MOD = (rf"(?:{_QUOTE_OPEN}(?:{_alt(R.MODIFIERS)}|(?-i:[{_UPPER}][\w’'-]*)|\w+-year-old|\w+-strong|"
        rf"\w+-aged){_QUOTE_CLOSE}\s+)")
_NOUN = rf"{_QUOTE_OPEN}(?:{_alt(R.PERSON_NOUNS + R.PERSON_SINGULAR)}){_QUOTE_CLOSE}(?![\w-])"
# any plural noun, for rules that also need an auxiliary ("Six border guarders were killed")
_PLURAL_NOUN = rf"{_QUOTE_OPEN}(?!{_alt(R.NOT_PEOPLE_NOUNS)}\b)[a-z][\w-]*[a-z]s{_QUOTE_CLOSE}(?![\w-])"
_COMBATANT = rf"{_QUOTE_OPEN}(?:{_alt(R.COMBATANT_NOUNS)}){_QUOTE_CLOSE}(?![\w-])"
_OF_DET = r"(?:of\s+(?:them|whom|those|these|the|its|their|his|her|our|which)\s+)"
# the counted noun after a quantity: "14 civilians", "dozens of people", "two of its
# soldiers", "75 more", "three others", "four of them"
_SUBJ_BODY = (rf"{_OF_DET}?{_MOD}{{0,3}}{_NOUN}|of\s+{_MOD}{{0,3}}{_NOUN}|"
              rf"of\s+(?:them|whom|those|these)\b|of\s+the\s+(?:injured|wounded|dead)\b|"
              rf"more(?!\s+than)\b")
_SUBJ = rf"(?:{_QUOTE_CLOSE}\s+(?P<subj>{_SUBJ_BODY}))?"
_SUBJ_PLURAL = rf"{_QUOTE_CLOSE}\s+(?P<subj>{_OF_DET}?{_MOD}{{0,3}}{_PLURAL_NOUN}|of\s+{_MOD}{{0,3}}{_PLURAL_NOUN})"
_SUBJ_COMBATANT = (rf"{_QUOTE_CLOSE}\s+(?P<subj>{_OF_DET}?{_MOD}{{0,3}}{_COMBATANT}|"
                   rf"of\s+{_MOD}{{0,3}}{_COMBATANT})")

# Words a gap may not cross: the verbs a rule looks for, and words that open a new
# clause with its own subject ("... where she sustained injuries").
_CUE_WORDS = _alt(
    R.AUXILIARIES + R.GAP_STOPWORDS + ("killed", "dead", "died", "injured", "wounded", "hurt",
                                        "hospitalised", "hospitalized", "perished")
)
# One word of a gap between the counted noun and its verb: not a verb we need, not
# another number (masked), not the end of a clause.
_GAP_TOKEN = rf"(?!{_CUE_WORDS}\b)[^\s{MASK}.;:!?,()–—\"“”]++"
_GAP_LEAD = _alt((
    "in", "at", "on", "near", "from", "of", "inside", "outside", "across", "around",
    "along", "aboard", "under", "during", "after", "before", "including", "among", "mostly",
    "mainly", "most", "many", "all", "both", "born", "aged",
    "based", "trapped", "caught", "hit", "buried", "by", "with", "within", "between",
    "over", "throughout", "close", "nearby",
)) + (r"\b|\w+ing\b"
      # a past participle opens a gap only before a preposition ("fighters housed at the
      # complex"); before an object it is a verb ("learned his loved ones had died")
      r"|\w+ed\s+(?:in|at|on|near|under|inside|by|from|to|with|during|along|across|around|"
      r"outside|into|onto|near)\b")
# A gap between the counted noun and its verb is a parenthetical between commas, dashes
# or brackets ("At least 20 people, including a paramedic, have been killed"), which must
# close (a comma is left for the next part to open with), or a phrase that opens with a
# preposition or a participle ("Three people in Sumy were killed").
_GAP_UNIT = (rf"(?:\s*[,(–—]\s*{_GAP_TOKEN}(?:\s+{_GAP_TOKEN}){{0,11}}?(?:[)–—]|(?=\s*,))"
             rf"|\s*,?\s+(?={_GAP_LEAD}){_GAP_TOKEN}(?:\s+{_GAP_TOKEN}){{0,8}}?)")
# a parenthetical that names part of the figure may hold numbers: ", among them two children,"
_GAP_PART = (r"\s*[,(–—]\s*(?:including|among\s+them|among\s+whom|of\s+(?:them|whom)|mostly|mainly|"
             r"(?:most|many|some|all|several|both)\s+of\s+(?:them|whom))\s+[^,;:.!?()–—]{1,60}?"
             r"(?:[)–—]|(?=\s*,))")
# a relative clause on the counted noun itself ("12 children, who in most cases were
# killed") comes alone: after another part of a gap "who" belongs to another noun
_GAP_REL = rf"\s*,?\s+(?:who|that)(?:\s+{_GAP_TOKEN}){{0,8}}?"
_GAP = rf"(?:{_GAP_REL}|(?:{_GAP_PART}|{_GAP_UNIT}){{0,2}}?)"
_AUX = (rf"(?:\s*,?\s+(?P<aux>{_alt(R.AUXILIARIES)})\b)?(?:\s+(?:{_alt(R.ADVERBS)})\b){{0,2}}"
        rf"\s*,?")
_AUX_PLAIN = _AUX.replace("(?P<aux>", "(?:")
_AUX_REQUIRED = (rf"\s*,?\s+(?P<aux2>{_alt(R.AUXILIARIES)})\b(?:\s+(?:{_alt(R.ADVERBS)})\b){{0,2}}"
                 rf"\s*,?")
# after a passive verb, a following quantity means the verb was active ("20 soldiers
# killed two civilians"): refuse the passive reading.
_NOT_ACTIVE = (rf"(?!\s+(?:another\s+|a\s+further\s+|some\s+|all\s+)?{_QUOTE_OPEN}{MASK})"
               rf"(?!\s+(?:or|and|and/or)\s+{_alt(R.COMBINED_WITH)}\b)")
# nor a participle used as an adjective ("his wounded mother", "500 wounded soldiers")
_NOT_ATTRIBUTIVE = rf"(?!\s+(?:{_MOD}){{0,2}}{_NOUN})"

_ACTIVE_GAP = (rf"(?:\s+(?:also|a\s+further|another|a\s+total\s+of|some|an\s+additional|only|just|"
               rf"all|at\s+least\s+another))?\s+{_QUOTE_OPEN}")
_NOT_AFTER_AUX = r"(?<!were\s)(?<!was\s)(?<!been\s)(?<!are\s)(?<! is\s)(?<!being\s)"

_PERSON_SG = _alt(R.PERSON_SINGULAR)
_NAME_WORD = rf"(?=[{_UPPER}])(?!{_alt(R.NOT_NAME_WORDS)}\b)[{_UPPER}][\w’'-]+"
_NAME = rf"(?-i:(?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD})"
# one person: "a 66-year-old civilian", "his daughter Darya", "Bogdan Ciupek, 60", "the driver"
# (one person the article singles out counts 1 where no figure is given for them)
_AGE = r"(?:\s*,\s*\d{1,3}(?=\s*,))?"
_ITEM = (rf"(?:(?i:\b(?:a|an|the|his|her|their|its)\s+(?:{_MOD}){{0,3}}{_PERSON_SG})(?![\w-])"
         rf"(?-i:(?:\s+{_NAME_WORD}){{0,2}}){_AGE}"
         rf"|{_NAME}{_AGE})")
# "A, B and C": commas enumerate only in a list closed by "and"; otherwise a comma
# opens an apposition ("her son Andriy, a Ukrainian serviceman, ...")
_ITEMS = rf"(?=[aAhHtTiI{_UPPER}])(?P<items>{_ITEM}(?:(?:\s*,\s*{_ITEM})*\s*,?\s+and\s+{_ITEM})?)"
_ITEM_RE = re.compile(_ITEM)
# the rule of a single person named with "the" ("the driver was killed") ends with this
DEFINITE_SUFFIX = "+the"
_DEFINITE_RE = re.compile(r"the\s", re.I)


# rules whose figure is the subject of its verb, so a person coordinated before it
# ("a man and two women were killed") shares that verb
_COORDINATED_RULES = ("passive_killed", "passive_injured", "passive_unconfirmed")
_COORDINATED_BEFORE_RE = re.compile(
    rf"(?:^|(?<=[,;:(\u2013\u2014]\s)|(?<=said\s)|(?<=says\s)|(?<=that\s)|(?<=when\s)"
    rf"|(?<=while\s)|(?<=after\s)|(?<=as\s)|(?<=reported\s))"
    rf"(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*)\s*,?\s+and\s+"
    rf"(?:(?i:his|her|their|its)\s+)?{_QUOTE_OPEN}$")
_CLAUSE_START = (r"(?:^|(?<=[,;:(\u2013\u2014]\s)|(?<=said\s)|(?<=says\s)|(?<=that\s)"
                 r"|(?<=when\s)|(?<=while\s)|(?<=after\s)|(?<=as\s)|(?<=reported\s))")
_FIGURE_BEFORE_RE = re.compile(
    rf"{_CLAUSE_START}{_Q}{_QUOTE_CLOSE}\s+(?P<subj>{_SUBJ_BODY})\s*,?\s+and\s+$", re.I)
_FIGURE_AFTER_RE = re.compile(
    rf"\s*,?\s+and\s+(?:(?:his|her|their|its)\s+)?{_QUOTE_OPEN}{_Q}{_QUOTE_CLOSE}"
    rf"\s+(?P<subj>{_SUBJ_BODY})", re.I)


@dataclass(frozen=True)
class _Rule:
    name: str
    kind: str                   # killed | injured | killed_unconfirmed
    pattern: re.Pattern[str]
    needles: tuple[str, ...]    # one of these (lower case) must be in the sentence
    anchored: bool              # the pattern opens on the quantity: match it there only
    toll_update: bool = False
    individuals: bool = False   # counts named people ("a paramedic and a rescue worker")


_KILLED_NEEDLES = ("kill", "dead", "died", "die ", "dies ", "dying", "perish", "slain",
                   "lost their", "lost his", "lost her", "fatally", "mortally", "death",
                   "succumbed")
_INJURED_NEEDLES = ("injur", "wound", "hurt", "hospital", "medical")
# Which words a rule needs, so that a sentence without them skips the rule unread.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "toll": ("toll", "number of", "body count", "tally", "fatality count"),
    "toll_injured": ("number of", "injury toll"),
    "toll_causative": ("toll", "number of", "body count", "tally", "fatality count"),
    "toll_of": ("toll", "number of", "body count", "tally", "fatality count"),
    "left_unconfirmed": ("feared", "presumed"),
    "left_dead": ("left", "leav"),
    "left_injured": ("left", "leav"),
    "active_killed": ("kill", "lives of"),
    "active_combatants": ("took out", "taking out", "takes out", "take out", "eliminat",
                          "destroy", "neutrali", "wiped out", "wiping out", "annihilat",
                          "liquidat"),
    "active_injured": ("injur", "wound", "hurt"),
    "lives": ("lives",),
    "lives_lost": ("lives",),
    "loss_of_lives": ("lives",),
    "deaths_of": ("death",),
    "bodies_of": ("bodies",),
    "bodies": ("bodies",),
    "passive_unconfirmed": ("feared", "believed", "presumed", "thought to", "may have",
                            "might have", "likely dead", "likely killed", "probably dead",
                            "probably killed", "possibly dead", "possibly killed"),
    "passive_killed": _KILLED_NEEDLES,
    "passive_injured": _INJURED_NEEDLES,
    "passive_combatants": ("eliminat", "destroy", "neutrali", "wiped out", "taken out",
                           "liquidat", "annihilat"),
    "noun_killed": ("death", "fatalit", "dead"),
    "passive_killed_any_noun": _KILLED_NEEDLES,
    "passive_injured_any_noun": _INJURED_NEEDLES,
    "noun_injured": ("injur", "wounded"),
    "resumptive": ("they were killed", "they had been killed", "they have been killed",
                   "they were slain"),
    "foreign_killed": tuple(w.lower() for w in R.FOREIGN_KILLED),
    "foreign_injured": tuple(w.lower() for w in R.FOREIGN_INJURED),
    "one_life": ("life of",),
    "individuals_killed": _KILLED_NEEDLES,
    "individuals_injured": _INJURED_NEEDLES,
    "individuals_active_killed": ("kill", "lives of"),
    "individuals_active_injured": ("injur", "wound", "hurt"),
    "individuals_left_injured": ("left", "leav"),
    "individuals_left_dead": ("left", "leav"),
    "individuals_slaying": ("killing of", "slaying", "murder"),
}


def _rule(name: str, kind: str, pattern: str, **kw) -> _Rule:
    # rules that read names are compiled case-sensitive and scope (?i:) themselves
    flags = 0 if kw.get("individuals") else re.I
    return _Rule(name, kind, re.compile(pattern, flags), _NEEDLES[name],
                 pattern.startswith("(?P<q>"), **kw)


_UNCONF = _alt(R.UNCONFIRMED_PARTICIPLES)
_KILLED = rf"(?<!\bthe\s){_alt(R.KILLED_PARTICIPLES)}"


def _finite(words) -> list[str]:
    return [w for w in words if w.split()[0] in R.FINITE_VERB_HEADS]


def _predicate(words, bare_participle: bool = True, drop: tuple[str, ...] = ()) -> str:
    """The verb after a counted noun. A finite verb may follow a gap ("Twelve people,
    among them two children, died"); a participle needs an auxiliary once a gap stands
    between it and the noun, or it is a reduced relative on another noun ("the daughter of
    a thinker killed in ..."). "the dead" is a noun, not a predicate."""
    words = [w for w in words if w not in drop]
    finite = rf"(?<!\bthe\s){_alt(_finite(words))}"
    participle = rf"(?<!\bthe\s){_alt(w for w in words if w not in _finite(words))}"
    bare = rf"|{_AUX_PLAIN}\s+{participle}" if bare_participle else ""
    return (rf"(?:{_GAP}(?:{_AUX_REQUIRED}\s+{participle}|{_AUX}\s+{finite}){bare})"
            rf"\b{_NOT_ACTIVE}{_NOT_ATTRIBUTIVE}")


# "hurt" a person is as often figurative ("sanctions would hurt President Putin")
_INJURE_ONE = tuple(w for w in R.INJURED_ACTIVE if not w.startswith("hurt"))
_KILLED_PREDICATE = _predicate(R.KILLED_PARTICIPLES)
_INJURED_PREDICATE = _predicate(R.INJURED_PARTICIPLES)
# A named person needs a verb, not a bare participle ("the widow of a soldier killed
# during the war"); and bare "die" is too often a name ("Die Welt") after capitals.
_KILLED_PREDICATE_IND = _predicate(R.KILLED_PARTICIPLES, bare_participle=False, drop=("die", "dies"))
_INJURED_PREDICATE_IND = _predicate(R.INJURED_PARTICIPLES, bare_participle=False)
_INJURED = _alt(R.INJURED_PARTICIPLES)
_FOREIGN_KILLED = _alt(R.FOREIGN_KILLED)
_FOREIGN_INJURED = _alt(R.FOREIGN_INJURED)
# the toll noun and its verb can sit apart: "the death toll from a Russian missile strike on an
# apartment block in the central city of Dnipro has risen to 14"
_TOLL_GAP = rf"(?:\s+(?!(?:could|may|might|would|will|expected|likely|feared|set)\b)[^\s{MASK}.;:!?]++){{0,18}}?"
_TOLL_VERB = (rf"(?:(?:has|had|have)\s+)?(?:(?:now|since|again|further|already)\s+)?"
              rf"(?P<tverb>{_alt(R.TOLL_VERBS)})(?:\s+(?:sharply|further|again|now|rapidly|"
              rf"overnight|today|later|on\s+\w+day|by\s+\w+(?:\s+(?:morning|evening))?))?"
              rf"(?:\s+(?:at|to))?")
_TOLL_FROM = rf"(?:\s+from\s+{MASK}+(?:\s+\w+)?\s+to)?"

# "left more than 180 people in the region dead", "left thousands of mostly poor suspects dead"
_LEFT_GAP = rf"(?:\s+(?:of|in|at|from|across|mostly|mainly)\b(?:\s+{_GAP_TOKEN}){{0,5}}?)?"

# The rules, in order: the first to claim a quantity keeps it. Each is a phrase shape.
RULES: tuple[_Rule, ...] = (
    # running tolls
    _rule("toll", "killed",
          rf"\b(?:the\s+|a\s+|its\s+|their\s+)?(?:overall\s+|total\s+|official\s+)?{_alt(R.KILLED_TOLL_NOUNS)}"
          rf"{_TOLL_GAP}\s+{_TOLL_VERB}{_TOLL_FROM}\s+{_Q}", toll_update=True),
    _rule("toll_injured", "injured",
          rf"\b(?:the\s+)?{_alt(R.INJURED_TOLL_NOUNS)}{_TOLL_GAP}\s+{_TOLL_VERB}{_TOLL_FROM}\s+{_Q}",
          toll_update=True),
    _rule("toll_causative", "killed",
          rf"\b{_alt(R.TOLL_CAUSATIVE)}\s+(?:the\s+)?(?:overall\s+|total\s+)?"
          rf"{_alt(R.KILLED_TOLL_NOUNS)}(?:\s+\w+){{0,4}}?\s+to\s+{_Q}", toll_update=True),
    _rule("toll_of", "killed",
          rf"\b{_alt(R.KILLED_TOLL_NOUNS)}\s+(?:of|at)\s+{_Q}", toll_update=True),
    # "left 14 dead", "leaving nine people dead", "left dozens feared dead"
    _rule("left_unconfirmed", "killed_unconfirmed",
          rf"\b{_alt(R.LEAVING_VERBS)}\s+{_QUOTE_OPEN}{_Q}{_SUBJ}\s+{_alt(R.LEFT_UNCONFIRMED)}\b"),
    _rule("left_dead", "killed",
          rf"\b{_alt(R.LEAVING_VERBS)}\s+{_QUOTE_OPEN}{_Q}{_SUBJ}{_LEFT_GAP}\s+{_alt(R.LEFT_KILLED)}\b"),
    _rule("left_injured", "injured",
          rf"\b{_alt(R.LEAVING_VERBS)}\s+{_QUOTE_OPEN}{_Q}{_SUBJ}{_LEFT_GAP}\s+(?:\w+ly\s+)?"
          rf"{_alt(R.LEFT_INJURED)}\b"),
    # active verbs: "killing 14", "claimed the lives of 53 people", "wounding 9"
    _rule("active_killed", "killed",
          rf"\b{_opens(R.KILLED_ACTIVE)}{_NOT_AFTER_AUX}{_alt(R.KILLED_ACTIVE)}{_ACTIVE_GAP}{_Q}{_SUBJ}"),
    _rule("active_combatants", "killed",
          rf"\b{_opens(R.COMBATANT_ACTIVE)}{_alt(R.COMBATANT_ACTIVE)}{_ACTIVE_GAP}{_Q}{_SUBJ_COMBATANT}"),
    _rule("active_injured", "injured",
          rf"\b{_opens(R.INJURED_ACTIVE)}{_NOT_AFTER_AUX}{_alt(R.INJURED_ACTIVE)}{_ACTIVE_GAP}{_Q}{_SUBJ}"),
    _rule("lives", "killed",
          rf"\b{_alt(R.LIVES_VERBS)}\s+(?:the\s+)?{_QUOTE_OPEN}{_Q}(?:\s+(?:of\s+)?(?:{_MOD}){{0,2}})?\s*lives\b"),
    _rule("lives_lost", "killed",
          rf"{_Q}(?:\s+(?:{_MOD}){{0,2}})?\s+lives\s+(?:(?:were|have\s+been|had\s+been|was)\s+)?lost\b"),
    _rule("loss_of_lives", "killed", rf"\bloss\s+of\s+{_Q}\s+lives\b"),
    # "the deaths of 14 people", "bodies of 14 people were recovered", "three deaths"
    _rule("deaths_of", "killed", rf"\bdeaths?\s+of\s+{_Q}{_SUBJ}"),
    _rule("bodies_of", "killed", rf"\bbodies\s+of\s+{_Q}{_SUBJ}"),
    _rule("bodies", "killed", rf"{_Q}(?:\s+(?:{_MOD}){{0,2}}|\s+of\s+(?:{_MOD}){{0,2}})?\s*bodies\b"),
    # passive and intransitive: "14 people were killed", "three people died"
    _rule("passive_unconfirmed", "killed_unconfirmed",
          rf"{_Q}{_SUBJ}{_GAP}{_AUX}\s+{_UNCONF}\b"),
    _rule("passive_killed", "killed",
          rf"{_Q}{_SUBJ}{_KILLED_PREDICATE}"),
    _rule("passive_injured", "injured",
          rf"{_Q}{_SUBJ}{_INJURED_PREDICATE}"),
    _rule("passive_combatants", "killed",
          rf"{_Q}{_SUBJ_COMBATANT}{_GAP}{_AUX}\s+{_alt(R.COMBATANT_PARTICIPLES)}\b"),
    # "14 deaths", "14 fatalities", "20 injuries"
    _rule("noun_killed", "killed",
          rf"{_Q}(?:\s+(?:{_MOD}){{0,2}}|\s+of\s+(?:the\s+)?(?=dead\b))?\s*{_alt(R.KILLED_NOUNS)}\b"
          rf"(?!\s+(?:toll|sentence|penalty|row))"
          rf"{_NOT_ACTIVE}"),
    _rule("noun_injured", "injured",
          rf"{_Q}(?:\s+(?:{_MOD}){{0,2}})?(?:\s+\w+ly)?\s+{_alt(R.INJURED_NOUNS)}\b{_NOT_ACTIVE}"),
    # any plural noun when an auxiliary makes the clause passive: "Six border guarders
    # were reportedly killed"
    _rule("passive_killed_any_noun", "killed",
          rf"{_Q}{_SUBJ_PLURAL}{_GAP}\s*,?\s+(?P<aux>{_alt(R.AUXILIARIES)})\b"
          rf"(?:\s+(?:{_alt(R.ADVERBS)})\b){{0,2}}\s+{_KILLED}\b{_NOT_ACTIVE}{_NOT_ATTRIBUTIVE}"),
    _rule("passive_injured_any_noun", "injured",
          rf"{_Q}{_SUBJ_PLURAL}{_GAP}\s*,?\s+(?P<aux>{_alt(R.AUXILIARIES)})\b"
          rf"(?:\s+(?:{_alt(R.ADVERBS)})\b){{0,2}}\s+{_INJURED}\b{_NOT_ACTIVE}{_NOT_ATTRIBUTIVE}"),
    # "More than 50 people ... were on their way to flee when they were killed"
    _rule("resumptive", "killed",
          rf"{_Q}{_SUBJ}(?:[\s,]+[^\s,{MASK}.;:!?]++){{1,14}}?[\s,]+(?:when|as|after|before|while)\s+they\s+"
          rf"(?:were|had\s+been|have\s+been)\s+(?:killed|slain)\b"),
    # words in another language: "20 ferito", "12 morti"
    _rule("foreign_killed", "killed", rf"{_Q}{_SUBJ}\s+{_FOREIGN_KILLED}(?![\w])"),
    _rule("foreign_injured", "injured", rf"{_Q}{_SUBJ}\s+{_FOREIGN_INJURED}(?![\w])"),
    # people counted one by one: "a paramedic and a rescue worker were killed"
    _rule("one_life", "killed", rf"(?i:\b{_alt(R.ONE_LIFE_VERBS)})(?:\s+{_ITEMS})?", individuals=True),
    _rule("individuals_killed", "killed",
          rf"{_ITEMS}(?i:{_KILLED_PREDICATE_IND})", individuals=True),
    _rule("individuals_injured", "injured",
          rf"{_ITEMS}(?i:{_INJURED_PREDICATE_IND})", individuals=True),
    _rule("individuals_active_killed", "killed",
          rf"\b{_opens(R.KILLED_ACTIVE)}{_NOT_AFTER_AUX}(?i:{_alt(R.KILLED_ACTIVE)})\s+{_ITEMS}",
          individuals=True),
    _rule("individuals_active_injured", "injured",
          rf"\b{_opens(_INJURE_ONE)}{_NOT_AFTER_AUX}(?i:{_alt(_INJURE_ONE)})\s+{_ITEMS}",
          individuals=True),
    _rule("individuals_left_injured", "injured",
          rf"(?i:\b{_alt(R.LEAVING_VERBS)})\s+{_ITEMS}\s+(?i:{_alt(R.LEFT_INJURED)})\b",
          individuals=True),
    _rule("individuals_left_dead", "killed",
          rf"(?i:\b{_alt(R.LEAVING_VERBS)})\s+{_ITEMS}\s+(?i:{_alt(R.LEFT_KILLED)})\b",
          individuals=True),
    # "the car bomb slaying in Moscow of Darya Dugina"
    _rule("individuals_slaying", "killed",
          rf"(?i:\b(?:killing|slaying|murder)(?:\s+in\s+[{_UPPER}][\w’'-]+)?\s+of)\s+{_ITEMS}",
          individuals=True),
)


def _zero_pattern() -> re.Pattern[str]:
    # "both" first, so that "no deaths or injuries" is read whole
    order = ("both", "killed", "injured")
    verb_alts = "|".join(rf"(?P<v_{k}>{_alt(R.ZERO_VERBS[k])})" for k in order)
    noun_alts = "|".join(rf"(?P<n_{k}>{_alt(R.ZERO_NOUNS[k])})" for k in order)
    # "no one inside", "nobody in the building": a place, not a clause ("no one knows ...")
    subj = (rf"\b{_alt(R.ZERO_SUBJECTS)}(?:\s+(?:else|inside|aboard|on\s+board|there|"
            rf"(?:in|at|on|from|among|near)\s+(?:the\s+|a\s+)?[\w’'-]+(?:\s+[\w’'-]+)?))?"
            rf"(?:\s+(?:{_alt(R.AUXILIARIES)}|(?:was|were|has\s+been|have\s+been)\s+(?:reported|reportedly))\b)?"
            rf"(?:\s+(?:{_alt(R.ADVERBS)})\b)?\s+(?:{verb_alts})\b")
    noun = (rf"\b(?P<neg>no|without|zero|nil|not\s+any|nor\s+any|never\s+any)\s+"
            rf"(?P<imm>(?:immediate|initial|early)\s+)?(?:(?:other|further|known|serious|major)\s+)?"
            rf"(?:(?:reports?|word|sign|signs|indication|indications)\s+of\s+(?:any\s+)?"
            rf"(?:(?:immediate|civilian|serious)\s+)?|reported\s+)?(?:{noun_alts})\b")
    return re.compile(rf"{subj}|{noun}", re.I)


_ZERO_RE = _zero_pattern()

# Breakdown lists after a figure: "killed 11 civilians - eight in Donetsk, two in Kharkiv
# and one in Mykolaiv"; and "including five in Kyiv".
_LIST_OPEN_RE = re.compile(r"\s*(?:[-–—:]|,)\s*")
_LIST_ITEM_RE = re.compile(
    rf"(?:\s*(?:[-–—:;,]\s*)?(?:\band\s+|\bwhile\s+|\bwith\s+)?)"
    rf"(?P<q>{MASK}+)(?:\s+(?P<subj>{_MOD}{{0,2}}{_NOUN}))?"
    rf"(?:\s+(?:were|was)\s+(?:killed|injured|wounded))?"
    rf"\s+(?:in|at|near|on|from|across|outside)\s+[^,;.\ue000]*?(?=\s*(?:,|;|\band\b|\bwhile\b|$|\.|\)))",
    re.I,
)
_INCLUDING_RE = re.compile(
    rf"\b(?:including|among\s+them|among\s+whom|of\s+(?:them|whom)|among\s+(?:the\s+)?"
    rf"(?:dead|victims|killed)\s+(?:were|was|are|is))\s+(?P<q>{MASK}+|an?\b|one\b)"
    rf"(?:\s+(?P<subj>(?:{_MOD}){{0,3}}(?:{_NOUN}|{_alt(R.CHILD_NOUNS)}|{_PERSON_SG})(?![\w-])))?"
    rf"(?P<place>\s+(?:in|at|near|from|outside)\s+[{_UPPER}][^,;.\ue000]*?(?=\s*(?:,|;|\band\b|$|\.)))?",
    re.I,
)
_OF_THEM_CHILDREN_RE = re.compile(
    rf"(?P<q>{MASK}+)\s+of\s+(?:them|whom|those|the\s+(?:dead|victims|killed))\s+"
    rf"(?:were\s+|being\s+|was\s+|are\s+)?(?P<subj>(?:{_MOD}){{0,2}}{_alt(R.CHILD_NOUNS)})(?![\w-])",
    re.I,
)
# "... killed in Kharkiv | and two in Sumy": the place of a figure, then another figure
# with no verb of its own and a place of its own
_ELLIPSIS_PLACE_RE = re.compile(
    rf"\s+(?:in|at|near|outside)\s+(?:the\s+)?[{_UPPER}][^,;:.!?()\ue000]{{0,50}}?"
    rf"(?=\s*,?\s+(?:and|while|with)\s+|\s*,\s*(?:another\s+|a\s+further\s+)?{MASK})")
_COUNTRY_PLACE_RE = re.compile(r"\s+\w+\s+(?:the\s+)?(?:Ukraine|Russia|Poland|Belarus)\s*$")
_ELLIPSIS_ITEM_RE = re.compile(
    rf"\s*,?\s*(?:(?:and|while|with)\s+)?(?:another\s+|a\s+further\s+)?(?P<q>{MASK}+)"
    rf"(?:\s+(?P<subj>(?:{_MOD}){{0,2}}{_NOUN}|more\b|others\b))?(?P<q_end>)"
    rf"(?=\s+(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:city|town|village|region)\s+of\s+)?[{_UPPER}])")
_PARTITIVE_RE = re.compile(
    rf"(?:{_alt(R.QUALIFIER_WORDS)}\s+)?[\w,’'-]+\s+of\s+(?:them|whom|those|these)\b", re.I)
_CHILD_HEAD_RE = re.compile(rf"{_alt(R.CHILD_NOUNS)}{_QUOTE_CLOSE}$", re.I)
_SCOPE_JOIN_RE = re.compile(
    r"^\s*,?\s*(?:and|with|while|as\s+well\s+as)?\s*(?:another|a\s+further|further|a\s+total\s+of)?\s*$",
    re.I,
)
_HEDGE_NEAR_RE = re.compile(rf"\b{_alt(R.HEDGES_NEAR)}\b", re.I)
_HEDGE_SENTENCE_RE = re.compile(rf"\b{_alt(R.HEDGES_SENTENCE)}\b", re.I)
_BODY_EXCHANGE_RE = re.compile(rf"\b{_alt(R.BODY_EXCHANGE_WORDS)}\b", re.I)
_BODY_DISCOVERY_RE = re.compile(rf"\b{_alt(R.BODY_DISCOVERY_WORDS)}\b", re.I)
_FOREIGN_WORD_RE = re.compile(rf"(?<![\w]){_alt(R.FOREIGN_KILLED + R.FOREIGN_INJURED)}(?![\w])")
_TOLL_EXCEEDING = {w.lower() for w in R.TOLL_VERBS_EXCEEDING}

# Fast pre-check: most sentences have no casualty word at all. Plain substring tests on
# the lower-cased sentence are several times faster than one regex alternation.
_PRECHECK_NEEDLES: tuple[str, ...] = tuple(sorted({
    "kill", "dead", "death", "died", "dies", "die ", "dying", "wound", "injur", "hurt",
    "hospital", "lives", "life of", "bodies", "body count", "toll", "casualt", "fatal",
    "perish", "slain", "took out", "taking out", "takes out", "take out", "eliminat",
    "destroy", "neutrali", "wiped out", "wiping out", "liquidat", "annihilat", "harmed",
    "medical", "slaying", "murder", "feared", "believed to", "believed dead",
    "believed killed", "no one", "nobody", "no-one", "succumbed", "victims", "loss of life",
    "losses of life", "lost their", "lost his", "lost her", "taken out", "serious condition",
    "human losses",
    # stems of the foreign words in casualty_rules
    "ferit", "ferid", "mort", "muert", "herid", "bless", "tote", "getöt", "verletz",
    "fallecid", "tué", "ranni", "ranny", "zabi",
}))


def _precheck(sentence: str) -> str | None:
    low = sentence.lower()
    return low if any(n in low for n in _PRECHECK_NEEDLES) else None


# --- matching -----------------------------------------------------------------------------

def _mask(sentence: str, quantities: list[Quantity]) -> str:
    parts, pos = [], 0
    for q in quantities:
        parts.append(sentence[pos:q.start])
        parts.append(MASK * (q.end - q.start))
        pos = q.end
    parts.append(sentence[pos:])
    return "".join(parts)


def _head(subj: str | None) -> str | None:
    if not subj:
        return None
    words = re.findall(r"[\w’'-]+", subj)
    if not words:
        return None
    head = words[-1].strip("’'").lower()
    if head in ("them", "whom", "more", "others", "those", "these"):
        return None
    # "soldiers of fortune": the noun phrase, not its last word
    m = re.search(r"soldiers\s+of\s+fortune", subj, re.I)
    return "soldiers of fortune" if m else head


def _in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _is_child(subj: str | None) -> bool:
    return bool(subj) and bool(_CHILD_HEAD_RE.search(subj.strip()))


def find_casualties(sentence: str, foreign: Sequence[tuple[int, int]] = ()) -> list[CasualtyMention]:
    """Every casualty figure one sentence states, in order of position.

    ``foreign`` are spans (offsets into ``sentence``) that the cleaner flagged as another
    language; a casualty word inside one marks its mention ``foreign``.
    """
    low = _precheck(sentence)
    if low is None:
        return []
    quantities = find_quantities(sentence)
    masked = _mask(sentence, quantities)
    by_start = {q.start: q for q in quantities}

    found: list[tuple[CasualtyMention, Quantity | None, int]] = []   # mention, quantity, n items
    claimed: set[int] = set()

    for rule in RULES:
        if not any(n in low for n in rule.needles):
            continue
        if rule.anchored:
            # the phrase opens on the quantity and ends on one of the rule's words, so a
            # quantity after the last of them cannot start it
            last_cue = max(low.rfind(n) for n in rule.needles)
            candidates = [rule.pattern.match(masked, q.start) for q in quantities
                          if q.start not in claimed and q.start < last_cue]
        elif "q" in rule.pattern.groupindex and not quantities:
            continue
        else:
            candidates = list(rule.pattern.finditer(masked))
        for m in candidates:
            if m is None:
                continue
            q = by_start.get(m.start("q")) if "q" in m.re.groupindex and m.group("q") else None
            subj = m.groupdict().get("subj")
            if rule.individuals:
                if any(m.start() < f.end and f.start < m.end() for f, _, _ in found):
                    continue
                items = m.group("items") if m.groupdict().get("items") else None
                n = len(_ITEM_RE.findall(items)) if items else 1
                # one capitalised phrase with a plural verb is a group, not a person
                # ("British Nationals fighting in Ukraine have been killed")
                aux = (m.groupdict().get("aux") or m.groupdict().get("aux2") or "").lower()
                if n == 1 and items and items[0].isupper() and \
                        aux.split()[:1] in (["were"], ["are"], ["have"]):
                    continue
                count = Count(n, n)
                subj = items
                head = _head(_ITEM_RE.search(items).group()) if items else None
            else:
                if q is None or q.start in claimed:
                    continue
                # bodies handed over in an exchange are not a strike's toll: the figure
                # is used up, and no other rule may read it as deaths
                if rule.name in ("bodies", "bodies_of") and (
                        _BODY_EXCHANGE_RE.search(sentence) or not _BODY_DISCOVERY_RE.search(sentence)):
                    claimed.add(q.start)
                    continue
                count, n, head = q.count, 0, _head(subj)
                tverb = m.group("tverb") if "tverb" in m.re.groupindex else None
                if q.rule == "exact" and tverb and tverb.lower() in _TOLL_EXCEEDING:
                    count = apply_qualifier("more_than", q.value)
                claimed.add(q.start)
            start, end = m.start(), m.end()
            if q is not None:
                start, end = min(start, q.start), max(end, q.end)
            name = rule.name
            if rule.individuals and n == 1 and subj and _DEFINITE_RE.match(subj):
                # "the driver was killed": one person the story already knows of, a figure
                # only where the story gives none for them (DEFINITE_SUFFIX)
                name += DEFINITE_SUFFIX
            found.append((CasualtyMention(
                kind=rule.kind, count=count, start=start, end=end, rule=name,
                subject=head, toll_update=rule.toll_update,
            ), q, n))

    # a figure inside another figure's phrase ("Twelve people, among them two children,
    # died") is a part of it, read below as a breakdown, not a figure of its own
    inner = {id(f) for f, q, _ in found if q is not None and any(
        g is not f and g.start < q.start and q.end <= g.end for g, _, _ in found)}
    for f, q, _ in found:
        if id(f) in inner:
            claimed.discard(q.start)
    found = [x for x in found if id(x[0]) not in inner]

    mentions = [f for f, _, _ in found]
    quantity_of = {id(f): q for f, q, _ in found}
    items_of = {id(f): n for f, _, n in found}

    # "At least 14 people were killed and 24 were injured": the qualifier of the first
    # clause scopes over the coordinated elliptical clause (CODEBOOK section 4, "Scope").
    mentions.sort(key=lambda x: x.start)
    for i in range(1, len(mentions)):
        prev, cur = mentions[i - 1], mentions[i]
        pq, cq = quantity_of.get(id(prev)), quantity_of.get(id(cur))
        if pq is None or cq is None or cq.rule != "exact" or cq.start != cur.start:
            continue
        if pq.rule in ("at_least", "more_than", "up_to", "fewer_than") and \
                _SCOPE_JOIN_RE.match(masked[prev.end:cur.start]):
            new = replace(cur, count=apply_qualifier(pq.rule, cq.value), rule=cur.rule + "+scope")
            quantity_of[id(new)], items_of[id(new)] = cq, 0
            mentions[i] = new

    # "Three people were killed in Kharkiv and two in Sumy": each place its own figure, of
    # the first figure's kind, under its qualifier (CODEBOOK section 4, "Scope")
    for m in [m for m in mentions if m.kind in ("killed", "injured")]:
        pq = quantity_of.get(id(m))
        pos = m.end
        place = _ELLIPSIS_PLACE_RE.match(masked, pos)
        if place is not None and _COUNTRY_PLACE_RE.match(place.group()):
            continue    # "19 killed in Ukraine, 14 in Kyiv and 5 in Lviv": parts of a total
        while place is not None:
            em = _ELLIPSIS_ITEM_RE.match(masked, place.end())
            if em is None or em.start("q") in claimed:
                break
            eq = by_start[em.start("q")]
            count = eq.count
            if pq is not None and pq.rule in ("at_least", "more_than") and eq.rule == "exact":
                count = apply_qualifier(pq.rule, eq.value)
            claimed.add(eq.start)
            new = CasualtyMention(kind=m.kind, count=count, start=eq.start, end=em.end("q_end"),
                                  rule=m.rule + "+ellipsis", subject=_head(em.group("subj")))
            mentions.append(new)
            quantity_of[id(new)], items_of[id(new)] = eq, 0
            place = _ELLIPSIS_PLACE_RE.match(masked, em.end("q_end"))
    mentions.sort(key=lambda x: x.start)

    extra: list[CasualtyMention] = []
    mains = [m for m in mentions if m.kind in ("killed", "injured", "killed_unconfirmed")]
    for idx, m in enumerate(mains):
        q = quantity_of.get(id(m))
        region_start = q.end if q is not None else m.start
        region_end = mains[idx + 1].start if idx + 1 < len(mains) else len(masked)
        region_end = max(region_end, m.end)
        # children and other parts: "including five children", "three of them children"
        for rx in (_INCLUDING_RE, _OF_THEM_CHILDREN_RE):
            for im in rx.finditer(masked, region_start, region_end):
                iq_text = im.group("q")
                iq = by_start.get(im.start("q")) if iq_text.startswith(MASK) else None
                if iq is not None and iq.start in claimed:
                    continue
                if iq is None and iq_text.startswith(MASK):
                    continue
                icount = iq.count if iq is not None else Count(1, 1)
                isubj = im.group("subj")
                if _is_child(isubj):
                    if m.kind != "killed":
                        continue        # the codebook has no field for injured children
                    kind = "children_killed"
                elif isubj or im.groupdict().get("place"):
                    kind = m.kind
                else:
                    continue
                if iq is not None:
                    claimed.add(iq.start)
                extra.append(CasualtyMention(
                    kind=kind, count=icount, start=im.start(), end=im.end(), rule="including",
                    subject=_head(isubj), breakdown=True,
                ))
        # a list of parts after the figure: "- eight in Donetsk, two in Kharkiv and one in ..."
        opener = _LIST_OPEN_RE.match(masked, m.end)
        if opener and q is not None:
            pos, items = m.end, []
            while True:
                lm = _LIST_ITEM_RE.match(masked, pos)
                if not lm or lm.start("q") in claimed:
                    break
                items.append(lm)
                pos = lm.end()
            if len(items) >= 2:
                for lm in items:
                    lq = by_start[lm.start("q")]
                    claimed.add(lq.start)
                    extra.append(CasualtyMention(
                        kind=m.kind, count=lq.count, start=lm.start("q"), end=lm.end(),
                        rule="list", subject=_head(lm.group("subj")), breakdown=True,
                    ))
        # a main figure whose subject is children is also a child count
        if m.kind == "killed" and m.subject in {c.lower() for c in R.CHILD_NOUNS} and \
                m.count.min is not None and m.count.min == m.count.max:
            extra.append(replace(m, kind="children_killed", breakdown=True, rule=m.rule + "+children"))

    mentions = sorted(mentions + extra, key=lambda x: (x.start, x.kind))

    # "A woman and her two children were killed": one person named and a figure joined as
    # one subject are parts of one toll, so the count is their sum (3); a figure of its own
    # clause ("... hit Kharkiv Oblast and two people were killed") is not joined
    for i, m in enumerate(mentions):
        q = quantity_of.get(id(m))
        if q is None or m.breakdown or not m.rule.startswith(_COORDINATED_RULES):
            continue
        cm = _COORDINATED_BEFORE_RE.search(masked, max(0, q.start - 160), q.start)
        if cm is None:
            continue
        n = len(_ITEM_RE.findall(cm.group("items")))
        total = Count(m.count.min + n if m.count.min is not None else None,
                      m.count.max + n if m.count.max is not None else None)
        new = replace(m, count=total, start=cm.start(), rule=m.rule + "+coordinated")
        quantity_of[id(new)], items_of[id(new)] = q, items_of.get(id(m), 0)
        mentions[i] = new
    # the same subject with the figure on the other side of the person: "two children and
    # their mother were killed", "killed a woman and her two children"
    for i, m in enumerate(mentions):
        if not m.rule.startswith(("individuals_killed", "individuals_injured",
                                  "individuals_active")):
            continue
        if m.rule.startswith("individuals_active"):
            fm = _FIGURE_AFTER_RE.match(masked, m.end)
            span = (m.start, fm.end() if fm else m.end)
        else:
            fm = _FIGURE_BEFORE_RE.search(masked, max(0, m.start - 160), m.start)
            span = (fm.start() if fm else m.start, m.end)
        fq = by_start.get(fm.start("q")) if fm else None
        if fq is None or fq.start in claimed:
            continue
        claimed.add(fq.start)
        n = items_of.get(id(m), 1)
        total = Count(fq.count.min + n if fq.count.min is not None else None,
                      fq.count.max + n if fq.count.max is not None else None)
        new = replace(m, count=total, start=span[0], end=span[1], rule="coordinated_" + m.kind,
                      subject=_head(fm.group("subj")))
        quantity_of[id(new)], items_of[id(new)] = fq, 0
        mentions[i] = new
        if m.kind == "killed" and _is_child(fm.group("subj")):
            mentions.append(CasualtyMention(kind="children_killed", count=fq.count,
                                            start=fq.start, end=fq.end, rule="coordinated+children",
                                            subject=_head(fm.group("subj")), breakdown=True))
    mentions.sort(key=lambda x: (x.start, x.kind))

    # people named one by one are a breakdown when enumerated, or when the sentence
    # states another figure of the same kind
    out = []
    for m in mentions:
        if m.rule.startswith(("individuals", "one_life")):
            others = any(o is not m and o.kind == m.kind and not o.breakdown and
                         not o.rule.startswith(("individuals", "one_life")) for o in mentions)
            if items_of.get(id(m), 1) >= 2 or others:
                m = replace(m, breakdown=True)
        elif not m.breakdown and _PARTITIVE_RE.match(sentence, m.start) and any(
                o.kind == m.kind and o.end <= m.start and not o.breakdown for o in out):
            # "nine people were wounded, one of whom remained hospitalised": a part of
            # the figure before it
            m = replace(m, breakdown=True)
        out.append(m)
    mentions = out

    # zeros: "no one was hurt", "no casualties were reported"
    for zm in _ZERO_RE.finditer(sentence):
        which = next(k.split("_", 1)[1] for k, v in zm.groupdict().items()
                     if v and (k.startswith("v_") or k.startswith("n_")))
        kinds = ("killed", "injured") if which == "both" else (which,)
        confirmed = not zm.groupdict().get("imm")
        for kind in kinds:
            mentions.append(CasualtyMention(
                kind=kind, count=Count(0, 0), start=zm.start(), end=zm.end(), rule=f"zero_{which}",
                confirmed=confirmed,
            ))
    mentions.sort(key=lambda x: (x.start, x.kind))

    # flags that depend on the words around the figure
    hedged_sentence = bool(_HEDGE_SENTENCE_RE.search(sentence))
    final = []
    for i, m in enumerate(mentions):
        near = sentence[max(0, m.start - 30):m.end]
        confirmed = m.confirmed and m.kind != "killed_unconfirmed" and not hedged_sentence \
            and not _HEDGE_NEAR_RE.search(near)
        is_foreign = m.rule.startswith("foreign") or _in_spans(m.start, m.end, foreign) and \
            bool(_FOREIGN_WORD_RE.search(sentence, m.start, m.end) or _cue_in_spans(sentence, m, foreign))
        war = _war_total(sentence, mentions, i) or (m.breakdown and bool(final) and any(
            not o.breakdown and o.war_total for o in final))
        final.append(replace(m, confirmed=confirmed, foreign=bool(is_foreign), war_total=war))
    return final


_WAR_TOTAL_RE = re.compile(rf"\b{_alt(R.WAR_TOTAL_WORDS)}\b", re.I)


def _war_total(sentence: str, mentions: list[CasualtyMention], i: int) -> bool:
    """A figure for the whole war: a very large one, or one whose own part of the sentence
    (from the figure before it to the figure after it) says it counts the war."""
    m = mentions[i]
    size = m.count.min if m.count.min is not None else m.count.max
    if size is not None and size >= R.WAR_TOTAL_MIN_FIGURE:
        return True
    lo = max((o.end for o in mentions[:i] if o.end <= m.start), default=0)
    hi = min((o.start for o in mentions[i + 1:] if o.start >= m.end), default=len(sentence))
    return bool(_WAR_TOTAL_RE.search(sentence, lo, max(hi, m.end)))


_CUE_RE = re.compile(
    r"kill|dead|die|death|wound|injur|hurt|hospital|lives|ferit|mort|muert|herid|bless|tote|verletz",
    re.I,
)


def _cue_in_spans(sentence: str, m: CasualtyMention, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the casualty word of a mention (not only its number) lies in a foreign span."""
    for cm in _CUE_RE.finditer(sentence, m.start, m.end):
        if _in_spans(cm.start(), cm.end(), spans):
            return True
    return False
