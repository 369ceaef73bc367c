"""The one reader of a shared location: a latitude/longitude pair on Earth, or a polite refusal."""
from __future__ import annotations

from collections.abc import Mapping


def on_earth(lat: float, lon: float) -> bool:
    """Whether (lat, lon) is a real coordinate pair (NaN and infinities are not)."""
    return -90 <= lat <= 90 and -180 <= lon <= 180


def point(value: object) -> tuple[float, float] | None:
    """(lat, lon) from {"lat", "lon"}, {"latitude", "longitude"} or a pair; None for None.

    Raises ValueError when the value is not a coordinate pair on Earth.
    """
    if value is None:
        return None
    try:
        if isinstance(value, Mapping):
            lat = value["lat"] if "lat" in value else value["latitude"]
            lon = value["lon"] if "lon" in value else value["longitude"]
        else:
            lat, lon = value  # type: ignore[misc]
        found = float(lat), float(lon)
    except (KeyError, TypeError, ValueError):
        raise ValueError("not a latitude/longitude pair") from None
    if not on_earth(*found):
        raise ValueError("latitude/longitude out of range")
    return found
