"""Rule tables for extraction, kept as data: weapons, attack types, targets, triggers,
attacker cues and the cues of things that are not events (CODEBOOK sections 1, 2, 5).

Each table is a tuple of ``(pattern, value)`` rows; patterns are regular expressions
matched case-insensitively on word boundaries unless marked. ``compile_table`` turns a
table into one alternation per value so a sentence is scanned once per table.
"""

from __future__ import annotations

import re
from typing import Iterable

# --- weapons (CODEBOOK section 5): canonical name, attack type, spelling variants ---------
# The variants tolerate the transliterations and typos seen in reporting ("Iksander").
WEAPONS: tuple[tuple[str, str, str], ...] = (
    ("Iskander-M", "missile", r"is?k[sa]?and[ae]r(?:-?[mk]\b)?|iksander(?:-?m)?|9k720"),
    ("Kinzhal", "missile", r"kinzhal|kh-?47m2|x-?47m2"),
    ("Kalibr", "missile", r"kalibr|kaliber|3m-?14"),
    ("Kh-101", "missile", r"[kx]h?-?101"),
    ("Kh-555", "missile", r"[kx]h?-?555"),
    ("Kh-22", "missile", r"[kx]h?-?22\b(?!\s*(?:people|civilians))"),
    ("Kh-59", "missile", r"[kx]h?-?59"),
    ("Kh-55", "missile", r"[kx]h?-?55\b"),
    ("Kh-31", "missile", r"[kx]h?-?31\b"),
    ("Kh-35", "missile", r"[kx]h?-?35\b"),
    ("Kh-69", "missile", r"[kx]h?-?69\b"),
    ("S-300", "missile", r"s-?300s?"),
    ("S-400", "missile", r"s-?400s?"),
    ("Oreshnik", "missile", r"oreshnik"),
    ("Tochka-U", "missile", r"tochka(?:-?u)?"),
    ("Onyx", "missile", r"onyx|oniks|p-?800|yakhont"),
    ("Zircon", "missile", r"zircon|tsirkon"),
    ("ATACMS", "missile", r"atacms"),
    ("Storm Shadow", "missile", r"storm\s+shadows?|scalp(?:-eg)?"),
    ("Neptune", "missile", r"neptunes?(?=\s+(?:anti-ship\s+|cruise\s+)?missiles?)|r-?360"),
    ("Shahed-136", "drone",
     r"shahed(?:-?13[16])?s?|geran(?:-?2)?s?|iranian[- ](?:built|made|designed|supplied)\s+"
     r"(?:\W?(?:kamikaze|suicide|attack|exploding|self-detonating|explosive-laden|one-way)\W?\s+)?"
     r"drones?|kamikaze[\"'\u201d]?\s+drones?|(?:suicide|self-detonating|self-exploding)\s+drones?"
     r"|kamikaze\s+(?:uavs?|aerial\s+vehicles?)"),
    ("Lancet", "drone", r"lancets?(?:-3)?"),
    ("Bayraktar TB2", "drone", r"bayraktars?(?:\s+tb-?2)?"),
    ("KAB", "guided_bomb",
     r"kabs?(?:-\d{3,4})?|guided\s+(?:aerial\s+|air\s+)?bombs?|glide\s+bombs?|umpk"),
    ("FAB-500", "air_strike", r"fab-?500"),
    ("FAB-250", "air_strike", r"fab-?250"),
    ("FAB-1500", "air_strike", r"fab-?1500"),
    ("FAB-3000", "air_strike", r"fab-?3000"),
    ("HIMARS", "rocket_artillery", r"himars"),
    # reporters call the rockets of a launcher "missiles" too ("Grad missiles hit Nikopol")
    ("Grad", "rocket_artillery", r"grads?(?=\s+(?:rockets?|missiles?|multiple|systems?|launchers?"
                                 r"|mlrs))|bm-?21|\u201cgrad"),
    ("Smerch", "rocket_artillery", r"smerch|bm-?30"),
    ("Uragan", "rocket_artillery", r"uragan|bm-?27"),
    # "Tornado" alone is as often a battalion or a warplane: only with the launcher's words
    ("Tornado", "rocket_artillery", r"tornado(?:-[gsu])?(?=\s+(?:rockets?|missiles?|multiple"
                                    r"|systems?|launchers?|mlrs))|tornado-[gsu]"),
    ("TOS-1A", "rocket_artillery", r"tos-?1a?"),
    ("2S1 Gvozdika", "artillery", r"2s1(?:\s+gvozdika)?|gvozdika"),
    ("M777", "artillery", r"m-?777s?"),
    ("Buk", "missile", r"buk(?=\s|-m)"),
    ("Tor", "missile", r"tor-?m\d"),
    ("Pantsir", "missile", r"pantsir"),
)

# A weapon named only as what the strike was first taken for, or was not ("initially
# misidentified as a Tochka-U", "not an Iskander but an S-300"), is not its weapon.
NOT_THIS_WEAPON = (
    r"(?:misidentified|mistaken|misreported|taken|identified\s+wrongly)\s+(?:\w+\s+){0,2}"
    r"(?:as|for)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$|\bnot\s+(?:an?\s+|the\s+)?$"
    r"|rather\s+than\s+(?:an?\s+|the\s+)?$|instead\s+of\s+(?:an?\s+|the\s+)?$"
)

# --- attack types from words other than weapon names -----------------------------------
# The launchers of rocket artillery (CODEBOOK section 5: Grad, Uragan, Smerch, Tornado,
# HIMARS): a "missile" or "rocket" that such a launcher fired is rocket artillery, whatever
# the reporter calls the munition ("two missiles from Uragan systems", "a missile fired from
# a HIMARS launcher", "rockets fired by a Grad").
MLRS_LAUNCHER = (r"grads?|uragan|smerch|tornado|himars|m142|m270|mlrs|bm-?2[17]|bm-?30"
                 r"|multiple[- ](?:launch(?:ed)?[- ])?rocket")
_NOT_FROM_MLRS = (r"(?!\s+(?:[\w-]+\s+){0,3}?(?:from|by|of|using|with)\s+(?:[\w\u2019'-]+\s+){0,4}?"
                  r"[\u201c\"'(\[]?(?:" + MLRS_LAUNCHER + r")\b)")
_NOT_AFTER_MLRS = (r"(?<!grad\s)(?<!grads\s)(?<!uragan\s)(?<!smerch\s)(?<!tornado\s)(?<!himars\s)"
                   r"(?<!tornado-s\s)(?<!tornado-g\s)"
                   r"(?<!mlrs\s)(?<!bm-21\s)(?<!grad\u201d\s)(?<!uragan\u201d\s)")

ATTACK_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:cruise|ballistic|hypersonic|anti-ship|air-launched|guided)\s+missiles?"
     r"|" + _NOT_AFTER_MLRS + r"missiles?" + _NOT_FROM_MLRS + r"|ballistics", "missile"),
    # In English-language reporting a lone "rocket" is almost always a missile ("hit by a
    # Russian rocket", "rocket attacks on Lviv"); the launcher family ("multiple rocket
    # launchers", "HIMARS rockets", "rockets and artillery") is rocket artillery instead.
    (r"(?<!multiple\s)(?<!multiple-)(?<!space\s)(?<!guided\s)" + _NOT_AFTER_MLRS +
     r"(?<!range\s)(?<!tank\s)(?<!advanced\s)(?<!artillery\s)rockets?(?!\s+(?:launch\w*|systems?"
     r"|artillery|fire|company|fragments?|engines?|and\s+(?:heavy\s+)?artillery)\b)(?!-)"
     + _NOT_FROM_MLRS, "missile"),
    (r"drones?|uavs?|unmanned\s+aerial\s+vehicles?|kamikaze", "drone"),
    (r"(?:guided|glide|gliding)\s+(?:aerial\s+)?bombs?|guided\s+air\s+bombs?", "guided_bomb"),
    (r"air\s*-?strikes?|air\s+raids?(?!\s+(?:sirens?|alerts?|warnings?|alarms?|shelters?))"
     r"|bombing\s+raids?|(?<!guided\s)aerial\s+bombs?|(?<!guided\s)(?<!glide\s)(?<!aerial\s)(?<!air\s)bombs?\s+(?:hit|struck|fell|"
     r"dropped)|bombed(?!-out)|(?:warplanes?|fighter\s+jets?)(?!\s+(?:\w+\s+){0,2}(?:fired|launched)"
     r"\s+(?:\w+\s+){0,2}missiles?)|dropped\s+bombs?|(?:aircraft|jets?|planes|helicopters?)"
     r"\s+(?:had\s+|have\s+|has\s+)?(?:hit|struck|bombed|attacked|pounded|dropped)", "air_strike"),
    (r"shell(?:ing|ed|s)|artillery|mortars?|howitzers?|tank\s+fire|cannon\s+fire", "artillery"),
    (r"multiple[- ](?:launch\s+)?rocket\s+(?:launchers?|systems?)|mlrs|rocket\s+launchers?"
     r"|rocket\s+artillery|rockets?\s+and\s+(?:heavy\s+)?artillery|multiple\s+rockets",
     "rocket_artillery"),
    # gunmen and saboteurs on the ground: ACLED's "armed clash"/"attack" by ground forces
    (r"gunm[ae]n|shooters?|(?:opened|open)\s+fire\s+on\s+(?:\w+\s+){0,3}(?:soldiers|servicemen"
     r"|recruits|volunteers|civilians)|sabotage\s+(?:and\s+reconnaissance\s+)?(?:groups?|units?)"
     r"|small[- ]arms\s+fire|automatic\s+weapons", "ground_attack"),
)

# --- targets (CODEBOOK section 2) --------------------------------------------------------
TARGET_WORDS: tuple[tuple[str, str], ...] = (
    (r"residential|apartment(?:\s+(?:block|building|complex|house))?s?|blocks?\s+of\s+flats"
     r"|(?<!way\s)(?<!back\s)homes?(?!\s+(?:from|to)\b)|houses?|housing(?!\s+(?:an?|the|offices?|shops?|businesses|companies)\b)|high-rises?|multi-?stor(?:e)?y|dormitor(?:y|ies)|flats?"
     r"|residence\s+(?:complicated|complex)|dwellings?|residential\s+areas?|neighbou?rhoods?",
     "residential"),
    (r"shopping\s+(?:centre|center|mall)s?|malls?|markets?|supermarkets?|shops?|stores?"
     r"|business\s+(?:centre|center)s?|hotels?|restaurants?|cafes?|car\s+dealerships?"
     r"|commercial|businesses|(?:petrol|gas|filling|fuel)\s+stations?"
     # "the Foreign Office said", "the president's office": an institution, not premises
     r"|office\s+(?:buildings?|blocks?|centres?|centers?|premises|complex)|offices(?!\s+of\b)",
     "commercial"),
    (r"power\s+(?:plant|station|grid|lines?|facilit(?:y|ies)|infrastructure|supply|supplies)s?"
     r"|energy(?:\s+(?:infrastructure|facilit(?:y|ies)|systems?|targets?|sites?))?"
     r"|electricity|substations?|thermal\s+power|hydroelectric|nuclear\s+power|oil\s+(?:refiner"
     r"(?:y|ies)|depots?|facilit(?:y|ies)|terminals?|storage)|fuel\s+(?:depots?|storage)"
     r"|refiner(?:y|ies)|heating\s+(?:network|plant)s?|combined\s+heat|gas\s+production"
     r"|power\s+sources|critical\s+infrastructure|(?:left|leaving|were|was|remain(?:ed)?)\s+"
     r"(?:[\w,.-]+\s+){0,4}without\s+(?:power|electricity)|power\s+(?:outages?|cuts?)|blackouts?"
     r"|(?:electricity|power)\s+distribution", "energy"),
    (r"industrial|factor(?:y|ies)|(?<!power\s)(?<!nuclear\s)(?<!thermal\s)(?<!treatment\s)"
     r"plants?(?=\W)|enterprises?|warehouses?|machine-building"
     r"|manufactur\w+|workshops?|(?:repair|production|assembly)\s+(?:facilit(?:y|ies)|shops?"
     r"|base)", "industrial"),
    (r"government\s+(?:buildings?|quarter|offices?|headquarters)|administration\s+buildings?"
     r"|city\s+hall|town\s+hall|parliament|ministry\s+building|regional\s+administration"
     r"\s+building|council\s+building", "government"),
    # "19 remain in hospital", "taken to hospital": where the wounded went, not what was hit
    (r"(?<!in\s)(?<!to\s)(?<!from\s)hospitals?|clinics?|maternity|medical\s+(?:facilit(?:y|ies)|centres?|centers?)"
     r"|oncology|health\s+(?:centre|center|facility)|ambulance\s+station", "medical"),
    (r"schools?|universit(?:y|ies)|kindergartens?|colleges?|lyceums?|nurser(?:y|ies)"
     r"|campus|educational", "education"),
    (r"bridges?|railway(?:\s+station)?s?|rail(?:road)?|train\s+stations?"
     r"|(?:bus|metro|subway|underground|tram|trolleybus|railway|rail)\s+(?:stations?|stops?|depots?)"
     r"|airports?|bus(?:es)?(?=\W)|highways?|trains?|transport\w*|depots?\s+of\s+"
     r"trains|tracks"
     # "Kramatorsk station": a town's station is its railway station
     r"|(?!(?:power|pumping|radio|filling|gas|petrol|police|fire|space|research|nuclear|electric"
     r"|hydro\w*|thermal|compressor|relay|weather|the|a|this|that|its)\b)(?-i:[A-Z][a-z]+\s+station)"
     # a road only as what was struck: "the main road into the city has been shelled"
     r"|roads?(?=\s+(?:[\w-]+\s+){0,4}(?:has|have|had|was|were)\s+been\s+(?:shelled|hit|struck"
     r"|damaged|destroyed|cut|mined|blocked))", "transport"),
    (r"ports?|seaports?|harbou?rs?|grain\s+terminals?|docks?|piers?", "port"),
    (r"military(?!-industrial)(?!\s+(?:crimes?|administrations?|governors?|analysts?|experts?|escalation"
     r"|officials?|spokes\w+|sources?|chiefs?|leaders(?:hip)?|aid|assistance|intelligence"
     r"|observers?|bloc|operation|campaign|conflict|says|said|command\s+(?:said|says|reported)))"
     r"|barracks|army\s+(?:bases?|positions?|depots?|units?|headquarters|camps?)"
     r"|(?:depots?|bases?|positions|units?|warehouses?|facilit(?:y|ies))\s+(?:of|belonging\s+to)"
     r"\s+the\s+(?:\w+\s+)?(?:army|armed\s+forces)|ammunition|arms\s+depots?|munitions|command\s+(?:post|centre|center)s?"
     r"|air\s*(?:base|field)s?|positions|troops|mercenaries|bases?(?=\W)|headquarters"
     r"|deployment\s+point|battalion|brigade|regiments?|trenches|soldiers|servicemen|fighters"
     r"|weapons\s+depots?|armou?red\s+vehicles?|training\s+(?:ground|centre|center|camp)s?",
     "military"),
    (r"rescuers?|firefighters?|paramedics?|medics|emergency\s+(?:workers?|services?|responders?)"
     r"|first\s+responders?|rescue\s+(?:workers?|vehicles?|teams?)|ambulances?", "emergency_services"),
    (r"water\s+(?:supply|supplies|pumping|station|channel|treatment|utility|mains)"
     r"|pipelines?|gas\s+(?:pipelines?|lines?|mains)|pumping\s+(?:station|facility)"
     r"|utilit(?:y|ies)|sewage|boiler\s+houses?", "utility"),
    (r"recreational|parks?(?=\W)|playgrounds?|stadiums?|sports\s+(?:centre|center|complex)"
     r"|beach(?:es)?|resorts?|holiday|leisure|entertainment|camp\s?sites?|campgrounds?"
     r"|sanatori(?:um|ums|a)|recreation\s+(?:centres?|centers?|areas?|bases?)", "recreational"),
    (r"theat(?:er|re)s?|museums?|librar(?:y|ies)|cultural|concert\s+halls?|monuments?"
     r"|palace\s+of\s+culture|cinemas?|house\s+of\s+(?:culture|(?:military\s+)?officers)"
     r"|culture\s+(?:centres?|centers?|houses?)", "cultural"),
    (r"churche?s?|cathedrals?|monaster(?:y|ies)|mosques?|synagogues?|temples?|chapels?"
     r"|religious", "religious"),
    (r"grain(?!\s+(?:deal|exports?))|farms?|agricultural|silos?|elevators?|crops?|fields?"
     r"|livestock|sunflower|fertili[sz]ers?", "agricultural"),
)

# --- something was struck or exploded ---------------------------------------------------
# Verbs and nouns that report an attack that happened. A sentence needs one of these (or
# a casualty figure next to a weapon word) to report an event.
ATTACK_TRIGGERS = (
    r"came\s+under\s+(?:fire|attack|shelling)|come\s+under\s+(?:fire|attack|shelling)"
    r"|dropped|damaging|(?:was|were)\s+fired|fired\s+(?:[\w-]+\s+){0,8}(?:at|on|into)"
    r"|fired\s+(?:on|upon)|shot\s+at|opened\s+fire"
    r"|struck|strikes?|striking|hit(?:s|ting)?|shell(?:ed|ing)|bombard(?:ed|ment)|bomb(?:ed|ing)s?"
    r"|attack(?:ed|s|ing)?|assaults?|barrage|pounded|pounding|rocked|blasts?|explosions?"
    r"|exploded|detonat\w+|destroyed|damaged|targeted|targeting|slammed|landed|fired\s+(?:at|on"
    r"|into)|launched\s+(?:an?\s+)?(?:\w+\s+){0,3}(?:at|on|against)|raids?|airstrikes?|debris"
    r"|wreckage|fell\s+on|crashed\s+into|set\s+(?:\w+\s+){0,2}(?:on\s+fire|ablaze|alight)"
    r"|blew\s+up|was\s+killed|were\s+killed|killing|killed|wounded|injured|died|dead"
)

# --- things that are not events ------------------------------------------------------------
THREAT = (
    r"threat(?:en)?(?:ed|s|ing)?|warn(?:ed|s|ing)|vow(?:ed|s)|ultimatum|promised\s+to|pledged"
    r"\s+to|would\s+(?:be\s+)?(?:hit|strike|target|launch|respond|retaliate|face)"
    r"|will\s+(?:be\s+)?(?:hit|strike|target|launch|respond|retaliate|face|receive)"
    r"|brac(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}for|prepar(?:e|es|ed|ing)\s+for\s+(?:\w+\s+){0,3}"
    r"(?:attack|assault|offensive|strikes?)|capable\s+of|designed\s+to|able\s+to\s+(?:hit|strike|reach|launch)|in\s+order\s+to"
    r"|ready\s+to\s+(?:deliver|launch|carry\s+out)|retaliatory\s+strikes?\s+against"
    r"|(?<!used\s)(?<!was\s)(?<!were\s)to\s+(?:launch|strike|hit|attack|shell|bomb)\s+(?!by\b)"
    r"|plans?\s+to|planned\s+to|plotting|intend(?:s|ed)?\s+to|going\s+to\s+(?:strike|hit)"
    r"|ready\s+to\s+(?:strike|hit)|could\s+(?:hit|strike|target|escalate|use|launch)"
    r"|might\s+(?:hit|strike|use|launch)|may\s+(?:hit|strike|use|launch)|if\s+\w+\s+(?:uses?"
    r"|launch(?:es)?|strikes?|attacks?)|fears?\s+(?:of\s+)?(?:a\s+)?(?:new|further|more)"
    r"|expected\s+to\s+(?:strike|attack|launch)"
)
SPECULATION = r"could|would|might|may\s+(?!have\b)|possible|possibly|potential(?:ly)?|hypothetical"
GROUND_FIGHTING = (
    r"seiz(?:ed|ing|ure)|captur(?:ed|ing)\s+(?:the\s+)?(?:city|town|village|settlement)"
    r"|advanc(?:e|ed|ing)|encircl\w+|clos(?:ing|e)\s+in\s+on|recaptur\w+|liberat\w+|offensive"
    r"|counter-?offensive|mounted\s+an?\s+(?:\w+\s+)?(?:attack|assault|offensive)"
    r"|(?:attack|assault)\s+across|crossed\s+the|retreat\w*|withdr[ae]w\w*|front\s*line|heavy\s+fighting|fighting"
    r"\s+(?:around|near|in)|took\s+control|came\s+under\s+(?:russian|ukrainian)\s+control"
)
INTERCEPTION = (
    r"air\s*defen[cs]es?\s+(?:systems?\s+)?(?:was|were|is|are)\s+(?:\w+\s+)?(?:responding|working"
    r"|repelling|operating|active|activated)|shot\s+down|intercept(?:ed|ing|s)?|downed|neutrali[sz]ed|destroyed\s+(?:\d+|all|\w+)\s+"
    r"(?:of\s+)?(?:the\s+)?(?:incoming\s+)?(?:\w+\s+)?(?:drones|missiles)|air\s+defen[cs]es?\s+"
    r"(?:shot|destroyed|intercepted|downed|were\s+(?:working|activated))"
)
ACCIDENT = (
    r"crash(?:ed)?\s+(?:during|while|on\s+take-?off|after\s+take-?off)|training\s+(?:flight|"
    r"mission)|plane\s+crash|accident(?:al(?:ly)?)?|non-combat|short\s+circuit|gas\s+leak"
    r"|technical\s+(?:fault|malfunction)|during\s+training"
    # causes an official gives for a blast that nobody struck: the report's own words
    r"|careless(?:ly)?\s+(?:handl\w+|smok\w+)|mishandl\w+|negligen\w+|(?:violation|breach)\w*"
    r"\s+of\s+(?:fire[- ]|the\s+)?safety|fire[- ]safety\s+(?:rules|regulations|violations?)"
    r"|engine\s+(?:caught\s+fire|fire|failure)|malfunction(?:ed|ing)?"
)
AGGREGATE = (
    # rates and running totals
    r"per\s+day|(?<=s\s)a\s+day\b|every\s+day|each\s+day|daily|per\s+week|nightly|regularly"
    r"|routinely|repeatedly|almost\s+every|so\s+far\s+this\s+year|in\s+total\s+since|as\s+of\s+(?:\w+\s+)?\d"
    # periods
    r"|since\s+the\s+(?:start|beginning)|since\s+(?:february|the\s+invasion|the\s+war)"
    r"|throughout\s+the\s+war|over\s+the\s+past\s+(?:\w+\s+)?(?:weeks|months|year)"
    r"|in\s+recent\s+(?:weeks|months)|for\s+(?:months|weeks)"
    r"|(?:under|been)\s+(?:\w+\s+)?(?:attack|fire|shelling|bombardment)\s+(?:for|since)"
    # trends
    r"|record\s+levels?|increasingly|surged|escalated|escalating|increased|intensified|stepped\s+up"
    r"|stepping\s+up|ramped\s+up|tenfold|twofold|threefold"
    # series
    r"|(?:\d+|ten|several)\s+(?:mass|massive)\s+attacks?|sixth|fifth|seventh|all\s+but\s+one"
    r"|countless|a\s+series\s+of\s+(?:\w+\s+){0,2}(?:attacks|strikes|explosions|blasts|shelling)"
    r"|(?:ongoing|constant|relentless|repeated|regular|continuing|continued|continues|continue"
    r"|incessant|persistent)\s+(?:\w+\s+){0,2}(?:barrage|shelling|bombardment|strikes|attacks"
    r"|missile|drone|air|rocket|assaults?)"
)
NEGATION = r"no\s+(?:strike|attack|explosion)s?|did\s+not\s+(?:hit|strike|explode)|denied\s+(?:any|that)"

# --- attacker cues (CODEBOOK section 2, appendix "Who speaks") --------------------------------
ATTACKER_CUES: tuple[tuple[str, str, str], ...] = (
    # (pattern, side, attacker_name)
    (r"russian\s+(?:forces|troops|army|military|armed\s+forces|aviation|air\s+force|navy"
     r"|invaders|occupiers)", "RU", "Russian forces"),
    (r"russian\s+(?:missile|drone|rocket|air|artillery|shelling|strike|attack|bomb|guided|glide"
     r"|cruise|ballistic|kamikaze|shell|barrage|bombardment|fire|assault|aerial|warplane|jet"
     r"|helicopter|s-300|iskander|kalibr|kinzhal|onslaught|terror)\w*", "RU", "Russian forces"),
    (r"(?:russia|moscow|the\s+kremlin|putin(?:'s|\u2019s)?\s+(?:forces|troops|army|regime)?)"
     r"\s+(?:has\s+|had\s+|have\s+)?(?:launched|fired|struck|attacked|hit|shelled|bombed"
     r"|unleashed|pounded|targeted|sent|used|carried\s+out|dropped)", "RU", "Russia"),
    (r"the\s+(?:occupiers|invaders|russians|enemy|racists|orcs)|wagner\s+(?:group\s+)?"
     r"(?:fighters|mercenaries|forces)|(?:from|by)\s+the\s+russian\s+side", "RU", "Russian forces"),
    (r"(?:from|by)\s+the\s+ukrainian\s+side", "UA", "Ukrainian forces"),
    (r"(?:russian|russia's|russia\u2019s)\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)\s+"
     r"(?:said|says|claimed|reported)\s+(?:that\s+)?(?:its|russian)\s+(?:forces|troops|army|"
     r"aviation|military)", "RU", "Russian forces"),
    (r"ukrainian\s+(?:forces|troops|army|military|armed\s+forces|militants|nationalists|air[- ]defen[cs]es?"
     r"|neo-?nazis|special\s+services|saboteurs|sabotage|navy|air\s+force|intelligence)",
     "UA", "Ukrainian forces"),
    (r"ukrainian\s+(?:missile|drone|rocket|strike|attack|shelling|artillery|bomb|uav|himars"
     r"|kamikaze|fire|shell|barrage|counter-?attack|sea\s+drone|aerial)\w*", "UA",
     "Ukrainian forces"),
    (r"(?:ukraine|kyiv|kiev)\s+(?:has\s+|had\s+)?(?:launched|fired|struck|attacked|hit|shelled"
     r"|targeted|used|carried\s+out)", "UA", "Ukrainian forces"),
    (r"(?:the\s+)?kiev\s+regime|kiev(?:'s|\u2019s)\s+(?:forces|troops|militants)"
     r"|carried\s+out\s+by\s+kiev|by\s+kyiv|by\s+ukraine|kyiv\s+has\s+(?:not\s+)?claimed"
     r"|kyiv\s+(?:did\s+not|has\s+not|didn't)\s+(?:claim|comment)", "UA", "Ukrainian forces"),
    # soldiers turning their guns on their own unit: neither side's attack on the other
    # (ACLED codes such shootings apart from interstate violence)
    (r"(?:fired|opened\s+fire|shot)\s+(?:on|at)\s+(?:their\s+|his\s+)?(?:own\s+)?(?:fellow"
     r"|own)\s+(?:troops|soldiers|servicemen|recruits|conscripts|comrades|volunteers)",
     "other", "own soldiers (insider shooting)"),
    (r"anti-kremlin\s+(?:russian\s+)?(?:armed\s+)?(?:groups?|fighters|militias?|volunteers)"
     r"|russian\s+volunteer\s+corps|freedom\s+of\s+russia\s+legion", "other",
     "anti-Kremlin Russian armed groups"),
)

ATTRIBUTION_CUES: tuple[tuple[str, str], ...] = (
    (r"(?:no(?:-?one|body)|no\s+(?:group|side|one))\s+(?:has\s+)?claimed\s+responsibility"
     r"|has\s+not\s+(?:yet\s+)?claimed|did\s+not\s+claim|not\s+claimed\s+(?:responsibility"
     r"|accountability)|didn't\s+claim|no\s+claim\s+of\s+responsibility"
     r"|without\s+claiming", "unclaimed"),
    # opposing attributions left unsettled (CODEBOOK section 2); "Russia accused Ukraine of
    # faking the attack" denies the event, not who did it, and stays a claim
    (r"blam(?:ed|ing)\s+each\s+other|traded\s+(?:accusations|blame)|accused\s+each\s+other"
     r"|each\s+side\s+(?:blamed|accused)|both\s+sides\s+(?:blamed|accused)|denied\s+(?:any\s+)?"
     r"(?:involvement|responsibility|carrying\s+out|being\s+behind|targeting|striking|attacking)"
     r"|(?:denies|denied|rejected)\s+(?:\w+\s+){0,3}(?:it|they)\s+(?:was|were)\s+(?:behind|"
     r"responsible)|blamed\s+(?:\w+\s+){0,3}for\s+the\s+(?:attack|strike|shelling|explosion)"
     r"\s+on\s+each\s+other|blamed\s+[^.;]{0,120}?\bon\s+each\s+other|(?:denied|rejected|"
     r"dismissed|came\s+out\s+(?:strongly\s+)?against)\s+(?:the\s+)?(?:reports?|claims?|allegations?|"
     r"accusations?)(?:\s+\w+){0,3}\s+(?:of|that)\b|(?:denied|rejected|dismissed)\s+(?:these|"
     r"those|such)\s+(?:allegations|accusations|claims)|(?:denied|rejected|dismissed)\s+(?:the\s+)?"
     r"(?:allegations?|accusations?)\b|which\s+(?:\w+\s+){0,2}(?:denies|denied)"
     r"|denied\s+any\s+(?:\w+\s+)?involvement", "disputed"),
    (r"(?:ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministry|general\s+staff|armed\s+forces)\s+"
     r"(?:\w+\s+){0,3}(?:said|claimed|reported|announced)|claimed\s+responsibility"
     r"|took\s+responsibility|high-precision", "claimed"),
)


def compile_table(rows: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    """One case-insensitive word-bounded regex per value."""
    grouped: dict[str, list[str]] = {}
    for pattern, value in rows:
        grouped.setdefault(value, []).append(pattern)
    return [(re.compile(r"(?<![\w-])(?:" + "|".join(p) + r")(?![\w])", re.I), value)
            for value, p in grouped.items()]


def compile_any(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])", re.I)
