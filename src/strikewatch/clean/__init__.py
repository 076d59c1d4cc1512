"""The clean stage: raw Article -> Document (CODEBOOK section 7).

``clean`` removes site furniture (captions, video placeholders, newsletter and social
prompts, "READ MORE" links, bylines) and a leading ``date`` header, recording each removal
with its reason; flags text in another language; scores spun phrasing; and maps every offset
of the cleaned text back to the raw text. ``clean_all`` does the same over a stream.
"""

from strikewatch.clean.core import clean, clean_all
from strikewatch.clean.furniture import RULES, Rule

__all__ = ["clean", "clean_all", "RULES", "Rule"]
