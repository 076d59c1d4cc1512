"""Casualty phrases (CODEBOOK section 4 and the section 10 paragraph on casualty phrasing),
on sentences written for these tests in the style of wire copy."""

from __future__ import annotations

import time

import pytest

from strikewatch.extract.casualties import CasualtyMention, find_casualties
from strikewatch.model import Count

N = None    # unbounded


def figures(sentence: str, **kw) -> list[tuple[str, int | None, int | None]]:
    return [(m.kind, m.count.min, m.count.max) for m in find_casualties(sentence, **kw)]


def main_figures(sentence: str) -> list[tuple[str, int | None, int | None]]:
    return [(m.kind, m.count.min, m.count.max) for m in find_casualties(sentence) if not m.breakdown]


def only(sentence: str, kind: str) -> CasualtyMention:
    found = [m for m in find_casualties(sentence) if m.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- killed -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Officials said 14 people were killed when the missile hit a bus depot.", (14, 14)),
    ("The drone struck a market in the town centre, killing 14.", (14, 14)),
    ("Russian shelling killed 14 people in the village overnight.", (14, 14)),
    ("Regional police reported 14 dead after the strike on the rail yard.", (14, 14)),
    ("Fourteen civilians lost their lives in the attack, the governor said.", (14, 14)),
    ("Rescuers said the bodies of 14 people were recovered from the collapsed school.", (14, 14)),
    ("One person died in hospital on Wednesday, the health ministry said.", (1, 1)),
    ("The strike on the shopping arcade claimed the lives of 12 shoppers.", (12, 12)),
    ("At least 12 people have died since the shelling began at dawn.", (12, None)),
    ("Three people died in separate strikes on the suburbs on Friday.", (3, 3)),
    ("The rocket attack claimed 12 lives, according to the mayor.", (12, 12)),
    ("Police said five residents had been killed in the overnight barrage.", (5, 5)),
    ("The strike left nine people dead, the head of the administration said.", (9, 9)),
    ("Ukraine reported four deaths in the artillery attack on the district.", (4, 4)),
    ("Between 10 and 15 people were killed in the blast, officials estimated.", (10, 15)),
    ("More than 70 people were killed in the attack on the station.", (71, None)),
    ("Up to 30 soldiers were killed at the barracks, local media said.", (None, 30)),
    ("Nearly 20 people were killed, the prosecutor's office said.", (20, 20)),
    ("Two dozen villagers were killed when the shells landed.", (24, 24)),
    ("Dozens of people were killed when the rockets hit the square.", (24, None)),
    ("Scores of civilians died under the rubble, rescuers said.", (40, None)),
    ("Several people were killed in the shelling of the town on Sunday.", (3, None)),
])
def test_killed_phrases(sentence, expected):
    assert main_figures(sentence) == [("killed", *expected)]


def test_death_toll_update():
    m = only("By the evening the death toll from the strike on the hostel rose to 30.", "killed")
    assert (m.count, m.toll_update) == (Count(30, 30), True)
    m = only("The number of dead in the apartment block has climbed to at least 17.", "killed")
    assert (m.count, m.toll_update) == (Count(17, None), True)
    m = only("Officials said the death toll had now topped 40.", "killed")
    assert m.count == Count(41, None)


def test_toll_rising_from_one_figure_to_another_takes_the_latest():
    assert figures("The death toll rose from 14 to 30 overnight.") == [("killed", 30, 30)]


def test_plain_figure_is_not_a_toll_update():
    assert only("Nine people were killed in the raid.", "killed").toll_update is False


@pytest.mark.parametrize("sentence, expected", [
    ("Air strikes took out over 40 foreign mercenaries near the village, the ministry said.", (41, None)),
    ("The ministry said its forces eliminated up to 250 fighters of the brigade.", (None, 250)),
    ("An air raid hit positions of the brigade, taking out more than 70 “nationalists”.", (71, None)),
])
def test_russian_mod_idiom_for_killed(sentence, expected):
    assert figures(sentence) == [("killed", *expected)]


def test_mod_idiom_needs_people():
    assert figures("The strike took out three tanks and eliminated two ammunition depots.") == []


# --- injured ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("A rocket hit the bus station, wounding 9.", (9, 9)),
    ("Nine were wounded when the shell exploded near the queue.", (9, 9)),
    ("Six people were hospitalised after the drone attack on the port.", (6, 6)),
    ("Two residents were hurt when debris fell on their house.", (2, 2)),
    ("The attack caused 11 injuries, most of them from broken glass.", (11, 11)),
    ("The missile injured at least five people in the Stryi district.", (5, None)),
    ("Authorities said 187 people injured in the blasts sought medical assistance.", (187, 187)),
    ("The shelling left six people wounded, the governor wrote on Telegram.", (6, 6)),
    ("Local officials said a dozen people were taken to hospital.", (12, 12)),
])
def test_injured_phrases(sentence, expected):
    assert main_figures(sentence) == [("injured", *expected)]


# --- several figures in one sentence ------------------------------------------------------

def test_qualifier_scopes_over_the_coordinated_clause():
    s = "At least 9 people were killed and 31 were injured in the strike on the city, officials said."
    assert figures(s) == [("killed", 9, None), ("injured", 31, None)]
    s = "The attack on the depot left at least 40 inmates dead and another 65 injured."
    assert figures(s) == [("killed", 40, None), ("injured", 65, None)]


def test_own_qualifiers_are_kept():
    s = "Officials said at least two were dead and about 30 people were hurt."
    assert figures(s) == [("killed", 2, None), ("injured", 30, 30)]


def test_active_clauses_keep_their_own_figures():
    s = "The strike killed three people and wounded 13 others, according to the mayor."
    assert figures(s) == [("killed", 3, 3), ("injured", 13, 13)]


def test_two_subjects_and_a_figure_that_is_not_a_casualty():
    s = ("Two people in Chernihiv were killed by shells, seven were wounded and 2,340 "
         "were left without water, the regional governor said.")
    assert figures(s) == [("killed", 2, 2), ("injured", 7, 7)]


def test_two_places_two_mentions_with_their_own_offsets():
    s = "In the Sumy region, officials said four people were hospitalised and in Luhansk six were killed."
    injured, killed = find_casualties(s)
    assert (injured.kind, injured.count) == ("injured", Count(4, 4))
    assert (killed.kind, killed.count) == ("killed", Count(6, 6))
    assert s.index("Sumy") < injured.start < s.index("Luhansk") < killed.start
    assert s[injured.start:injured.end] == "four people were hospitalised"
    assert s[killed.start:killed.end] == "six were killed"


def test_span_covers_the_whole_phrase():
    s = "Officials said at least 14 people were killed on Monday."
    m = only(s, "killed")
    assert s[m.start:m.end] == "at least 14 people were killed"
    assert m.subject == "people"


@pytest.mark.parametrize("sentence, subject", [
    ("Eight civilians were killed in the shelling.", "civilians"),
    ("Four children were wounded by the blast.", "children"),
    ("The strike killed 30 soldiers at the base.", "soldiers"),
    ("The ministry said it took out 50 foreign mercenaries.", "mercenaries"),
    ("Five were killed in the attack.", None),
])
def test_subject_is_the_noun_counted(sentence, subject):
    assert [m.subject for m in find_casualties(sentence) if not m.breakdown] == [subject]


# --- breakdowns: children, named people, lists ----------------------------------------------

def test_children_are_a_breakdown_of_the_killed():
    s = "On Tuesday a drone hit an apartment block, killing 12 people, including five children."
    assert figures(s) == [("killed", 12, 12), ("children_killed", 5, 5)]
    child = only(s, "children_killed")
    assert child.breakdown and s[child.start:child.end] == "including five children"


def test_children_of_them():
    s = "Nine people were killed, three of them children, when the missile hit the building."
    assert sorted(figures(s)) == [("children_killed", 3, 3), ("killed", 9, 9)]


def test_children_among_the_injured_are_not_children_killed():
    s = "The blast wounded 12 people, including three children, and damaged a school."
    assert figures(s) == [("injured", 12, 12)]


def test_named_people_are_a_breakdown():
    s = "The second missile killed a paramedic and a rescue worker who had come to help."
    m = only(s, "killed")
    assert (m.count, m.breakdown) == (Count(2, 2), True)
    s = "Twenty people were killed; a firefighter and a police officer were killed in the second strike."
    main = [m for m in find_casualties(s) if not m.breakdown]
    parts = [m for m in find_casualties(s) if m.breakdown]
    assert [(m.kind, m.count) for m in main] == [("killed", Count(20, 20))]
    assert [(m.kind, m.count) for m in parts] == [("killed", Count(2, 2))]


def test_single_person_is_the_figure_when_nothing_else_is_stated():
    m = only("A 71-year-old man was killed by shelling in the Kupiansk district.", "killed")
    assert (m.count, m.breakdown) == (Count(1, 1), False)
    m = only("Olena Hrytsenko, 54, and Petro Lysenko, 61, were killed when the shell hit.", "killed")
    assert (m.count, m.breakdown) == (Count(2, 2), True)


@pytest.mark.parametrize("sentence, expected", [
    # one subject of a person and a figure: the toll is the sum of its parts
    ("The mother and her two children were killed when the shell hit their house.",
     [("killed", 3, 3)]),
    ("The governor said a woman and her three sons were killed in the strike.",
     [("killed", 4, 4)]),
    ("Two children and their grandmother were killed in the attack on Sumy.", [("killed", 3, 3)]),
    ("The missile killed a teacher and her two pupils.", [("killed", 3, 3)]),
    ("A policeman and four civilians were wounded by the second drone.", [("injured", 5, 5)]),
    # two people named one at a time are two, as before
    ("A man and a woman were killed when the drone hit their car.", [("killed", 2, 2)]),
    # controls: a figure with a clause of its own is not added to what comes before "and"
    ("The missile hit Kharkiv Oblast and two people were killed.", [("killed", 2, 2)]),
    ("The shell killed a woman and wounded two men.", [("injured", 2, 2), ("killed", 1, 1)]),
])
def test_a_person_and_a_figure_joined_as_one_subject_are_summed(sentence, expected):
    assert sorted(main_figures(sentence) if "man and a woman" not in sentence
                  else figures(sentence)) == sorted(expected)


def test_children_of_a_coordinated_subject_are_still_counted_as_children():
    assert only("A woman and her two children were killed.", "children_killed").count == Count(2, 2)
    assert only("Two children and their mother were killed.", "children_killed").count == Count(2, 2)


@pytest.mark.parametrize("sentence, expected", [
    ("A Russian drone struck a bus stop, wounding a woman.", [("injured", 1, 1)]),
    ("The shell wounded a 70-year-old man and killed his neighbour's dog.", [("injured", 1, 1)]),
    ("The missile killed a man and injured a nurse.", [("injured", 1, 1), ("killed", 1, 1)]),
])
def test_one_person_as_the_object_of_an_active_verb_is_one(sentence, expected):
    assert sorted(figures(sentence)) == sorted(expected)


def test_to_hurt_a_named_person_is_figurative():
    assert figures("Sanctions are meant to hurt President Putin, not ordinary Russians.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Three people were killed in Kharkiv and two in Sumy, officials said.",
     [("killed", 3, 3), ("killed", 2, 2)]),
    ("The strikes injured nine people in Odesa, four in Izmail and one in Reni.",
     [("injured", 9, 9), ("injured", 4, 4), ("injured", 1, 1)]),
    # the qualifier of the first figure scopes over the elided ones (CODEBOOK 4, "Scope")
    ("At least 14 people were killed in Kyiv and five in Lviv.",
     [("killed", 14, N), ("killed", 5, N)]),
])
def test_a_figure_with_its_verb_elided_keeps_its_own_place(sentence, expected):
    found = find_casualties(sentence)
    assert [(m.kind, m.count.min, m.count.max) for m in found] == expected
    assert not any(m.breakdown for m in found)


def test_an_elided_figure_after_a_country_is_a_part_not_a_figure_of_its_own():
    s = "At least 19 people were killed in Ukraine, 14 in Kyiv and five in Lviv."
    assert main_figures(s)[:1] == [("killed", 19, N)]
    assert ("killed", 14, N) not in main_figures(s) and ("killed", 14, 14) not in main_figures(s)
    # control: the same figures with a city first are figures of their own
    assert main_figures("At least 19 people were killed in Odesa, 14 in Kyiv and five in Lviv.") \
        == [("killed", 19, N), ("killed", 14, N), ("killed", 5, N)]


def test_list_of_parts_after_a_total():
    s = ("Russian strikes killed 11 civilians - eight in the eastern region of Donetsk, "
         "two in Kharkiv and one in Zaporizhzhia.")
    found = find_casualties(s)
    assert [(m.count.min, m.breakdown) for m in found] == [(11, False), (8, True), (2, True), (1, True)]
    assert all(m.kind == "killed" for m in found)
    assert [s[m.start:m.end] for m in found[1:]] == [
        "eight in the eastern region of Donetsk", "two in Kharkiv", "one in Zaporizhzhia"]


def test_including_a_part_in_a_place():
    s = "Authorities said the missiles killed 19 people, including five in Kyiv, the capital."
    found = find_casualties(s)
    assert [(m.kind, m.count.min, m.breakdown) for m in found] == \
        [("killed", 19, False), ("killed", 5, True)]


def test_partitive_of_the_same_figure_is_a_breakdown():
    s = "Health officials said nine people were wounded, one of whom remained in hospital."
    found = find_casualties(s)
    assert [(m.count.min, m.breakdown) for m in found] == [(9, False), (1, True)]


# --- the number and the verb far apart ------------------------------------------------------

def test_across_a_parenthetical_clause():
    s = "At least 20 people, including a paramedic, have been killed in the double strike."
    assert main_figures(s) == [("killed", 20, None)]
    s = "Twelve people, among them two children, died when the roof caved in."
    assert sorted(figures(s)) == [("children_killed", 2, 2), ("killed", 12, 12)]


def test_across_a_prepositional_phrase_and_a_participle():
    assert figures("Five workers at the water treatment plant were injured.") == [("injured", 5, 5)]
    assert figures("Six people sheltering in the basement were killed.") == [("killed", 6, 6)]


def test_a_clause_with_its_own_subject_is_not_crossed():
    s = "Three drones hit the depot and people were killed, the mayor said."
    assert figures(s) == []
    assert figures("No one knows how many have been killed.") == []


# --- unconfirmed ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("DOZENS of people are feared dead after the missile hit the mall.", (24, None)),
    ("Seven miners are believed killed after the shelling of the pit.", (7, 7)),
    ("Officials said 40 people may have died in the flooded basement.", (40, 40)),
    ("Up to 60 people are feared to have been killed in the school.", (None, 60)),
])
def test_unconfirmed(sentence, expected):
    found = find_casualties(sentence)
    assert [(m.kind, m.count.min, m.count.max) for m in found] == [("killed_unconfirmed", *expected)]
    assert not found[0].confirmed


def test_reportedly_killed_is_killed_but_not_confirmed():
    m = only("Six border guards were reportedly killed in the shelling.", "killed")
    assert (m.count, m.confirmed) == (Count(6, 6), False)


def test_missing_is_not_feared_dead():
    assert figures("More than 20 people were reported missing after the blast.") == []


# --- zero --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kinds", [
    ("No casualties were reported after the drone hit the warehouse.", {"killed", "injured"}),
    ("Windows were shattered, but there were no reported casualties.", {"killed", "injured"}),
    ("No one was hurt when the debris fell on the car park.", {"killed", "injured"}),
    ("The air defence intercepted the missile without casualties.", {"killed", "injured"}),
    ("There were no injuries, the emergency service said.", {"injured"}),
    ("Several houses were damaged but there were no reports of injuries.", {"injured"}),
    ("Nobody was killed in the attack on the substation.", {"killed"}),
    ("There were no deaths or injuries, officials said.", {"killed", "injured"}),
])
def test_zero(sentence, kinds):
    found = find_casualties(sentence)
    assert {m.kind for m in found} == kinds
    assert all(m.count == Count(0, 0) and m.is_zero and m.rule.startswith("zero") for m in found)


def test_zero_with_another_figure():
    s = "No one was killed, but three people were injured by falling glass."
    assert sorted(figures(s)) == [("injured", 3, 3), ("killed", 0, 0)]


def test_no_immediate_reports_is_a_zero_not_confirmed():
    found = find_casualties("There were no immediate reports of casualties.")
    assert {(m.kind, m.confirmed) for m in found} == {("killed", False), ("injured", False)}


# --- what is not a casualty figure -------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The regional governor said there were 50 casualties after the strike.",
    "Casualties unknown, the local council wrote on its channel.",
    "The mayor spoke of an unknown number of dead and wounded at the scene.",
    "After the strike 1,625 households were left without power.",
    "Nineteen people trapped under the rubble were rescued by firefighters.",
    "There were 1,000 people inside the theatre when it was hit.",
    "Volunteers evacuated 200 residents from the burning district.",
    "Police detained 5 men suspected of guiding the strikes.",
    "Border guards captured 12 soldiers and arrested two more in the forest.",
    "Three captured fighters were sentenced to death by the court.",
    "The 72nd brigade fired on positions near the village of Kozachi Laheri.",
])
def test_not_casualties(sentence):
    assert figures(sentence) == []


def test_attributive_participles_are_not_verbs():
    assert figures("She was looking after her wounded mother in the village.") == []


def test_an_active_verb_after_a_number_is_not_a_passive():
    assert figures("The raid by 20 soldiers killed two civilians.") == [("killed", 2, 2)]


# --- foreign words -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("At least three people have been confirmed dead and 20 ferito in the mall.",
     [("killed", 3, None), ("injured", 20, None)]),
    ("The strike left 12 morti near the station.", [("killed", 12, 12)]),
    ("Local media counted 8 muertos and 15 heridos.", [("killed", 8, 8), ("injured", 15, 15)]),
    ("The prefecture reported 4 morts et 9 blessés.", [("killed", 4, 4), ("injured", 9, 9)]),
    ("Police counted 3 Tote and 11 Verletzte.", [("killed", 3, 3), ("injured", 11, 11)]),
])
def test_foreign_casualty_words(sentence, expected):
    found = find_casualties(sentence)
    assert [(m.kind, m.count.min, m.count.max) for m in found] == expected
    assert [m.foreign for m in found if m.rule.startswith("foreign")] != []
    assert all(m.foreign for m in found if m.rule.startswith("foreign"))


def test_foreign_spans_mark_the_mention():
    s = "Officials said that seven were wounded, secondo fonti locali sette feriti."
    start = s.index("secondo")
    found = find_casualties(s, foreign=[(start, len(s))])
    english = [m for m in found if m.start < start]
    assert [(m.kind, m.count.min, m.foreign) for m in english] == [("injured", 7, False)]
    s = "Il bilancio: 14 ucciso, dicono i soccorritori."     # not a casualty word we know
    assert find_casualties(s, foreign=[(0, len(s))]) == []
    s = "The toll: 14 killed."
    assert [m.foreign for m in find_casualties(s, foreign=[(0, len(s))])] == [True]


# --- speed ---------------------------------------------------------------------------------------

def test_sentence_without_casualty_words_is_fast():
    s = ("The regional council met on Thursday to discuss the budget for schools, roads and "
         "parks in the city, and the mayor said the plans would be published next month after "
         "a consultation with residents and business owners across the whole region.")
    assert len(s.split()) >= 40
    assert find_casualties(s) == []
    runs = 2000
    t0 = time.perf_counter()
    for _ in range(runs):
        find_casualties(s)
    assert (time.perf_counter() - t0) / runs < 1e-4


def test_every_casualty_word_passes_the_keyword_precheck():
    # the pre-check must never hide a phrase the rules can read
    from strikewatch.extract import casualty_rules as R
    from strikewatch.extract.casualties import _precheck
    words = [w for group in (
        R.UNCONFIRMED_PARTICIPLES, R.KILLED_PARTICIPLES, R.INJURED_PARTICIPLES,
        R.COMBATANT_PARTICIPLES, R.KILLED_ACTIVE, R.INJURED_ACTIVE, R.COMBATANT_ACTIVE,
        R.LEFT_KILLED, R.LEFT_INJURED, R.LEFT_UNCONFIRMED, R.ONE_LIFE_VERBS, R.KILLED_NOUNS,
        R.INJURED_NOUNS, R.KILLED_TOLL_NOUNS, R.INJURED_TOLL_NOUNS, R.FOREIGN_KILLED,
        R.FOREIGN_INJURED, *R.ZERO_VERBS.values(), *R.ZERO_NOUNS.values(),
    ) for w in group]
    assert [w for w in words if _precheck(f"They said {w} there.") is None] == []


def test_bodies_handed_over_are_not_a_toll():
    assert figures("Rescuers recovered the bodies of seven people from the rubble.") == [("killed", 7, 7)]
    assert figures("Moscow handed over the bodies of 40 soldiers, most of whom died at the plant.") == []


@pytest.mark.parametrize("sentence, war_total", [
    ("Nearly 9,000 Ukrainian soldiers have been killed in action, the army chief said.", [True]),
    # (the children are also a child count, a part of the same total)
    ("Since the start of the invasion, 400 children have been killed, officials said.",
     [True, True]),
    ("The strike killed 12 people, bringing the number of civilians killed since the war "
     "began to 600.", [False, True]),
    # control: the deadliest strike "of the war" is still one strike's toll
    ("The deadliest strike of the war killed 57 people at the station.", [False]),
])
def test_a_total_for_the_whole_war_is_marked(sentence, war_total):
    assert [m.war_total for m in find_casualties(sentence)] == war_total


@pytest.mark.parametrize("sentence, rule_end", [
    ("The driver was killed when the drone hit the van.", "+the"),
    ("The elderly woman was injured by shrapnel, police said.", "+the"),
    # control: a person named with "a" is a figure of its own
    ("A driver was killed when the drone hit the van.", "killed"),
])
def test_one_person_named_with_the_counts_one_and_says_so(sentence, rule_end):
    m = find_casualties(sentence)[0]
    assert (m.count.min, m.count.max) == (1, 1) and m.rule.endswith(rule_end)
