"""How an item reaches the place a question names: directly, through a place inside it, a region, a section's
scope, or only by standing in the same sentence. One notion for the answer headline, the CLI and the web page."""
from __future__ import annotations

from typing import Mapping

DIRECT, REGION, SECTION, SENTENCE, SUBDIVISION = "direct", "region", "section", "sentence", "subdivision"


def reach(attrs: Mapping) -> str | None:
    """How the item is linked to the place: `direct` as the graph query decides it (stated about this place or one
    inside it, in so many words); otherwise by the section's scope, a region, or only the same sentence.

    None for items that carry no such link (passages, values, sections).
    """
    if not ({"direct", "scope", "via"} & set(attrs)):
        return None
    via = set(attrs.get("via") or ())
    if attrs.get("direct") is True or attrs.get("scope") == "direct":
        return DIRECT
    if "direct" not in attrs and "scope" not in attrs:   # no link confidence recorded: read it from the path alone
        if attrs.get("basis", "explicit") == "explicit" and via & {"self", "within"}:
            return DIRECT if "self" in via else SUBDIVISION
    if attrs.get("basis") == "section_scope":
        return SECTION
    if via and not via & {"self", "within"}:
        return REGION
    if "region" in via:
        return REGION
    return SENTENCE
