"""The gazetteer's own types: a place, a first-level region, a mention of a place in text."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("settlement", "region", "country", "landmark")

# Landmark features that pin a point an event can be located at, and those that only cover an
# area. Water (sea, strait, river) locates nothing by itself: it has no geo_precision.
POINT_FEATURES = frozenset({"island", "plant", "bridge", "dam", "spit", "building", "airbase",
                            "site"})
AREA_FEATURES = frozenset({"area"})


@dataclass(frozen=True, slots=True)
class Place:
    """A settlement, region, country or landmark with its canonical English name."""

    name: str                       # canonical: KMU 2010 for Ukraine, English usage elsewhere
    country: str | None             # ISO 3166-1 alpha-2 (Crimea and occupied areas: UA)
    admin1: str | None              # first-level region, codebook name ("Kharkiv Oblast")
    lat: float | None
    lon: float | None
    population: int = 0
    geonameid: int | None = None
    kind: str = "settlement"        # one of KINDS
    admin1_code: str | None = None  # GeoNames admin1 code ("07")
    feature: str = ""               # landmarks: island, sea, river, plant ...; regions: oblast ...
    part_of: str | None = None      # a city district: the name of the city it lies in
    source: str = ""                # where it came from: "geonames-cities500", "regions.tsv"

    @property
    def geo_precision(self) -> int | None:
        """CODEBOOK section 2: 1 settlement, 3 region, 4 country (None: water)."""
        if self.kind == "settlement":
            return 1
        if self.kind == "region":
            return 3
        if self.kind == "country":
            return 4
        if self.feature in POINT_FEATURES:
            return 1
        if self.feature in AREA_FEATURES:
            return 3
        return None


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level administrative region (oblast, krai, republic, voivodeship, county ...)."""

    name: str                       # codebook name: "Kyiv Oblast", "Republic of Tatarstan"
    country: str
    code: str                       # GeoNames admin1 code
    iso: str                        # ISO 3166-2
    centre_name: str                # administrative centre
    lat: float                      # of the centre (CODEBOOK: region-level events take these)
    lon: float
    type: str = "oblast"

    def as_place(self) -> Place:
        return Place(self.name, self.country, self.name, self.lat, self.lon, 0, None, "region",
                     self.code, self.type, None, "regions.tsv")


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place or region named in a text: where, as written, and what it may be (best first)."""

    start: int
    end: int
    text: str
    kind: str                       # kind of the best candidate
    candidates: tuple[Place, ...] = field(default=())
    rule: str = ""                  # why it is a hit: "name", "context", "region-list", "the-river"

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if self.candidates else None
