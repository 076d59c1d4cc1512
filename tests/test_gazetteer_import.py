"""Importing full GeoNames dumps: village-level places, raions, alternate names, download.

The dumps here are built in the tests: a handful of invented villages, raions and towns in the
real 19-column GeoNames layout, placed in real regions (Dnipropetrovsk, Kherson, Belgorod),
with a name several villages share. No place named here exists in GeoNames. The sentences are
written for these tests in the style of wire copy. Downloads go to a server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import json
import socket
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from live_server import LiveServer, Reply, keep_local
from strikewatch.cli import app
from strikewatch.gazetteer import Gazetteer, GazetteerBuilder, default_gazetteer
from strikewatch.gazetteer import index as gazetteer_index
from strikewatch.gazetteer.download import DownloadError, download, fetch
from strikewatch.gazetteer.importer import (GazetteerImportError, add_imported,
                                            available_sources, default_data_dir,
                                            import_files, read_manifest, sources_identity,
                                            stored_rows)


def geo(gid, name, alts, lat, lon, fclass, fcode, cc, a1, a2="", pop=0):
    """One line of a GeoNames dump: the 19 columns of the "geoname" table."""
    return "\t".join([str(gid), name, name, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", fclass,
                      fcode, cc, "", a1, a2, "", "", str(pop), "", "120", "Europe/Kyiv",
                      "2024-05-01"])


# Dnipropetrovsk Oblast (04): two raions, a former one; Kherson Oblast (08): one raion.
# Four villages named Tykhosadove: in raion 9901, in raion 9902, in Kherson Oblast, and one
# whose raion GeoNames does not give, next to the former Stepivskyi raion.
UA_ROWS = [
    geo(990100, "Dnipropetrovsk Oblast", [], 48.5, 35.0, "A", "ADM1", "UA", "04"),
    geo(990101, "Kalynopilskyi Raion", ["Калинопільський район", "Калинопольский район"],
        47.60, 34.40, "A", "ADM2", "UA", "04", "9901"),
    geo(990102, "Dubrovilskyi Raion", ["Дубровільський район"], 48.40, 35.60, "A", "ADM2",
        "UA", "04", "9902"),
    geo(990103, "Verbivskyi Raion", ["Вербівський район"], 46.70, 33.20, "A", "ADM2", "UA",
        "08", "9903"),
    geo(990104, "Stepivskyi Raion", ["Степівський район"], 47.70, 34.70, "A", "ADM2H", "UA",
        "04", "9904"),
    geo(990111, "Kalynopil", ["Калинопіль", "Калинополь"], 47.62, 34.38, "P", "PPLA2", "UA",
        "04", "9901", 9200),
    geo(990112, "Dubrovil", ["Дубровіль"], 48.42, 35.62, "P", "PPLA2", "UA", "04", "9902", 7800),
    geo(990113, "Verbivske", ["Вербівське", "Вербовское"], 46.68, 33.22, "P", "PPLA2", "UA",
        "08", "9903", 6100),
    # GeoNames often names a Ukrainian village in its Russian form
    geo(990121, "Tikhosadovoye", ["Тихосадове", "Тихосадовое"], 47.55, 34.30, "P", "PPL",
        "UA", "04", "9901", 310),
    geo(990122, "Tykhosadove", ["Тихосадове", "Тихосадовое"], 48.35, 35.70, "P", "PPL", "UA",
        "04", "9902", 420),
    geo(990123, "Tykhosadove", ["Тихосадове", "Тихосадовое"], 46.72, 33.25, "P", "PPL", "UA",
        "08", "9903", 650),
    geo(990124, "Tykhosadove", ["Тихосадове"], 47.72, 34.72, "P", "PPL", "UA", "04", "", 120),
    geo(990131, "Zozulino", ["Зозулине", "Зозулино"], 48.45, 35.50, "P", "PPL", "UA", "04",
        "9902", 1200),
    # no alternate names in the dump: they come from the alternate-names file
    geo(990141, "Lysogorovka", [], 46.80, 33.10, "P", "PPL", "UA", "08", "9903", 800),
    # not kept: a stream, a historical place, a village of a country the gazetteer skips
    geo(990151, "Tykhyi Potik", [], 47.5, 34.3, "H", "STM", "UA", "04", "9901"),
    geo(990152, "Staryi Tykhosad", [], 47.5, 34.3, "P", "PPLH", "UA", "04", "9901", 50),
    geo(990153, "Tykhosadorf", [], 50.0, 10.0, "P", "PPL", "DE", "02", "", 900),
    "a line cut short\tby a broken download",
]
RU_ROWS = [
    geo(990201, "Krutoyarsky Rayon", ["Крутоярский район"], 50.60, 36.90, "A", "ADM2", "RU",
        "09", "9905"),
    geo(990211, "Zozulino", ["Зозулино"], 50.62, 36.95, "P", "PPL", "RU", "09", "9905", 300),
    geo(990212, "Krutoyarsk", ["Крутоярск"], 50.58, 36.88, "P", "PPLA2", "RU", "09", "9905",
        5000),
]
# alternateNamesV2: id, geonameid, language, name, preferred, short, colloquial, historic,
# from, to
ALT_ROWS = [
    "7001\t990141\tuk\tЛисогорівка\t1\t\t\t\t\t",
    "7002\t990141\tru\tЛысогоровка\t\t\t\t\t\t",
    "7003\t990141\tde\tLyssogorowka\t\t\t\t\t\t",
    "7004\t990141\tlink\thttps://example.org/wiki/Lysohorivka\t\t\t\t\t\t",
    "7005\t990141\t\tLysohorivka\t\t\t\t\t\t",
    "7006\t555\tuk\tНікуди\t\t\t\t\t\t",          # a place not imported
]


def write_zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, "\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("geonames-dumps")
    return {
        "UA": write_zip(d / "UA.zip", "UA.txt", UA_ROWS),
        "RU": write_zip(d / "RU.zip", "RU.txt", RU_ROWS),
        "alt": write_zip(d / "alternateNamesV2.zip", "alternateNamesV2.txt", ALT_ROWS),
    }


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(d))
    return d


@pytest.fixture(scope="module")
def gaz(dumps, tmp_path_factory) -> Gazetteer:
    """An index of the shipped tables and the imported dumps only (no cities500: fast)."""
    data = tmp_path_factory.mktemp("imported")
    import_files([dumps["UA"], dumps["RU"], dumps["alt"]], data_dir=data)
    builder = add_imported(GazetteerBuilder(), available_sources(data), data)
    return Gazetteer(builder.build())


def gid(place) -> int | None:
    return place.geonameid if place is not None else None


# --- import ---------------------------------------------------------------------------------

def test_import_keeps_populated_places_and_areas_of_covered_countries(dumps, data_dir):
    (src,) = import_files([dumps["UA"]])
    assert (src.name, src.kind, src.countries) == ("geonames-UA", "geonames", ["UA"])
    assert src.rows_read == len(UA_ROWS)
    assert (src.places, src.areas) == (9, 5)
    stored = src.path()
    assert stored.is_file() and stored.is_relative_to(data_dir)
    ids = {int(r[0]) for r in stored_rows(src)}
    assert {990121, 990122, 990123, 990124, 990101, 990104} <= ids
    assert not ids & {990151, 990152, 990153}          # stream, historical, Germany
    assert read_manifest() == [src]


def test_import_again_replaces_the_source_and_changes_its_identity(dumps, data_dir, tmp_path):
    first = import_files([dumps["UA"]])
    identity = sources_identity(available_sources())
    more = write_zip(tmp_path / "UA.zip", "UA.txt", UA_ROWS + [
        geo(990161, "Nova Tykhosadivka", [], 47.4, 34.1, "P", "PPL", "UA", "04", "9901", 75)])
    (second,) = import_files([more])
    assert [s.name for s in read_manifest()] == ["geonames-UA"]
    assert second.places == first[0].places + 1 and second.sha256 != first[0].sha256
    assert sources_identity(available_sources()) != identity


def test_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("STRIKEWATCH_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "strikewatch"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "strikewatch"
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path / "sw"))
    assert default_data_dir() == tmp_path / "sw"


def test_plain_txt_dump_is_read_too(data_dir, tmp_path):
    txt = tmp_path / "RU.txt"
    txt.write_text("\n".join(RU_ROWS) + "\n", encoding="utf-8")
    (src,) = import_files([txt])
    assert (src.name, src.places, src.areas) == ("geonames-RU", 2, 1)


def test_a_file_that_is_no_geonames_dump_is_refused(data_dir, tmp_path):
    bad = write_zip(tmp_path / "UA.zip", "UA.txt", ["name,lat,lon", "Kalynopil,47.6,34.4"])
    with pytest.raises(GazetteerImportError, match="19"):
        import_files([bad])
    assert read_manifest() == []


def test_alternate_names_need_imported_places(dumps, data_dir):
    with pytest.raises(GazetteerImportError, match="import UA.zip"):
        import_files([dumps["alt"]])


def test_alternate_names_keep_imported_places_and_four_languages(dumps, data_dir):
    geonames, alt = import_files([dumps["alt"], dumps["UA"]])     # dumps go first anyway
    assert (geonames.kind, alt.kind, alt.name) == ("geonames", "altnames",
                                                   "altnames-alternateNamesV2")
    kept = [r[1:3] for r in stored_rows(alt)]
    # uk, ru and the unlabelled romanisation of an imported place; not German, not a link,
    # not a place that was not imported
    assert sorted(kept) == [["", "Lysohorivka"], ["ru", "Лысогоровка"], ["uk", "Лисогорівка"]]


def test_alternate_names_give_an_imported_place_its_ukrainian_name(dumps, gaz, tmp_path):
    village = gaz.best("Lysohorivka")
    assert (gid(village), village.name, village.admin1) == (990141, "Lysohorivka",
                                                          "Kherson Oblast")
    assert gid(gaz.best("Lysogorovka")) == 990141
    # without the alternate names GeoNames' Russian-style name stays the only one
    bare = tmp_path / "bare"
    import_files([dumps["UA"]], data_dir=bare)
    plain = Gazetteer(add_imported(GazetteerBuilder(), available_sources(bare), bare).build())
    assert plain.best("Lysogorovka").name == "Lysogorovka"
    assert plain.lookup("Lysohorivka", fuzzy=False) == []


# --- resolution with the bigger gazetteer -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # the most populous namesake when nothing says which
    ("Shelling damaged a school in Tykhosadove on Tuesday.", 990123),
    # the region written with the name
    ("A drone hit a barn in Tykhosadove, Kherson region, overnight.", 990123),
    ("Russian shelling hit Tykhosadove, Dnipropetrovsk region, on Monday.", 990122),
    ("Shelling hit the Dnipropetrovsk region village of Tykhosadove at dawn.", 990122),
    # the raion written with the name: as the centre's name or as the adjective
    ("Tykhosadove in the Kalynopil district came under artillery fire.", 990121),
    ("Two houses burned in Tykhosadove (Kalynopilskyi raion) after a drone attack.", 990121),
    ("A guided bomb fell on Tykhosadove and Zozulyne in the Dubrovil district.", 990122),
    # a former raion: the namesake whose raion GeoNames does not give, next to it
    ("Artillery struck Tykhosadove in the former Stepivskyi raion.", 990124),
])
def test_scan_resolves_a_shared_name_by_the_region_or_district_written_with_it(
        gaz, text, expected):
    hit = next(h for h in gaz.scan(text) if h.text == "Tykhosadove")
    assert gid(hit.place) == expected
    assert len(hit.candidates) == 4            # the order changes, no candidate is lost


def test_scan_ties_go_to_the_namesake_near_the_other_places_of_the_sentence(gaz):
    text = "Missiles struck Dubrovil and nearby Tykhosadove, the governor said."
    hit = next(h for h in gaz.scan(text) if h.text == "Tykhosadove")
    assert gid(hit.place) == 990122
    alone = next(h for h in gaz.scan("Tykhosadove was shelled.") if h.text == "Tykhosadove")
    assert gid(alone.place) == 990123


def test_scan_without_context_keeps_the_ranking(gaz):
    text = "Tykhosadove in the Kalynopil district came under artillery fire."
    hit = next(h for h in gaz.scan(text, context=False) if h.text == "Tykhosadove")
    assert gid(hit.place) == 990123


def test_lookup_narrows_by_district(gaz):
    def first(**kw):
        return gid(gaz.best("Tykhosadove", **kw))
    assert first() == 990123
    assert first(admin2="Kalynopil district") == 990121
    assert first(admin2="Kalynopilskyi raion") == 990121
    assert first(admin2="the Dubrovil raion") == 990122
    assert first(admin2="Verbivske district") == 990123
    assert first(admin2="Stepivskyi raion") == 990124       # former raion: nearest
    assert first(admin1="Dnipropetrovsk Oblast") == 990122
    # a district the gazetteer does not know narrows nothing
    assert first(admin2="Nowhere district") == 990123
    inside = gaz.lookup("Tykhosadove", admin2="Kalynopil district")
    assert [gid(p) for p in inside] == [990121, 990124]       # in it, then near it


def test_near_breaks_ties_between_namesakes(gaz):
    dubrovil = gaz.best("Dubrovil")
    assert gid(gaz.best("Tykhosadove", near=(dubrovil.lat, dubrovil.lon))) == 990122
    kalynopil = gaz.best("Kalynopil")
    assert gid(gaz.best("Tykhosadove", near=(kalynopil.lat, kalynopil.lon))) == 990121


def test_districts_are_found_by_the_ways_text_names_them(gaz):
    d = gaz.district("Kalynopil district")
    assert (d.name, d.admin1, d.centre, d.historic) == (
        "Kalynopilskyi Raion", "Dnipropetrovsk Oblast", "Kalynopil", False)
    for written in ("Kalynopilskyi raion", "Kalinopolsky district", "the Kalynopil raion",
                    "Kalynopilskyi Raion"):
        assert gaz.district(written) == d, written
    assert gaz.district_of(gaz.best("Tykhosadove", admin2="Kalynopilskyi raion")) == d
    assert gaz.district_of(gaz.best("Tykhosadove")).name == "Verbivskyi Raion"
    assert gaz.districts("Stepivskyi raion")[0].historic
    ru = gaz.district("Krutoyarsky district", country="RU")
    assert (ru.admin1, ru.centre) == ("Belgorod Oblast", "Krutoyarsk")
    assert gaz.district("Krutoyarsky district", admin1="Kherson Oblast") is None


def test_transliteration_variants_resolve_to_the_same_imported_place(gaz):
    # Ukrainian-style (KMU 2010) and Russian-style spellings of one village; the canonical
    # name is the KMU romanisation of its Ukrainian name, whatever GeoNames calls it
    for written in ("Zozulyne", "Zozulino", "ZOZULYNE"):
        place = gaz.best(written, country="UA")
        assert (gid(place), place.name) == (990131, "Zozulyne"), written
    for written in ("Tykhosadove", "Tikhosadovoye", "Tikhosadovoe"):
        assert gid(gaz.best(written, admin2="Kalynopil district")) == 990121, written
    assert gaz.best("Tikhosadovoye", admin2="Kalynopil district").name == "Tykhosadove"
    assert gid(gaz.best("Kalinopol")) == gid(gaz.best("Kalynopil")) == 990111
    # the Russian village of the same name, by its region
    assert gid(gaz.best("Zozulino", admin1="Belgorod Oblast")) == 990211
    hit = next(h for h in gaz.scan("Shelling hit Zozulino, Belgorod region, on Sunday.")
               if h.text == "Zozulino")
    assert gid(hit.place) == 990211


def test_small_villages_named_like_words_need_a_place_word(tmp_path):
    # "Sad" and "Most" are villages of a few hundred here, and words: only "the village of
    # Sad" is the village; a town of 5,000 with a short name needs no place word
    data = tmp_path / "data"
    dump = write_zip(tmp_path / "UA.zip", "UA.txt", [
        geo(990301, "Sad", ["Сад"], 47.9, 34.9, "P", "PPL", "UA", "04", "9901", 200),
        geo(990302, "Most", ["Мост"], 47.8, 34.8, "P", "PPL", "UA", "04", "9901", 0),
        geo(990303, "Dub", ["Дуб"], 47.7, 34.7, "P", "PPL", "UA", "04", "9901", 5000)])
    import_files([dump], data_dir=data)
    g = Gazetteer(add_imported(GazetteerBuilder(), available_sources(data), data).build())
    assert g.scan("Sad news came from the front. Most residents had left.") == []
    assert [gid(h.place) for h in g.scan("Shells hit the village of Sad and the village "
                                         "of Most.")] == [990301, 990302]
    assert [gid(h.place) for h in g.scan("A drone struck Dub overnight.")] == [990303]
    assert gid(g.best("Most")) == 990302                    # lookup still finds it


# --- the loaded index: cities500 plus the imports, cached by their identity -------------------

def test_default_gazetteer_uses_the_imported_dumps(dumps, tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STRIKEWATCH_CACHE_DIR", str(tmp_path / "cache"))
    import_files([dumps["UA"], dumps["alt"]])
    monkeypatch.setattr(gazetteer_index, "_default", None)
    gaz = default_gazetteer()
    assert gid(gaz.best("Tykhosadove", admin1="Kherson Oblast")) == 990123
    assert gid(gaz.best("Tykhosadove", admin2="Kalynopil district")) == 990121
    assert gaz.best("Kharkov").name == "Kharkiv"                 # cities500 is still there
    names = [s["name"] for s in gaz.sources]
    assert names[0] == "geonames-cities500" and "geonames-UA" in names
    identity = sources_identity(available_sources())
    assert gaz.path.parent == tmp_path / "cache" and gaz.path.stem.endswith(identity)


def test_index_is_rebuilt_when_the_imported_set_changes(dumps, tmp_path, monkeypatch):
    builds: list[list[str]] = []

    def light_build(sources=(), data_dir=None):          # no cities500: fast
        builds.append([s.name for s in sources])
        return add_imported(GazetteerBuilder(), sources, data_dir).build()

    monkeypatch.setattr(gazetteer_index, "build_index", light_build)
    data, cache = tmp_path / "data", tmp_path / "cache"
    base = Gazetteer.load(cache_dir=cache, data_dir=data)
    assert base.lookup("Tykhosadove") == [] and builds == [[]]
    import_files([dumps["UA"]], data_dir=data)
    ua = Gazetteer.load(cache_dir=cache, data_dir=data)
    assert ua.path != base.path and gid(ua.best("Tykhosadove")) == 990123
    assert gid(Gazetteer.load(cache_dir=cache, data_dir=data).best("Dubrovil")) == 990112
    assert builds == [[], ["geonames-UA"]]                 # the second load was warm
    import_files([dumps["RU"]], data_dir=data)
    both = Gazetteer.load(cache_dir=cache, data_dir=data)
    assert both.path not in (ua.path, base.path) and gid(both.best("Krutoyarsk")) == 990212
    # a stored file gone: a warning, and the index of what is left (still cached)
    (data / "gazetteer" / "geonames-RU.tsv.gz").unlink()
    with pytest.warns(UserWarning, match="geonames-RU"):
        left = Gazetteer.load(cache_dir=cache, data_dir=data)
    assert left.path == ua.path and len(builds) == 3
    assert Gazetteer.load(cache_dir=cache, data_dir=data, imported=False).path == base.path


def test_a_damaged_manifest_falls_back_to_the_bundled_gazetteer(dumps, data_dir):
    import_files([dumps["UA"]])
    (data_dir / "gazetteer" / "sources.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(UserWarning, match="damaged"):
        assert available_sources() == []


# --- command line ------------------------------------------------------------------------------

runner = CliRunner()


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output


def test_cli_import_and_status(dumps, tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    empty = runner.invoke(app, ["gazetteer", "status", "--data-dir", str(data)])
    no_traceback(empty)
    assert empty.exit_code == 0 and "cities500 only" in empty.stdout
    result = runner.invoke(app, ["gazetteer", "import", str(dumps["UA"]), str(dumps["alt"]),
                                 "--data-dir", str(data), "--no-build"])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    status = runner.invoke(app, ["gazetteer", "status", "--data-dir", str(data), "-f", "json"])
    info = json.loads(status.stdout)
    assert [(s["name"], s["places"], s["areas"], s["names"]) for s in info["imported"]] == [
        ("geonames-UA", 9, 5, 0), ("altnames-alternateNamesV2", 0, 0, 3)]
    assert all(s["imported"] and Path(s["file"]).is_file() for s in info["imported"])
    assert info["data_dir"] == str(data / "gazetteer") and not info["index"]["built"]
    text = runner.invoke(app, ["gazetteer", "status", "--data-dir", str(data)]).stdout
    assert "geonames-UA" in text and "not built yet" in text


def test_cli_import_of_a_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(bad), "--data-dir",
                                 str(tmp_path / "d"), "--no-build"])
    no_traceback(result)
    assert result.exit_code == 2 and "not a GeoNames dump" in result.stderr


# --- download from a server on 127.0.0.1 -------------------------------------------------------

@pytest.fixture(autouse=False)
def local(server, monkeypatch):
    """A clean server, no proxies, and no name resolution beyond this machine."""
    server.reset()
    keep_local(monkeypatch)
    return server


def serve_file(server: LiveServer, path: str, data: bytes, cut_first: int | None = None,
               ranges: bool = True) -> None:
    """Serve ``data`` at ``path`` with Range support; the first plain GET breaks off after
    ``cut_first`` bytes (the announced Content-Length stays the whole size)."""
    state = {"plain": 0}

    def route(req):
        rng = req.headers.get("range")
        if rng and ranges:
            start = int(rng.split("=", 1)[1].split("-", 1)[0])
            body = data[start:]
            return Reply(206, [("Content-Type", "application/zip"),
                               ("Content-Length", str(len(body))),
                               ("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")],
                         body)
        state["plain"] += 1
        body = data[:cut_first] if cut_first is not None and state["plain"] == 1 else data
        return Reply(200, [("Content-Type", "application/zip"),
                           ("Content-Length", str(len(data)))], body)

    server.add(path, route)


def test_download_resumes_an_interrupted_transfer(local, dumps, data_dir):
    data = dumps["RU"].read_bytes()
    serve_file(local, "/dump/RU.zip", data, cut_first=len(data) // 3)
    (got,) = download(["ru"], url=local.url("/dump/"))
    assert got.path.read_bytes() == data and got.code == "RU"
    seen = local.seen("/dump/RU.zip")
    assert len(seen) == 2 and seen[1].headers["range"] == f"bytes={len(data) // 3}-"
    assert not list(got.path.parent.glob("*.part"))


def test_the_next_run_resumes_what_the_last_one_left(local, dumps, data_dir):
    data = dumps["UA"].read_bytes()
    cut = len(data) // 2
    serve_file(local, "/dump/UA.zip", data, cut_first=cut)
    with pytest.raises(DownloadError, match="run the command again to resume"):
        download(["UA"], url=local.url("/dump/"), attempts=1)
    part = data_dir / "gazetteer" / "downloads" / "UA.zip.part"
    assert part.stat().st_size == cut
    (got,) = download(["UA"], url=local.url("/dump/"))
    assert got.resumed_from == cut and got.path.read_bytes() == data


def test_a_server_without_ranges_sends_it_all_again(local, dumps, tmp_path):
    data = dumps["UA"].read_bytes()
    serve_file(local, "/UA.zip", data, cut_first=len(data) // 2, ranges=False)
    got = fetch(local.url("/UA.zip"), tmp_path / "UA.zip")
    assert got.path.read_bytes() == data


def test_missing_dump_and_unreachable_server_are_clear_errors(local, data_dir):
    with pytest.raises(DownloadError, match="not found"):
        download(["XX"], url=local.url("/dump/"))
    with socket.socket() as s:                  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/"
    with pytest.raises(DownloadError, match="cannot reach 127.0.0.1"):
        download(["UA"], url=closed)
    with pytest.raises(DownloadError, match="two-letter"):
        download(["../etc"], url=closed)


def test_a_corrupt_file_is_discarded(local, data_dir):
    serve_file(local, "/dump/UA.zip", b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(DownloadError, match="not an intact zip"):
        download(["UA"], url=local.url("/dump/"))
    assert not list((data_dir / "gazetteer" / "downloads").iterdir())


def test_cli_download_fetches_and_imports(local, dumps, tmp_path):
    data = tmp_path / "data"
    serve_file(local, "/dump/UA.zip", dumps["UA"].read_bytes())
    alt = write_zip(tmp_path / "alt.zip", "UA.txt", ALT_ROWS)
    serve_file(local, "/dump/alternatenames/UA.zip", alt.read_bytes())
    result = runner.invoke(app, ["gazetteer", "download", "UA", "--alternate-names", "--url",
                                 local.url("/dump/"), "--data-dir", str(data), "--no-build"])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    sources = {s.name: s for s in read_manifest(data)}
    assert sources["geonames-UA"].origin == local.url("/dump/UA.zip")
    assert sources["altnames-UA"].names == 3
    assert not list((data / "gazetteer" / "downloads").iterdir())      # not kept


def test_cli_download_errors_exit_without_a_traceback(local, tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_GEONAMES_URL", local.url("/dump/"))
    result = runner.invoke(app, ["gazetteer", "download", "ZZ", "--data-dir",
                                 str(tmp_path / "data"), "--no-build"])
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "not found" in result.stderr
    assert local.hits("/dump/ZZ.zip") == 1


def test_stored_sources_are_compact(dumps, data_dir):
    (src,) = import_files([dumps["UA"]])
    with gzip.open(src.path(), "rt", encoding="utf-8") as fh:
        row = next(line for line in fh if line.startswith("990122\t")).rstrip("\n").split("\t")
    assert len(row) == 19 and row[17] == row[18] == ""          # unused columns dropped
