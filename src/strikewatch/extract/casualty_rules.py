"""The word lists behind ``casualties.py``: verb lexicons, nouns, hedges, foreign words.

Kept as data so that a reader can see (and extend) what counts as "killed" or "injured"
without reading the matcher. CODEBOOK section 4: killed = killed, dead, died, lost their
lives, bodies found; injured = injured, wounded, hurt, hospitalised; "casualties" alone is
neither; unconfirmed wording goes to ``killed_unconfirmed``.

Multi-word entries are matched with any whitespace between the words.
"""

from __future__ import annotations

# --- who is counted ------------------------------------------------------------------------

# Nouns for people, plural and singular: the head of "14 civilians", "two of its soldiers".
PERSON_NOUNS: tuple[str, ...] = (
    "people", "persons", "person", "individuals", "civilians", "civilian", "residents",
    "resident", "inhabitants", "locals", "citizens", "nationals", "villagers", "townspeople",
    "children", "child", "kids", "minors", "boys", "boy", "girls", "girl", "teenagers",
    "teenager", "teens", "adolescents", "infants", "infant", "babies", "baby", "toddlers",
    "schoolchildren", "students", "pupils", "adults", "men", "man", "women", "woman",
    "pensioners", "elderly", "passengers", "commuters", "shoppers", "customers", "workers",
    "worker", "employees", "staff", "staffers", "rescue workers", "rescuers", "firefighters",
    "firemen", "paramedics", "medics", "doctors", "nurses", "medical workers", "patients",
    "journalists", "reporters", "police officers", "policemen", "police", "officers",
    "soldiers of fortune", "soldiers", "soldier", "servicemen", "service members",
    "servicemembers", "troops", "fighters", "militants", "mercenaries", "nationalists",
    "neo-Nazis", "militiamen", "personnel", "marines", "sailors", "pilots", "crew members",
    "crew", "border guards", "guards", "guardsmen", "prisoners", "POWs", "inmates",
    "detainees", "captives", "volunteers", "Ukrainians", "Russians", "Poles", "Britons",
    "Americans", "foreigners", "members", "relatives", "family members", "victims",
    "recruits", "reservists", "conscripts", "gunmen", "saboteurs", "others", "passers-by",
    "bystanders", "farmers", "miners", "drivers", "teachers", "priests",
)

# Heads that make a figure a child count ("including five children").
CHILD_NOUNS: tuple[str, ...] = (
    "children", "child", "kids", "kid", "minors", "minor", "boys", "boy", "girls", "girl",
    "teenagers", "teenager", "teens", "teen", "adolescents", "infants", "infant", "babies",
    "baby", "toddlers", "toddler", "schoolchildren", "newborns", "newborn", "schoolboy",
    "schoolgirl", "schoolboys", "schoolgirls",
)

# Objects of the Russian MoD's idiom for killing ("took out over 40 foreign mercenaries",
# "eliminated up to 250 fighters"): the same verbs with "tanks" or "depots" are not deaths.
COMBATANT_NOUNS: tuple[str, ...] = (
    "soldiers of fortune", "soldiers", "servicemen", "service members", "servicemembers",
    "troops", "fighters", "militants", "mercenaries", "nationalists", "neo-Nazis",
    "militiamen", "military personnel", "personnel", "marines", "gunmen", "saboteurs",
    "terrorists", "radicals", "legionnaires", "militia", "foreign fighters", "reservists",
    "conscripts",
)

# Singular people named one at a time: "a paramedic and a rescue worker were killed".
PERSON_SINGULAR: tuple[str, ...] = (
    "man", "woman", "boy", "girl", "child", "baby", "infant", "toddler", "teenager", "teen",
    "person", "civilian", "resident", "local", "journalist", "reporter", "photographer",
    "photojournalist", "cameraman", "paramedic", "medic", "doctor", "nurse", "rescuer",
    "rescue worker", "firefighter", "fireman", "policeman", "police officer", "officer",
    "soldier", "serviceman", "fighter", "volunteer", "pensioner", "worker", "employee",
    "driver", "passenger", "guard", "security guard", "teacher", "student", "farmer",
    "priest", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister",
    "grandmother", "grandfather", "commentator", "activist", "official", "commander",
    "general", "colonel", "mercenary", "pilot", "sailor", "miner", "elderly woman",
    "elderly man", "pedestrian", "cyclist", "shopkeeper", "prisoner", "member", "victim",
    "occupant", "inmate", "detainee", "marine", "villager", "pupil", "patient",
)

# Words that may stand between a number and its noun ("14 more", "40 foreign mercenaries").
# Capitalised words ("Ukrainian", "Polish") and "-year-old" compounds are allowed as well.
MODIFIERS: tuple[str, ...] = (
    "more", "other", "further", "additional", "foreign", "local", "civilian", "innocent",
    "elderly", "young", "old", "military", "police", "rescue", "emergency", "medical",
    "border", "crew", "family", "service", "unarmed", "peaceful", "enemy", "armed", "teenage",
    "adult", "female", "male", "pregnant", "disabled", "retired", "little", "small",
    "injured", "wounded", "railway", "utility", "energy", "power", "plant", "hospital",
    "humanitarian", "aid", "security", "regular", "ordinary", "separate", "different",
    "fellow", "serving", "active", "volunteer", "allied", "government", "defence", "defense",
)

# --- casualty verbs (after the counted noun: "14 people were killed") ---------------------

AUXILIARIES: tuple[str, ...] = (
    "have been", "has been", "had been", "have also been", "has also been", "will be",
    "were", "was", "are", "is", "been", "be", "being", "got", "get", "have", "has", "had",
    "'ve been", "’ve been", "remained", "remains", "remain", "were still", "are still",
    "is still", "was still",
)

# Adverbs and hedges that may sit between the auxiliary and the verb. Not "believed",
# "feared", "thought": those make the figure unconfirmed (UNCONFIRMED_PARTICIPLES).
ADVERBS: tuple[str, ...] = (
    "also", "reportedly", "allegedly", "tragically", "all", "both", "later", "subsequently",
    "now", "so far", "officially", "reported", "reported to have been", "confirmed",
    "said to have been", "said to be", "known to have been", "known to have", "instantly",
    "immediately", "seriously", "critically", "badly", "severely", "gravely", "lightly",
    "slightly", "moderately", "in total", "in all", "altogether", "eventually", "just",
    "since", "already", "previously", "earlier", "then", "apparently", "initially",
    "among those", "each", "only",
)

# Words a gap between a number and its verb may not hold: they open another clause.
GAP_STOPWORDS: tuple[str, ...] = (
    "and", "but", "or", "he", "she", "they", "it", "we", "I", "you", "where", "when",
    "whereas", "because", "if", "may", "might", "could", "would", "will", "feared",
    "believed", "said", "says", "say", "told", "tells", "knows", "know", "became", "become",
    "that", "reported", "showed", "shows", "who", "which", "whose", "claimed", "claims",
)

# First words of casualty verbs that are finite ("Twelve people, among them two children,
# died"): they need no auxiliary after a gap. A participle after a gap needs one, or it is
# a reduced relative on another noun ("... the daughter of a thinker killed in ...").
FINITE_VERB_HEADS: tuple[str, ...] = (
    "died", "die", "dies", "perished", "lost", "later", "succumbed", "sustained", "suffered",
    "received", "sought", "needed", "required",
)

# Plural nouns that are not people, for the rules that accept any plural noun.
NOT_PEOPLE_NOUNS: tuple[str, ...] = (
    "animals", "cows", "dogs", "cats", "horses", "pigs", "sheep", "birds", "chickens",
    "livestock", "cattle", "fish", "dolphins", "pets", "names", "buildings", "houses",
    "homes", "vehicles", "tanks", "missiles", "drones", "shells", "rockets", "trees",
)

# Words that may open a quantity ("at least one of them"), for partitive subjects.
QUALIFIER_WORDS: tuple[str, ...] = (
    "at least", "more than", "over", "about", "around", "some", "nearly", "almost", "up to",
    "as many as",
)

# Capitalised words that do not start or continue a person's name.
NOT_NAME_WORDS: tuple[str, ...] = (
    "In", "On", "At", "The", "A", "An", "But", "And", "When", "After", "Before", "Last",
    "This", "That", "These", "Those", "Earlier", "Later", "Since", "During", "While", "As",
    "If", "Of", "For", "From", "With", "By", "To", "It", "He", "She", "They", "We", "His",
    "Her", "Their", "Its", "Our", "Both", "All", "Some", "One", "Two", "Three", "Russian",
    "Ukrainian", "British", "American", "Polish", "Local", "Officials", "Authorities",
    "Police", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Ukraine", "Russia", "Kyiv", "Moscow", "Nationals",
    # organisations and outlets are not people
    "Embassy", "Ministry", "Council", "Agency", "Office", "Service", "Forces", "Army", "Navy",
    "Court", "Committee", "Government", "Department", "Press", "News", "TV", "Times", "Post",
    "Mail", "Guardian", "Telegraph", "Die", "Der", "Das", "Le", "La", "El", "Il", "War",
    "Administration", "Command", "Staff", "Guard", "Legion", "Regiment", "Brigade",
    "Region", "Oblast", "Republic", "City", "District", "Province", "Square", "Street",
    "Cup", "World", "Photograph", "Getty", "Images", "AP", "Reuters", "AFP",
)

# "2,000 killed or wounded": one figure for both, i.e. casualties, which is neither field
COMBINED_WITH: tuple[str, ...] = (
    "killed", "injured", "wounded", "hurt", "dead", "maimed", "missing", "captured",
)

# Unconfirmed deaths (CODEBOOK section 4: "feared dead", "may have died").
UNCONFIRMED_PARTICIPLES: tuple[str, ...] = (
    "feared dead", "feared killed", "feared to have died", "feared to have been killed",
    "feared to be dead", "feared to have perished", "believed dead", "believed killed",
    "believed to have died", "believed to have been killed", "believed to be dead",
    "presumed dead", "presumed killed", "thought to have died", "thought to have been killed",
    "thought to be dead", "may have died", "may have been killed", "might have died",
    "might have been killed", "may have perished", "likely dead", "likely killed",
    "probably dead", "probably killed", "possibly dead", "possibly killed",
    "missing and feared dead", "missing, feared dead", "missing presumed dead",
    "missing, presumed dead", "feared to have lost their lives",
)

# Killed. "fatally wounded" is a death, so it is listed here and tried before "wounded".
KILLED_PARTICIPLES: tuple[str, ...] = (
    "killed in action", "killed", "shot dead", "confirmed dead", "found dead",
    "pronounced dead", "declared dead", "dead", "died", "die", "dies", "perished", "slain",
    "lost their lives", "lost their life", "lost his life", "lost her life",
    "fatally wounded", "fatally injured", "mortally wounded", "fatally shot",
    "burned to death", "crushed to death", "among the dead", "among the killed", "dying",
    "later died", "succumbed to their injuries", "succumbed to his injuries",
    "succumbed to her injuries", "succumbed to wounds",
)

INJURED_PARTICIPLES: tuple[str, ...] = (
    "injured", "wounded", "hurt", "hospitalised", "hospitalized", "taken to hospital",
    "taken to hospitals", "taken to the hospital", "taken to a hospital",
    "taken to a medical facility", "taken to medical facilities", "admitted to hospital",
    "rushed to hospital", "in hospital", "treated in hospital", "treated for injuries",
    "treated for wounds", "sustained injuries", "suffered injuries", "received injuries",
    "sustained wounds", "suffered wounds", "received wounds", "sustained shrapnel wounds",
    "suffered shrapnel wounds", "sought medical help", "sought medical assistance",
    "sought medical attention", "sought medical care", "needed medical help",
    "needed medical treatment", "needed medical attention", "required medical help",
    "required medical treatment", "required medical attention", "required hospitalisation",
    "required hospitalization", "received medical help", "received medical treatment",
    "received medical assistance", "among the injured", "among the wounded",
)

# The Russian MoD's idiom, only with a combatant noun ("up to 100 nationalists were eliminated").
COMBATANT_PARTICIPLES: tuple[str, ...] = (
    "eliminated", "destroyed", "neutralised", "neutralized", "wiped out", "taken out",
    "liquidated", "annihilated",
)

# --- casualty verbs (before the counted noun: "killing 14") -------------------------------

KILLED_ACTIVE: tuple[str, ...] = (
    "claimed the lives of", "claiming the lives of", "claims the lives of",
    "took the lives of", "taking the lives of", "takes the lives of", "cost the lives of",
    "costing the lives of", "killed", "killing", "kills", "killed off",
)
# (not the bare "kill": "vowed to kill three of the enemy" is a threat, not a toll)
INJURED_ACTIVE: tuple[str, ...] = (
    "injured", "injuring", "injures", "injure", "wounded", "wounding", "wounds", "wound",
    "hurt", "hurting",
)
COMBATANT_ACTIVE: tuple[str, ...] = (
    "took out", "taking out", "takes out", "take out", "eliminated", "eliminating",
    "eliminates", "eliminate", "destroyed", "destroying", "destroys", "neutralised",
    "neutralized", "neutralising", "neutralizing", "wiped out", "wiping out", "annihilated",
    "liquidated", "liquidating",
)
# "left 14 dead and 24 wounded", "leaving nine people dead"
LEAVING_VERBS: tuple[str, ...] = ("left", "leaving", "leaves", "leave")
LEFT_KILLED: tuple[str, ...] = ("dead", "killed")
LEFT_INJURED: tuple[str, ...] = (
    "injured", "wounded", "hurt", "hospitalised", "hospitalized", "in hospital",
    "in a serious condition", "in serious condition",
)
LEFT_UNCONFIRMED: tuple[str, ...] = ("feared dead", "presumed dead", "missing, feared dead")

# "claimed 12 lives", "cost hundreds of lives"
LIVES_VERBS: tuple[str, ...] = (
    "claimed", "claiming", "claims", "cost", "costing", "costs", "took", "taking", "takes",
)
# "claimed the life of his daughter": one death
ONE_LIFE_VERBS: tuple[str, ...] = (
    "claimed the life of", "claiming the life of", "claims the life of", "took the life of",
    "taking the life of", "cost the life of", "costing the life of",
)

# Nouns that count deaths or injuries directly: "three deaths", "14 injuries".
KILLED_NOUNS: tuple[str, ...] = ("deaths", "fatalities", "dead", "death")
INJURED_NOUNS: tuple[str, ...] = ("injuries", "injured", "wounded")

# "the death toll rose to 30" (a toll update: the latest figure)
KILLED_TOLL_NOUNS: tuple[str, ...] = (
    "death toll", "toll of the dead", "toll", "number of dead", "number of the dead",
    "number of deaths", "number of fatalities", "number of people killed",
    "number of those killed", "number of killed", "number of people who died",
    "number of those who died", "number of civilian deaths", "number of civilians killed",
    "fatality toll", "fatality count", "body count", "tally of the dead",
)
INJURED_TOLL_NOUNS: tuple[str, ...] = (
    "number of injured", "number of the injured", "number of wounded",
    "number of the wounded", "number of injuries", "number of people injured",
    "number of those injured", "number of people wounded", "number of those wounded",
    "injury toll", "number of people hurt",
)
TOLL_VERBS: tuple[str, ...] = (
    "rose", "risen", "rises", "rising", "climbed", "climbs", "climbing", "increased",
    "increases", "jumped", "jumps", "grew", "grown", "reached", "reaches", "hit", "hits",
    "soared", "mounted", "went up", "gone up", "stands", "stand", "stood", "is", "was",
    "topped", "passed", "surpassed", "exceeded",
)
# "the toll topped 30": more than the number
TOLL_VERBS_EXCEEDING: tuple[str, ...] = ("topped", "passed", "surpassed", "exceeded")
TOLL_CAUSATIVE: tuple[str, ...] = (
    "bringing", "brought", "brings", "raising", "raised", "pushing", "pushed", "taking",
    "took", "putting", "put", "lifting", "lifted",
)

# --- other languages left in English text (CODEBOOK section 7: read them, but say so) -----

# ("vittime", "víctimas", "victimes" are victims: killed or injured, so neither field)
FOREIGN_KILLED: tuple[str, ...] = (
    "morti", "morto", "morta", "morte", "morts", "mort", "tués", "tuées", "muertos",
    "muerto", "muertas", "fallecidos", "mortos", "Tote", "Toten", "getötet", "zabitych",
    "zabici",
)
FOREIGN_INJURED: tuple[str, ...] = (
    "feriti", "ferito", "ferita", "ferite", "heridos", "herido", "heridas", "blessés",
    "blessé", "blessées", "feridos", "Verletzte", "Verletzten", "verletzt", "rannych",
    "ranni",
)

# --- words that qualify a figure ----------------------------------------------------------

# A hedge near the figure: still a death the codebook counts ("reportedly killed" is a
# death reported by someone, as ACLED codes reported fatalities), but not a confirmed one.
HEDGES_NEAR: tuple[str, ...] = (
    "reportedly", "allegedly", "purportedly", "unconfirmed", "according to reports",
    "are said to", "were said to", "was said to", "is said to", "rumoured", "rumored",
    "believed to have", "thought to have", "is believed", "are believed", "was believed",
    "were believed",
)
HEDGES_SENTENCE: tuple[str, ...] = (
    "unconfirmed", "preliminary", "could not be independently verified",
    "could not independently verify", "cannot be independently verified",
    "has not been independently verified", "not been verified", "could not be verified",
    "could not verify",
)

# Nothing counted when the bodies were handed over or exchanged (not a strike's toll).
BODY_EXCHANGE_WORDS: tuple[str, ...] = (
    "handed over", "hand over", "returned", "repatriated", "repatriation", "exchange",
    "exchanged", "swap", "transferred",
)
BODY_DISCOVERY_WORDS: tuple[str, ...] = (
    "found", "recovered", "pulled", "retrieved", "discovered", "exhumed", "unearthed",
    "removed", "saw", "seen", "see", "lay", "lying", "lie", "were", "was", "are", "counted",
    "identified", "buried", "brought", "taken", "dug",
)

# Zero: "no one was hurt", "no casualties were reported".
ZERO_SUBJECTS: tuple[str, ...] = (
    "no one", "no-one", "noone", "nobody", "none", "not a single person", "not one person",
    "no people", "no person", "no civilians", "no civilian", "no residents", "no one else",
    "none of them", "none of the residents", "none of the people", "none of the passengers",
    "none of the crew", "none of the workers", "none of the staff", "none of those",
)
# after ZERO_SUBJECTS: which figure is zero. "hurt"/"harmed" is the idiom for "no
# casualties" (CODEBOOK puts "no one was hurt" in the "no casualties" row): both.
ZERO_VERBS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "dead", "died", "perished", "lost their lives", "lost his life",
               "lost her life"),
    "injured": ("injured", "wounded", "hospitalised", "hospitalized"),
    "both": ("hurt", "harmed", "injured or killed", "killed or injured", "killed or wounded",
             "wounded or killed", "hurt or killed", "killed or hurt", "killed nor injured",
             "killed nor wounded", "injured nor killed", "a casualty", "among the casualties"),
}
ZERO_NOUNS: dict[str, tuple[str, ...]] = {
    "killed": ("deaths", "fatalities", "dead", "death", "loss of life", "losses of life",
               "one killed", "one dead", "lives lost"),
    "injured": ("injuries", "injured", "wounded", "one injured", "one hurt", "one wounded"),
    "both": ("casualties", "victims", "civilian casualties", "human casualties",
             "casualties among civilians", "human losses", "dead or injured",
             "dead or wounded", "deaths or injuries", "injuries or deaths", "one hurt or killed"),
}

# --- war-long totals -------------------------------------------------------------------

# A figure for the whole war is never the toll of one strike ("nearly 9,000 soldiers have
# been killed in action", "the invasion has killed 6,000 civilians"): words near the figure
# that say so. Not "of the war" or "in the war" alone: "the deadliest strike of the war
# killed 50" is one strike's toll.
WAR_TOTAL_WORDS: tuple[str, ...] = (
    "killed in action", "died in action", "wounded in action", "missing in action",
    "since the start", "since the beginning", "since the outset", "since the invasion",
    "since the full-scale invasion", "since the Russian invasion", "since Russia invaded",
    "since Russia's invasion", "since Russia’s invasion", "since Moscow invaded",
    "since Moscow's invasion", "since Moscow’s invasion", "since the war began",
    "since the war started", "since the conflict began", "since the war", "since February 24",
    "since 24 February", "since Feb. 24", "since 2014", "killed in the war", "died in the war",
    "wounded in the war", "injured in the war", "killed in the conflict",
    "died in the conflict", "killed during the war", "died during the war",
    "throughout the war", "over the course of the war", "so far in the war",
    "in the war so far", "war has killed", "conflict has killed", "invasion has killed",
    "war has claimed", "invasion has claimed", "total losses", "overall losses",
)
# No single strike of this war has killed or wounded a thousand people (the deadliest, the
# Mariupol theatre, is put at up to 600): a figure this large is a total of many, as ACLED
# would code it, an aggregate and not an event's toll.
WAR_TOTAL_MIN_FIGURE = 1000
