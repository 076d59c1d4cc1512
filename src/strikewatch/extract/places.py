"""Which named places in a sentence are where something was hit.

The gazetteer finds every place name; this module decides the role each plays in its
sentence: the ``site`` of an attack ("a strike on Kharkiv"), ``near`` a place ("near
Odesa", geo_precision 2), an ``origin`` ("missiles launched from Crimea"), a distance
``reference`` ("200 miles from Kyiv", "south of Moscow"), the ``jurisdiction`` of a
speaker ("Belgorod governor", "the Odesa regional administration"), an ``actor``
("Kyiv has not claimed responsibility", "the Kiev regime"), or ``context`` (a region named
to place a settlement: "Vilnia in the Zaporizhzhia region").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Place, PlaceHit

# What the words after a place say about it (pattern, role), read first.
AFTER: tuple[tuple[str, str], ...] = (
    (r"^(?:'s|\u2019s)?\s+(?:city\s+|regional\s+|oblast\s+|military\s+|district\s+)*(?:mayor"
     r"|governor|administration|authorities|officials?|police|prosecutors?|council|military\s+"
     r"administration|head|chief|leader|emergency\s+services?|health\s+ministry|government"
     r"|energy\s+operator|utility)\b", "jurisdiction"),
    (r"^\s+(?:has|had|have|is|was|says|said|claims|claimed|denies|denied|insists|accused|appears"
     r"|appeared|seems|seemed"
     r"|accuses|blamed|blames|warned|warns|responded|did|does|will|would|stays|remained"
     r"|didn't|hasn't|refused|vowed|wants|sees|also|ordered|launched|fired|struck|hit|sent"
     r"|began|used|continues|continued|targeted|bombarded|shelled|attacked|knew|knows|needs"
     r"|must|should|could|may|might)\b", "actor"),
    (r"^\s+regime\b", "actor"),
    (r"^\s+(?:agreements?|accords?|protocols?|format|peace\s+talks|process|deal|declaration"
     r"|memorandum|communiqu\u00e9|summit)\b", "name"),
    (r"^(?:'s|\u2019s)\s+(?:\w+\s+)?(?:way|capability|ability|forces|troops|army|military|war"
     r"|invasion|offensive|strategy|aim|goal|plans?|decision|response|retaliation|claims?"
     r"|version|position|leadership|government|officials?|ally|allies|fleet|navy|ships|"
     r"warships|partners|proxies|soldiers|generals|commanders|propaganda|media)\b", "actor"),
)
ORIGIN_CONTINUES = re.compile(r"^\s*,?\s*(?:on|in|at)\s+(?:the\s+)?[\w\s'’-]{0,40}$", re.I)
LIST_CONTINUES = re.compile(r"(?:as\s+well\s+as|including|along\s+with|and\s+also|plus)\s+"
                            r"(?:the\s+)?(?:(?:cities|towns|city|town|village)\s+of\s+)?$", re.I)
# a place name followed by another capitalised word that is not a place word is part of a
# proper name: "the Minsk Suvorov Military Academy", "the Kyiv Post", "Moscow Times"
ORGANISATION_AFTER = re.compile(
    r"^\s+(?!(?:Oblast|Region|Province|City|District|Raion|Krai|Republic|Voivodeship|Governor"
    r"|Mayor|Regional|Military|Council|On|In|At|And|Or|The|This|That|On|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|But|While|As|After)\b)[A-Z][a-z]{2,}")
# "KYIV, Ukraine (AP) —": where the report was filed, not where anything happened
DATELINE = re.compile(r"(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([\w .]+\)\s*)?[\u2014\u2013-]{1,2}\s")
ACTOR_BEFORE = re.compile(r"\b(?:by|accused|accuses|accusing|blamed|blames|blaming|urged|warned"
                          r"|asked|told|against|with|between)\s+(?:the\s+)?$", re.I)
# "Kharkiv district", "the Izium and Kupiansk districts": a raion, inside the city's oblast
DISTRICT_AFTER = re.compile(r"^\s+(?:district|districts|raion|raions|county|municipality)\b",
                            re.I)
# "the eastern regions of Dnipropetrovsk and Sumy": the regions, not the cities
REGION_OF_BEFORE = re.compile(r"\b(?:regions?|oblasts?|provinces?)\s+of\s+(?:the\s+)?$", re.I)
# Titles that make a jurisdiction a region ("governor of Lviv" speaks for Lviv Oblast)
REGIONAL_TITLES = re.compile(r"\b(?:governor|regional|oblast|region)\b", re.I)
JURISDICTION_BEFORE = re.compile(
    r"\b(?:mayor|governor|head|chief|administration|authorities|officials?|police|council"
    r"|leader|spokes(?:man|woman|person))\s+(?:of\s+|in\s+)?(?:the\s+)?(?:city\s+of\s+|region"
    r"\s+of\s+)?$", re.I)
# A place is the site of an attack when the words before it, past descriptors ("the
# southern port city of", "Russia's", "occupied"), are a locative preposition or an attack
# word, or the words after it say it was hit ("Kyiv was struck", "the Kyiv strikes").
DESCRIPTORS = frozenset("""
the a an city town village settlement urban-type hamlet port region oblast province district
of southern northern eastern western central north-eastern north-western
south-eastern south-western northeastern northwestern southeastern southwestern occupied annexed
russian-occupied russian-controlled ukrainian-controlled frontline front-line embattled besieged
key major small large industrial strategic capital regional centre center downtown neighbouring
neighboring nearby border border-area ukrainian russian russia's ukraine's russia’s ukraine’s
separatist-held rebel-held kremlin-controlled liberated historic old resort coastal seaside
black sea mining its their town's city's area areas parts part
centre central province's also metropolis cities towns villages settlements
community hromada municipality districts urban rural resort-town port-city hub 's ’s
""".split())
LOCATIVE = frozenset("""
in on at near into over across around outside inside throughout within upon onto against
toward towards targeting targeted struck hit hitting attacked attacking shelled shelling bombed
bombing pounded pounding rocked strikes strike attack attacks assault assaults barrage raid
raids bombardment bombarded of including
""".split())
COMPASS = frozenset("""
north south east west northeast northwest southeast southwest north-east north-west south-east
south-west
""".split())
NEAR = frozenset("near outside nearby close vicinity approaches edge around outskirts".split())
AREA_WORDS = frozenset("towns villages settlements communities suburbs areas".split())
FROM_PHRASE = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w'’´`-]+\s+){0,7}(?:in|at|near)\s+(?:the\s+)?$",
                         re.I)
IMPACT_VERB = re.compile(r"\b(?:struck|hit|hitting|attacked|shelled|targeted|landed|slammed|"
                         r"damaged|destroyed|exploded|fell|crashed|killed|killing)\b", re.I)
UNNAMED_PLACE = frozenset("town village settlement community hamlet city suburb".split())
VENUES = frozenset("""
conference forum summit meeting talks interview visit visiting speech address lecture congress
session parliament embassy consulate
""".split())
RESIDENCE = frozenset("""
working worked works stationed staying stayed living lives lived based resident residents
arrived arrive arrives visited visiting visit studied studying born married grew
""".split())
AUDIENCE = frozenset("journalists reporters press media audience crowd".split())
SPEAKING = frozenset("told telling tell briefed briefing addressing addressed speaking spoke".split())
DISTANCE = frozenset("miles mile km kilometres kilometers kilometre kilometer metres meters".split())
REFERENCE = frozenset("""
to towards toward visit visited visiting trip travelled traveled arrived returned moved relocated
embassy talks summit meeting met envoy ambassador born based lives lived interview
told between fled flee fleeing evacuated refugees headed heading bound
""".split())
# "fire from the direction of Vovchansk", "shelled from the side of Oleshky": where the fire
# came from, which is not where it landed (ACLED codes the location of the impact)
FROM_DIRECTION = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:direction|side|territory|positions?)\s+of\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?$", re.I)
# "Russian positions in Oleshky fired on Kherson": the place holding the guns, when the verb
# after it is active fire; "positions in Oleshky were hit" stays a site
FIRING_HOLDERS = frozenset("""
positions position launchers launcher batteries battery emplacements guns artillery
""".split())
FIRES_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,40},\s*)?(?:also\s+|then\s+|again\s+|have\s+|had\s+|has\s+)?"
    r"(?:fired|shelled|launched|opened\s+fire|struck|hit|attacked|targeted|pounded|bombarded)\b",
    re.I)
ORIGIN_VERBS = frozenset("launched fired flies flew came coming sent approached moving".split())
# Names of areas that are neither a settlement nor a first-level region
NOT_LOCALITIES = frozenset({"Donbas", "Donbass", "Novorossiya", "Sloboda Ukraine", "Polissia",
                            "Left Bank", "Right Bank"})
# names that in war reporting are ships, not the city they are named after
SHIP_NAMES = frozenset({"Moskva"})
# Kyiv and Sevastopol are regions of their own: "towns around Kyiv" are in Kyiv Oblast
SURROUNDING_REGION = {"Kyiv": "Kyiv Oblast", "Sevastopol": "Autonomous Republic of Crimea"}
_TOKEN = re.compile(r"[\w'’-]+|[,;:]")
_PASSIVE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:,[^,]{0,60},\s*|[\u2014\u2013-]+[^\u2014\u2013]{0,200}"
    r"[\u2014\u2013-]+\s*|,\s*)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are"
    r"|came|come|comes|had\s+come|has\s+come|again|also|itself)\s+(?:\w+\s+){0,2}"
    r"(?:hit|struck|attacked|shelled|fired"
    r"\s+(?:on|at|upon)|"
    r"targeted|bombed|rocked|under|pounded|damaged|bombarded|shaken|hammered)\b", re.I)
# "Kyiv was hit", "Kyiv came under fire": a passive says the place, not the government
_STRUCK_AFTER = re.compile(
    r"^\s+(?:was|were|has\s+been|had\s+been|is|are|came|comes|has\s+come)\s+(?:\w+\s+)?"
    r"(?:hit|struck|attacked|shelled|targeted|bombed|rocked|pounded|bombarded|under\s+"
    r"(?:fire|attack))\b", re.I)
_NOUN_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:\w+\s+)?(?:strikes?|attacks?|shelling|blasts?|explosions?|bombing|"
    r"raids?|bombardment|barrage|assault)\b", re.I)
# "Kyiv's heating network": a possessive place whose infrastructure was hit
_POSSESSIVE_TARGET = re.compile(
    r"^(?:'s|’s)\s+(?:\w+\s+){0,2}(?:network|grid|station|plant|infrastructure|centre|center"
    r"|district|outskirts|suburbs?|port|airport|bridge|railway|buildings?|hospital|school"
    r"|market|streets?|neighbou?rhoods?|refinery|depot|facilit(?:y|ies)|residential|homes)\b",
    re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or|,?\s*as\s+well\s+as|,?\s*plus)\s*"
                       r"(?:the\s+)?(?:(?:city|town|village|region|cities|towns|villages)\s+of\s+)?$",
                       re.I)
_AFTER = [(re.compile(p, re.I), role) for p, role in AFTER]
# Capitals that stand for governments; other places rarely act in a sentence.
ACTOR_NAMES = frozenset({"Kyiv", "Moscow", "Minsk", "Warsaw"})
WINDOW = 100


@dataclass(frozen=True)
class PlaceMention:
    start: int                  # offsets in the document's cleaned text
    end: int
    text: str
    place: Place
    role: str                   # site, near, around, origin, reference, jurisdiction, actor,
                                # context, mention
    hit: PlaceHit
    listed: bool = False        # its role comes from a list it is part of
    said_hit: bool = False      # the words after it say it was hit ("Kyiv was struck")
    district: bool = False      # a raion named after its town ("Kharkiv district")

    @property
    def kind(self) -> str:
        return self.place.kind

    @property
    def geo_precision(self) -> int | None:
        if self.role == "near" and self.place.kind == "settlement":
            return 2
        return self.place.geo_precision


def role_of(text: str, hit: PlaceHit, place: Place) -> str:
    before = text[max(0, hit.start - WINDOW):hit.start]
    after = text[hit.end:hit.end + WINDOW]
    if place.name in ACTOR_NAMES and ACTOR_BEFORE.search(before):
        return "actor"
    if place.kind == "settlement" and not place.part_of and (
            DISTRICT_AFTER.match(after) or REGION_OF_BEFORE.search(before)):
        return "district"
    governed = _governed_by_preposition(before)
    for pattern, role in _AFTER:
        if pattern.search(after):
            if role == "actor" and (place.name not in ACTOR_NAMES or governed
                                    or _STRUCK_AFTER.search(after)):
                continue            # "Kyiv was hit by a rocket": the city, not the government
            return role
    if JURISDICTION_BEFORE.search(before):
        return "jurisdiction"
    if ORGANISATION_AFTER.match(after):
        return "name"               # "the Minsk Suvorov Military Academy", "Kyiv Independent"
    if _PASSIVE_AFTER.search(after) or _NOUN_AFTER.search(after):
        return "site!"
    if FROM_DIRECTION.search(before):
        return "origin"
    tokens = [t.lower() for t in _TOKEN.findall(before)]
    i = len(tokens) - 1
    while i >= 0 and tokens[i] in DESCRIPTORS:
        i -= 1
    if i < 0:
        return "site" if _POSSESSIVE_TARGET.search(after) else "mention"
    word, prev = tokens[i], tokens[i - 1] if i > 0 else ""
    if word in LOCATIVE and prev in FIRING_HOLDERS and FIRES_AFTER.search(after):
        return "origin"
    if word == "from":
        if prev in DISTANCE or prev == "away" or prev in REFERENCE:
            return "reference"
        return "origin"
    if word in COMPASS or word in DISTANCE:
        return "reference"
    if word in NEAR or (word in ("to", "from") and prev in ("close", "far")):
        # "towns around Kyiv", "a coastal town near Odesa": somewhere in X's region
        return "around" if prev in AREA_WORDS or prev in UNNAMED_PLACE else "near"
    from_phrase = FROM_PHRASE.search(before) if word in LOCATIVE else None
    if from_phrase and not IMPACT_VERB.search(from_phrase.group(0)):
        return "origin"             # "transported from the brigade's base in Kursk"
    if word in LOCATIVE and any(t in VENUES for t in tokens[max(0, i - 5):i]):
        return "reference"          # "during an interview with The Associated Press in Kharkiv"
    if word in LOCATIVE and (prev in VENUES or prev in REFERENCE or prev in RESIDENCE or (
            prev in AUDIENCE and i > 1 and (
            tokens[i - 2] in SPEAKING or (i > 2 and tokens[i - 3] in SPEAKING)))):
        return "reference"          # "a forum in Vladivostok", "telling journalists in Kyiv"
    if word in LOCATIVE:
        return "site"
    if word in REFERENCE:
        return "reference"
    if _POSSESSIVE_TARGET.search(after):
        return "site"
    return "mention"


def _governed_by_preposition(before: str) -> bool:
    """"the toll in Kyiv continues": Kyiv is the object of "in", not the subject."""
    tokens = [t.lower() for t in _TOKEN.findall(before)]
    i = len(tokens) - 1
    while i >= 0 and tokens[i] in DESCRIPTORS:
        i -= 1
    return i >= 0 and tokens[i] in PREPOSITIONS


PREPOSITIONS = frozenset("""
in on at near into over across around outside inside throughout within upon onto against toward
towards of from
""".split())


def choose(hit: PlaceHit, regions: set[str], article_regions: dict[str, int],
           country_hint: str | None, cities: frozenset[str] = frozenset()) -> Place | None:
    """The candidate the context supports: the district of a city the article names, else
    one in a region named nearby, else one in a region the article is about, else the
    gazetteer's best (largest) one."""
    cands = [p for p in hit.candidates if p.geo_precision is not None]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    # "the Desnianskyi district" is Kyiv's in a story that names Kyiv and Chernihiv's in one
    # that names Chernihiv: a district name many cities share belongs to the city the article
    # is about, as an analyst reads it; naming two of those cities decides nothing
    owners = {p.part_of for p in cands if p.part_of in cities}
    if len(owners) == 1:
        return next(p for p in cands if p.part_of in owners)
    for p in cands:
        if p.admin1 and p.admin1 in regions:
            return p
    if article_regions:
        scored = [(article_regions.get(p.admin1 or "", 0), -i, p) for i, p in enumerate(cands)]
        best = max(scored, key=lambda t: (t[0], t[1]))
        if best[0] > 0 and cands[0].population < 100_000:
            return best[2]
    if country_hint:
        for p in cands:
            if p.country == country_hint and p.population >= cands[0].population / 10:
                return p
    return cands[0]


def mentions(text: str, hits: list[PlaceHit], sentence_bounds: list[tuple[int, int]],
             gazetteer=None, country_hint: str | None = None) -> list[PlaceMention]:
    """Resolve every hit to one place and give it its role in its sentence."""
    # regions named in each sentence, and how often the article names each region
    article_regions: dict[str, int] = {}
    for h in hits:
        p = h.place
        if p is not None and p.kind in ("settlement", "region") and len(h.candidates) == 1 \
                and p.admin1:
            article_regions[p.admin1] = article_regions.get(p.admin1, 0) + 1
    # roles are read with the other place names blanked out, so that "in the DPR village
    # of Zaitsevo" reads as "in the ... village of Zaitsevo"
    chars = list(text)
    for h in hits:
        chars[h.start:h.end] = list(("the" + " " * (h.end - h.start))[:h.end - h.start])
    masked = "".join(chars)
    cities = frozenset(h.place.name for h in hits if h.place is not None
                       and h.place.kind == "settlement" and not h.place.part_of)
    out: list[PlaceMention] = []
    for h in hits:
        lo, hi = _bounds(sentence_bounds, h.start)
        near = [x for x in hits if lo <= x.start < hi and x is not h and x.place is not None
                and len(x.candidates) == 1 or (x.place is not None and x.place.kind == "region"
                                                and lo <= x.start < hi and x is not h)]
        regions = {x.place.admin1 for x in near if x.place.admin1}
        countries = [x.place.country for x in near if x.place.kind == "country"]
        place = choose(h, regions, article_regions, countries[0] if countries else country_hint,
                       cities)
        if place is None:
            continue
        if DATELINE.match(text, h.end) and not text[:h.start].strip():
            role = "dateline"       # "KYIV, Ukraine (AP) -": where the report was filed
        else:
            role = role_of(masked, h, place)
        said_hit = role == "site!"
        role = "site" if said_hit else role
        if place.name in NOT_LOCALITIES or h.text in SHIP_NAMES:
            continue
        district = role == "district"
        if role == "around" or role == "district" or (role == "jurisdiction" and place.kind == "settlement"
                                and REGIONAL_TITLES.search(text[max(0, h.start - 30):h.end + 30])):
            # "towns around Kyiv", "the governor of Lviv": the region, not the city
            region = _region_of(place, gazetteer)
            if region is not None:
                place = region
            role = "site" if role in ("around", "district") else role
        listed = False
        if _is_district(place, text, h) and (
                (out and POSSESSIVE_GAP.match(text[out[-1].end:h.start]))
                or CITY_POSSESSIVE.search(text[max(lo, h.start - 40):h.start])):
            # "Kharkiv's Kyivskyi district", "the city's Shevchenkivskyi district": a part of
            # the city named before, not a place of its own
            role = "district-of"
        elif out and out[-1].role == "origin" and out[-1].start >= lo and \
                ORIGIN_CONTINUES.match(text[out[-1].end:h.start]):
            role = "origin"           # "struck from Belbek, on the occupied Crimean Peninsula"
        elif out and _LIST_GAP.match(text[out[-1].end:h.start]) and out[-1].role != "context":
            role, listed = out[-1].role, True   # "Kharkiv, Sumy and Poltava": one role
        elif role == "mention" and LIST_CONTINUES.search(text[max(lo, h.start - 30):h.start]):
            # "... including the city of Lviv, which ..., as well as Kharkiv"
            head = next((m for m in reversed(out) if m.start >= lo and m.role in ("site", "near")),
                        None)
            if head is not None:
                role, listed = head.role, True
        out.append(PlaceMention(h.start, h.end, h.text, place, role, h, listed, said_hit, district))
    _share_list_roles(text, out)
    _districts_of_lists(text, out, gazetteer)
    _mark_context_regions(out, sentence_bounds)
    return out


def _districts_of_lists(text: str, found: list[PlaceMention], gazetteer) -> None:
    """"Kharkiv, Izium and Kupiansk districts", "the regions of Dnipropetrovsk and Sumy":
    every name of the list stands for its region."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and _LIST_GAP.match(text[found[j].end:found[j + 1].start]):
            j += 1
        if j > i:
            after = text[found[j].end:found[j].end + 20]
            before = text[max(0, found[i].start - 30):found[i].start]
            if re.match(r"^\s+(?:districts|raions|regions|oblasts|provinces)\b", after, re.I) or \
                    REGION_OF_BEFORE.search(before):
                # "Kharkiv and Izium districts" are raions, reported on their own; "the
                # Dnipro and Sumy regions" are oblasts, which a settlement named in them
                # stands for (CODEBOOK section 1)
                raions = bool(re.match(r"^\s+(?:districts|raions)\b", after, re.I))
                for k in range(i, j + 1):
                    m = found[k]
                    # "Darnytskyi and Dniprovskyi districts" are parts of their city, which
                    # they stand for (events.py), not raions of a region
                    if m.kind == "settlement" and not m.place.part_of:
                        region = _region_of(m.place, gazetteer)
                        if region is not None:
                            found[k] = PlaceMention(m.start, m.end, m.text, region,
                                                    "site" if m.role in ("mention", "district")
                                                    else m.role, m.hit, True, m.said_hit, raions)
        i = j + 1


def _share_list_roles(text: str, found: list[PlaceMention]) -> None:
    """Places listed together play one role: if any of them is a site, all are
    ("Belgorod and the neighbouring Kursk region were under attack")."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and _LIST_GAP.match(text[found[j].end:found[j + 1].start]):
            j += 1
        group = found[i:j + 1]
        roles = {m.role for m in group}
        shared = "site" if "site" in roles else ("near" if "near" in roles else None)
        if j > i and shared:
            for k in range(i, j + 1):
                if found[k].role == "mention":
                    m = found[k]
                    found[k] = PlaceMention(m.start, m.end, m.text, m.place, shared, m.hit, True)
        i = j + 1


POSSESSIVE_GAP = re.compile(r"^(?:'s|\u2019s)\s+$")
CITY_POSSESSIVE = re.compile(r"\bthe\s+(?:city|town|metropolis|capital)(?:'s|\u2019s)\s+$", re.I)


def _is_district(place: Place, text: str, hit: PlaceHit) -> bool:
    return bool(place.part_of) or bool(re.match(r"\s+(?:district|neighbou?rhood|microdistrict)\b",
                                                text[hit.end:hit.end + 20], re.I))


def _region_of(place: Place, gazetteer) -> Place | None:
    if gazetteer is None or not place.admin1:
        return None
    name = SURROUNDING_REGION.get(place.name, place.admin1) if place.admin1 == place.name \
        else place.admin1
    region = gazetteer.region(name)
    return region.as_place() if region is not None else None


def _bounds(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for lo, hi in bounds:
        if lo <= pos < hi:
            return lo, hi
    return pos, pos + 1


def _mark_context_regions(found: list[PlaceMention], bounds: list[tuple[int, int]]) -> None:
    """A region that only says where a settlement of the same sentence lies is context."""
    for i, m in enumerate(found):
        if m.kind != "region" or m.role not in ("site", "near"):
            continue
        lo, hi = _bounds(bounds, m.start)
        if any(o is not m and lo <= o.start < hi and o.kind == "settlement"
               and o.role in ("site", "near") and o.place.admin1 == m.place.admin1
               for o in found):
            found[i] = PlaceMention(m.start, m.end, m.text, m.place, "context", m.hit, m.listed)
