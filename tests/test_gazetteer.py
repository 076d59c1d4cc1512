"""The gazetteer: canonical names, spellings, regions, disambiguation, text scanning, cache.

The sentences below are written for these tests in the style of wire and RT copy.
"""

from __future__ import annotations

import os
import time

import pytest

from strikewatch.gazetteer import (Gazetteer, GazetteerBuilder, Place, fold, transliterate_uk,
                                   uk_variants)
from strikewatch.gazetteer import index as gazetteer_index
from strikewatch.gazetteer.translit import ru_variants


@pytest.fixture(scope="session")
def gaz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gaz(gaz_dir) -> Gazetteer:
    return Gazetteer.load(cache_dir=gaz_dir)


def hits(gaz, text):
    return [(h.text, h.kind, h.place.name) for h in gaz.scan(text)]


# --- transliteration ----------------------------------------------------------------------

@pytest.mark.parametrize("cyrillic, latin", [
    # examples of the KMU 2010 table itself
    ("Алушта", "Alushta"), ("Борщагівка", "Borshchahivka"), ("Вінниця", "Vinnytsia"),
    ("Гадяч", "Hadiach"), ("Згурський", "Zghurskyi"), ("Ґалаґан", "Galagan"),
    ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Короп'є", "Koropie"),
    ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"), ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"), ("Миколаїв", "Mykolaiv"), ("Наталія", "Nataliia"),
    ("Щербухи", "Shcherbukhy"), ("Гоща", "Hoshcha"), ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"), ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"), ("Біла Церква", "Bila Tserkva"), ("Ужгород", "Uzhhorod"),
    # the names the codebook spells out
    ("Запоріжжя", "Zaporizhzhia"), ("Кропивницький", "Kropyvnytskyi"),
    ("Оленівка", "Olenivka"), ("Костянтинівка", "Kostiantynivka"), ("Зайцеве", "Zaitseve"),
    ("Сергіївка", "Serhiivka"), ("Бородянка", "Borodianka"), ("Вільнянськ", "Vilniansk"),
    ("Енергодар", "Enerhodar"), ("Нова Каховка", "Nova Kakhovka"), ("Торецьк", "Toretsk"),
])
def test_transliterate_uk_follows_kmu_2010(cyrillic, latin):
    assert transliterate_uk(cyrillic) == latin


def test_word_initial_forms_apply_after_a_space_or_hyphen():
    assert transliterate_uk("Нова Ярославка") == "Nova Yaroslavka"
    assert transliterate_uk("Івано-Франківськ") == "Ivano-Frankivsk"
    assert transliterate_uk("ЯЛТА") == "YALTA"


def test_other_romanisations_are_variants():
    assert "Mykolayiv" in uk_variants("Миколаїв")
    assert "Zaporizhia" in uk_variants("Запоріжжя")
    assert {"Nikolayev", "Nikolaev"} <= set(ru_variants("Николаев"))
    assert "Tyotkino" in ru_variants("Тёткино")


def test_fold_is_case_accent_and_apostrophe_blind():
    assert fold("Kyiv's") == "kyiv"
    assert fold("PRZEWODÓW") == fold("Przewodow") == "przewodow"
    assert fold("Kam’ianske") == fold("Kam'ianske") == "kamianske"
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"
    assert fold("Donetsk People’s Republic") == fold("Donetsk People's Republic")


# --- canonical names and spellings --------------------------------------------------------

@pytest.mark.parametrize("written, name, admin1", [
    ("Kiev", "Kyiv", "Kyiv"),
    ("Kharkov", "Kharkiv", "Kharkiv Oblast"),
    ("Odessa", "Odesa", "Odesa Oblast"),
    ("Nikolayev", "Mykolaiv", "Mykolaiv Oblast"),
    ("Nikolaev", "Mykolaiv", "Mykolaiv Oblast"),
    ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhia Oblast"),
    ("Dnepropetrovsk", "Dnipro", "Dnipropetrovsk Oblast"),
    ("Konstantinovka", "Kostiantynivka", "Donetsk Oblast"),
    ("Artemovsk", "Bakhmut", "Donetsk Oblast"),
    ("Dzerzhynsk", "Toretsk", "Donetsk Oblast"),
    ("Kirovograd", "Kropyvnytskyi", "Kirovohrad Oblast"),
    ("Kremenchug", "Kremenchuk", "Poltava Oblast"),
    ("Energodar", "Enerhodar", "Zaporizhzhia Oblast"),
    ("Novaya Kakhovka", "Nova Kakhovka", "Kherson Oblast"),
    ("Krivoy Rog", "Kryvyi Rih", "Dnipropetrovsk Oblast"),
    ("Severodonetsk", "Sievierodonetsk", "Luhansk Oblast"),
    ("Yelenovka", "Olenivka", "Donetsk Oblast"),
])
def test_russian_style_and_old_spellings_resolve_to_the_codebook_name(gaz, written, name, admin1):
    place = gaz.best(written)
    assert (place.name, place.admin1, place.country) == (name, admin1, "UA")


def test_zaitsevo_in_the_dpr_is_zaitseve(gaz):
    place = gaz.best("Zaitsevo", admin1="DPR")
    assert (place.name, place.admin1) == ("Zaitseve", "Donetsk Oblast")


@pytest.mark.parametrize("written, name, country, admin1", [
    ("Olenivka", "Olenivka", "UA", "Donetsk Oblast"),
    ("Serhiivka", "Serhiivka", "UA", "Odesa Oblast"),
    ("Chaplyne", "Chaplyne", "UA", "Dnipropetrovsk Oblast"),
    ("Vilniansk", "Vilniansk", "UA", "Zaporizhzhia Oblast"),
    ("Borodianka", "Borodianka", "UA", "Kyiv Oblast"),
    ("Kerch", "Kerch", "UA", "Autonomous Republic of Crimea"),
    ("Sevastopol", "Sevastopol", "UA", "Sevastopol"),
    ("Tyotkino", "Tyotkino", "RU", "Kursk Oblast"),
    ("Kazan", "Kazan", "RU", "Republic of Tatarstan"),
    ("Belgorod", "Belgorod", "RU", "Belgorod Oblast"),
    ("Moscow", "Moscow", "RU", "Moscow"),
    ("Przewodow", "Przewodów", "PL", "Lublin Voivodeship"),
])
def test_places_of_the_reporting(gaz, written, name, country, admin1):
    place = gaz.best(written)
    assert (place.name, place.country, place.admin1) == (name, country, admin1)
    assert place.geo_precision == 1
    assert place.lat is not None and place.lon is not None


def test_geonames_russian_style_name_becomes_kmu(gaz):
    # GeoNames writes this Crimean village the Russian way; the Ukrainian name is Привітне
    place = gaz.best("Privetnoye", admin1="Crimea")
    assert place.name == "Pryvitne"


# --- regions and countries ----------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "Kharkiv region", "the Kharkiv oblast", "Kharkiv Oblast", "Kharkivska oblast",
    "Kharkov region", "Kharkov oblast", "KHARKIV REGION", "Kharkiv province", "UA-63",
])
def test_region_phrases(gaz, written):
    region = gaz.region(written)
    assert (region.name, region.country, region.code, region.iso) == (
        "Kharkiv Oblast", "UA", "07", "UA-63")
    assert region.centre_name == "Kharkiv"


@pytest.mark.parametrize("written, name", [
    ("DPR", "Donetsk Oblast"), ("Donetsk People's Republic", "Donetsk Oblast"),
    ("Donetsk People’s Republic", "Donetsk Oblast"), ("LPR", "Luhansk Oblast"),
    ("Lugansk People's Republic", "Luhansk Oblast"),
    ("Luhansk People's Republic", "Luhansk Oblast"),
    ("Crimea", "Autonomous Republic of Crimea"),
    ("Crimean peninsula", "Autonomous Republic of Crimea"),
    ("Zaporozhye region", "Zaporizhzhia Oblast"), ("Odessa oblast", "Odesa Oblast"),
    ("Tatarstan", "Republic of Tatarstan"), ("Bashkiria", "Republic of Bashkortostan"),
    ("Kuban", "Krasnodar Krai"), ("Belgorod region", "Belgorod Oblast"),
    ("Lublin Voivodeship", "Lublin Voivodeship"), ("Gomel region", "Gomel Region"),
])
def test_region_names_and_russian_installed_names(gaz, written, name):
    region = gaz.region(written)
    assert region is not None and region.name == name


def test_occupied_regions_stay_ukrainian(gaz):
    for written in ("DPR", "LPR", "Crimea", "Sevastopol"):
        assert gaz.region(written).country == "UA"
    crimea = gaz.best("Crimea")
    assert (crimea.kind, crimea.country, crimea.geo_precision) == ("region", "UA", 3)
    assert crimea.name == "Autonomous Republic of Crimea"
    assert round(crimea.lat, 1) == 45.0        # Simferopol, the administrative centre


def test_region_by_code(gaz):
    assert gaz.region_by_code("UA", "12").name == "Kyiv"
    assert gaz.region_by_code("UA", "13").name == "Kyiv Oblast"
    assert gaz.region_by_code("RU", "RU-BEL").name == "Belgorod Oblast"
    assert gaz.region_by_code("PL", "75").name == "Lublin Voivodeship"
    assert gaz.region_by_code("RU", "UA-63") is None


def test_kyiv_region_is_the_oblast_not_the_city(gaz):
    assert gaz.best("Kyiv region").name == "Kyiv Oblast"
    assert gaz.best("Kyiv region").kind == "region"
    assert gaz.best("Kyiv").kind == "settlement"
    assert gaz.best("Kyiv").admin1 == "Kyiv"
    assert gaz.region("Kyiv").name == "Kyiv"
    assert hits(gaz, "Drones hit Kyiv and the Kyiv region overnight.") == [
        ("Kyiv", "settlement", "Kyiv"), ("Kyiv region", "region", "Kyiv Oblast")]


def test_countries(gaz):
    ukraine = gaz.country("Ukraine")
    assert (ukraine.kind, ukraine.country, ukraine.geo_precision) == ("country", "UA", 4)
    assert gaz.country("UA") == ukraine
    assert gaz.country("Russian Federation").country == "RU"
    assert gaz.lookup("Ukraine") == [ukraine]      # the country, never a village of that name


# --- disambiguation -----------------------------------------------------------------------

def test_admin1_narrows_a_common_name(gaz):
    donetsk = gaz.lookup("Mykolaivka", admin1="Donetsk region")
    odesa = gaz.lookup("Mykolaivka", admin1="Odesa Oblast")
    assert donetsk and odesa
    assert {p.admin1 for p in donetsk} == {"Donetsk Oblast"}
    assert {p.admin1 for p in odesa} == {"Odesa Oblast"}
    assert donetsk[0].geonameid != odesa[0].geonameid
    assert len(gaz.lookup("Mykolaivka")) > len(donetsk)


def test_unknown_place_in_a_known_region_is_not_a_namesake_elsewhere(gaz):
    assert gaz.lookup("Kharkiv", admin1="Lviv Oblast") == []


def test_big_city_beats_villages_of_the_same_name(gaz):
    for name in ("Kharkiv", "Sumy", "Kherson", "Mykolaiv"):
        candidates = gaz.lookup(name)
        assert candidates[0].population == max(p.population for p in candidates), name
    assert gaz.best("Mykolaiv").admin1 == "Mykolaiv Oblast"
    # a village bearing a name today beats a city that once bore it
    assert gaz.best("Oleksandrivka", admin1="Donetsk Oblast").name == "Oleksandrivka"


def test_near_breaks_ties(gaz):
    odesa, donetsk = gaz.best("Odesa"), gaz.best("Donetsk")
    near_odesa = gaz.best("Mykolaivka", near=(odesa.lat, odesa.lon))
    near_donetsk = gaz.best("Mykolaivka", near=(donetsk.lat, donetsk.lon))
    assert near_odesa.admin1 == "Odesa Oblast"
    assert near_donetsk.admin1 == "Donetsk Oblast"


def test_city_districts_know_their_city(gaz):
    assert gaz.best("Saltivka").part_of == "Kharkiv"
    assert gaz.best("Kharkiv").part_of is None


def test_city_district_table_spellings(gaz):
    # Russian-style and KMU 2010 forms of one raion, with or without the district word
    for written in ("Desnianskyi", "Desnyansky", "Desnyanskiy district", "Desnians'kyi raion"):
        place = gaz.best(written)
        assert (place.name, place.part_of, place.admin1) == ("Desnianskyi district", "Kyiv",
                                                             "Kyiv"), written
    assert {p.part_of for p in gaz.lookup("Desnianskyi district")} >= {"Kyiv", "Chernihiv"}
    # a district ranks as its city: Kyiv's Pechersk before a village of Smolensk Oblast
    assert gaz.best("Pechersk").part_of == "Kyiv"
    assert gaz.best("Podil").part_of == "Kyiv"
    # a name that is an adjective many cities' districts bear is a place only with its word
    assert gaz.lookup("Tsentralnyi district") and all(p.part_of for p in
                                                       gaz.lookup("Tsentralnyi district"))
    assert not {p.part_of for p in gaz.lookup("Tsentralnyi", fuzzy=False)} & {
        "Dnipro", "Mykolaiv", "Kherson", "Mariupol"}
    assert all(p.part_of != "Kharkiv" for p in gaz.lookup("Oleksiivka", fuzzy=False))
    assert gaz.best("Oleksiivka neighbourhood").part_of == "Kharkiv"


def test_city_district_spellings_are_generated_from_the_table():
    from strikewatch.gazetteer.districts import adjective_forms, city_district_spellings

    assert adjective_forms("Desnianskyi") == [
        "Desnianskyi", "Desnianskyy", "Desnianskiy", "Desniansky", "Desnianskii"]
    assert adjective_forms("Obolon") == ["Obolon"]
    row = {"name": "Tsentralnyi district", "uk": "Центральний", "ru": "Центральный",
           "also": "", "bare": "no"}
    alone, worded = city_district_spellings(row)
    assert alone == [] and "Tsentralny district" in worded and "Tsentralnyi raion" in worded
    alone, _ = city_district_spellings({**row, "bare": "yes"})
    assert "Tsentralnyi" in alone


def test_the_cache_key_follows_the_district_table(monkeypatch, tmp_path):
    from strikewatch.gazetteer import index, tables

    before = index.cache_key()
    data = tmp_path / "data"
    data.mkdir()
    for name in tables.TABLE_FILES:
        (data / name).write_bytes((tables.DATA_DIR / name).read_bytes())
    with open(data / "city_districts.tsv", "a", encoding="utf-8") as f:
        f.write("Sumy\tUA\t21\tTest district\traion\t\t\t\tyes\n")
    monkeypatch.setattr(tables, "DATA_DIR", data)
    assert index.cache_key() != before


def test_landmarks(gaz):
    snake = gaz.best("Snake Island")
    assert (snake.kind, snake.country, snake.admin1, snake.geo_precision) == (
        "landmark", "UA", "Odesa Oblast", 1)
    bridge = gaz.best("Kerch Bridge")
    assert (bridge.name, bridge.part_of) == ("Crimean Bridge", "Kerch")
    assert gaz.best("Black Sea").geo_precision is None


def test_lookup_tolerates_another_romanisation(gaz):
    # not a spelling the index holds: the consonant skeleton still finds the town
    for written, name in (("Kurakhovoe", "Kurakhove"), ("Selydovo", "Selydove"),
                          ("Zaporizzhia", "Zaporizhzhia")):
        assert gaz.lookup(written, fuzzy=False) == []
        place = gaz.best(written, admin1="Donetsk Oblast" if name != "Zaporizhzhia" else None)
        assert place is not None and place.name == name
    assert gaz.best("Chuhuiv raion").name == "Chuhuiv"


# --- scanning text ------------------------------------------------------------------------

def test_scan_offsets_are_exact(gaz):
    text = ("KYIV, Ukraine (AP) — Russian drones hit Kyiv’s Shevchenkivskyi district, "
            "while shelling reached Ivano-Frankivsk and the Zaporizhzhia region.")
    found = gaz.scan(text)
    for h in found:
        assert text[h.start:h.end] == h.text
    assert [(h.text, h.place.name) for h in found] == [
        ("KYIV", "Kyiv"), ("Ukraine", "Ukraine"), ("Kyiv", "Kyiv"),
        ("Shevchenkivskyi district", "Shevchenkivskyi district"),
        ("Ivano-Frankivsk", "Ivano-Frankivsk"),
        ("Zaporizhzhia region", "Zaporizhzhia Oblast")]
    kyiv = found[2]
    assert (kyiv.start, kyiv.end) == (text.index("Kyiv’s"), text.index("Kyiv’s") + 4)


def test_scan_region_shapes(gaz):
    text = ("Shells fell in the Kharkiv oblast and in Kharkivska oblast; the so-called "
            "Donetsk People's Republic and the LPR reported strikes, as did Crimea.")
    assert hits(gaz, text) == [
        ("Kharkiv oblast", "region", "Kharkiv Oblast"),
        ("Kharkivska oblast", "region", "Kharkiv Oblast"),
        ("Donetsk People's Republic", "region", "Donetsk Oblast"),
        ("LPR", "region", "Luhansk Oblast"),
        ("Crimea", "region", "Autonomous Republic of Crimea")]


def test_scan_names_before_a_plural_region_word_are_regions(gaz):
    assert hits(gaz, "Air raid alerts sounded in the Kharkiv, Sumy and Poltava regions.") == [
        ("Kharkiv", "region", "Kharkiv Oblast"), ("Sumy", "region", "Sumy Oblast"),
        ("Poltava regions", "region", "Poltava Oblast")]


def test_scan_rt_spellings(gaz):
    text = "Ukrainian forces shelled Gorlovka and Makeyevka, the DPR said; Nikolayev was hit."
    assert [(t, n) for t, _, n in hits(gaz, text)] == [
        ("Gorlovka", "Horlivka"), ("Makeyevka", "Makiivka"), ("DPR", "Donetsk Oblast"),
        ("Nikolayev", "Mykolaiv")]


def test_dnipro_river_is_not_the_city(gaz):
    assert hits(gaz, "Troops crossed the Dnipro River near Kherson.") == [
        ("Dnipro River", "landmark", "Dnipro River"), ("Kherson", "settlement", "Kherson")]
    assert hits(gaz, "Pontoons were laid across the Dnipro.") == [
        ("Dnipro", "landmark", "Dnipro River")]
    assert hits(gaz, "A missile hit an industrial site in Dnipro.") == [
        ("Dnipro", "settlement", "Dnipro")]
    assert hits(gaz, "Shelling in the Dnipro region.") == [
        ("Dnipro region", "region", "Dnipropetrovsk Oblast")]


def test_snake_island_and_seas(gaz):
    assert hits(gaz, "Russia pulled out of Snake Island in the Black Sea.") == [
        ("Russia", "country", "Russia"), ("Snake Island", "landmark", "Snake Island"),
        ("Black Sea", "landmark", "Black Sea")]


@pytest.mark.parametrize("text", [
    "Never before had the Police seen such a Deal.",
    "Victoria Nuland and Sofia spoke at the Bar association.",
    "Star players of Metalist lost to Dynamo.",
    "Nova Poshta said deliveries resumed.",
    "I've seen the Maidan protests.",
])
def test_common_words_and_first_names_are_not_places(gaz, text):
    assert [h for h in gaz.scan(text) if h.kind == "settlement"] == []


def test_a_place_word_makes_a_stop_listed_name_a_place(gaz):
    assert hits(gaz, "Shells hit the town of Bar in the Vinnytsia region.")[0] == (
        "Bar", "settlement", "Bar")


def test_surnames_are_not_villages(gaz):
    text = ("Security council secretary Oleksiy Danilov spoke on Monday. "
            "Danilov said the front held. Kyiv said nothing.")
    assert hits(gaz, text) == [("Kyiv", "settlement", "Kyiv")]


def test_scan_saint_petersburg_and_hyphens(gaz):
    assert [n for _, _, n in hits(gaz, "Flights from St. Petersburg to Rostov-on-Don.")] == [
        "Saint Petersburg", "Rostov-on-Don"]


# --- building and caching -----------------------------------------------------------------

def test_cache_is_written_and_loads_warm(gaz, gaz_dir):
    files = list(gaz_dir.glob("gazetteer-*.marshal"))
    assert len(files) == 1 and gaz.path == files[0]
    assert not list(gaz_dir.glob("*.tmp"))
    t0 = time.perf_counter()
    warm = Gazetteer.load(cache_dir=gaz_dir)
    assert time.perf_counter() - t0 < 2.0          # the build takes several seconds
    assert warm.best("Kharkov") == gaz.best("Kharkov")
    assert warm.sources == gaz.sources
    assert any(s["name"] == "geonames-cities500" for s in gaz.sources)


def _tiny_index():
    rows = [
        {"geonameid": 1, "name": "Zaitseve", "latitude": 48.4, "longitude": 38.0,
         "countrycode": "UA", "admin1code": "05", "population": 3995,
         "alternatenames": ["Zaytseve", "Зайцеве", "Зайцево"]},
        # a GeoNames dump line (19 columns), as a later import of full country dumps reads them
        ["2", "Olenivka", "Olenivka", "Olenovka,Оленівка,Оленовка", "47.83", "37.66", "P", "PPL",
         "UA", "", "05", "", "", "", "4513", "", "", "Europe/Kyiv", "2024-01-01"],
        ["3", "Olenivka hill", "", "", "47.8", "37.6", "T", "HLL", "UA", "", "05", "", "", "",
         "0", "", "", "", ""],
    ]
    b = GazetteerBuilder()
    b.add_geonames(rows, source="test-rows", version="1")
    b.add_geonames([{**rows[0], "alternatenames": ["Zaitsevo"]}], source="test-more")
    return b.build()


def test_builder_takes_geonames_rows_and_records_sources():
    gaz = Gazetteer(_tiny_index())
    assert [s["name"] for s in gaz.sources] == ["test-rows", "test-more"]
    assert gaz.sources[0]["added"] == 2 and gaz.sources[1]["merged"] == 1
    assert gaz.best("Zaitsevo").name == "Zaitseve"
    olenivka = gaz.best("Olenovka")
    assert (olenivka.name, olenivka.admin1, olenivka.population) == (
        "Olenivka", "Donetsk Oblast", 4513)
    assert gaz.lookup("Olenivka hill") == []       # not a populated place


def test_unwritable_cache_dir_falls_back_to_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_index, "build_index", _tiny_index)
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    gaz = Gazetteer.load(cache_dir=blocked / "cache")
    assert gaz.path is None and gaz.best("Zaitsevo").name == "Zaitseve"


def test_cache_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_index, "build_index", _tiny_index)
    monkeypatch.setenv("STRIKEWATCH_CACHE_DIR", str(tmp_path / "sw"))
    assert gazetteer_index.default_cache_dir() == tmp_path / "sw"
    gaz = Gazetteer.load()
    assert gaz.path is not None and gaz.path.parent == tmp_path / "sw"
    assert oct(os.stat(gaz.path).st_mode & 0o777) == "0o644"
    monkeypatch.delenv("STRIKEWATCH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gazetteer_index.default_cache_dir() == tmp_path / "xdg" / "strikewatch"


def test_place_geo_precision():
    def place(kind, feature=""):
        return Place("X", "UA", None, 0.0, 0.0, kind=kind, feature=feature)
    assert place("settlement").geo_precision == 1
    assert place("region").geo_precision == 3
    assert place("country").geo_precision == 4
    assert place("landmark", "island").geo_precision == 1
    assert place("landmark", "river").geo_precision is None


def test_admin1_as_a_geonames_code_with_the_country(gaz):
    assert gaz.best("Mykolaivka", admin1="05", country="UA").admin1 == "Donetsk Oblast"
    assert gaz.best("Mykolaivka", admin1="UA-14").admin1 == "Donetsk Oblast"


def test_gazetteer_pickles_as_its_cache_path(gaz):
    import pickle

    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.path == gaz.path and clone.best("Odessa") == gaz.best("Odessa")
    assert len(pickle.dumps(gaz)) < 1000
