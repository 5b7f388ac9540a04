"""Measurement units converted with pint, so "180 km", "112 miles" and "180,000 metres" compare.

Why: the layer keeps a unit as written (the gold convention), which is honest but hard to
compare across articles; a fact-checker checking "the drones flew 180 km" against a report in
miles needs one scale. pint does the conversion; we only choose one target unit per dimension
(named data below). Counts and currencies are not converted: a drone is not a unit, and
currency conversion needs a date and a rate the article does not give.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Unit as the layer writes it → pint's name for it.
PINT_NAMES: dict[str, str] = {
    "km": "kilometer",
    "kilometre": "kilometer",
    "kilometer": "kilometer",
    "mile": "mile",
    "metre": "meter",
    "meter": "meter",
    "m": "meter",
    "cm": "centimeter",
    "mm": "millimeter",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "kg": "kilogram",
    "kilogram": "kilogram",
    "gram": "gram",
    "tonne": "metric_ton",
    "ton": "metric_ton",
    "litre": "liter",
    "liter": "liter",
    "barrel": "oil_barrel",
    "hectare": "hectare",
    "acre": "acre",
    "square kilometre": "kilometer ** 2",
    "square kilometer": "kilometer ** 2",
    "km2": "kilometer ** 2",
    "square mile": "mile ** 2",
    "degree Celsius": "degree_Celsius",
    "°C": "degree_Celsius",
    "degree Fahrenheit": "degree_Fahrenheit",
    "°F": "degree_Fahrenheit",
    "MW": "megawatt",
    "megawatt": "megawatt",
    "GW": "gigawatt",
    "gigawatt": "gigawatt",
    "kW": "kilowatt",
    "kWh": "kilowatt_hour",
    "mph": "mile / hour",
    "km/h": "kilometer / hour",
    "foot": "foot",
    "ft": "foot",
    "inch": "inch",
}

# One target per dimension, in the units newsrooms outside the US use.
TARGETS: dict[str, tuple[str, str]] = {
    "[length]": ("meter", "m"),
    "[mass]": ("kilogram", "kg"),
    "[length] ** 2": ("meter ** 2", "m²"),
    "[length] ** 3": ("liter", "L"),
    "[temperature]": ("degree_Celsius", "°C"),
    "[length] / [time]": ("kilometer / hour", "km/h"),
    "[mass] * [length] ** 2 / [time] ** 3": ("watt", "W"),
    "[mass] * [length] ** 2 / [time] ** 2": ("kilowatt_hour", "kWh"),
}


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def normalize(unit: str | None, *values: float | None) -> dict[str, Any] | None:
    """``{"unit": "m", "values": [...]}`` for a measurement unit, None for counts/currency."""
    name = PINT_NAMES.get(unit or "")
    if name is None:
        return None
    ureg = _registry()
    try:
        units = ureg.parse_units(name)
        dims = str(ureg.get_dimensionality(units))
        target, symbol = TARGETS[dims]
        converted = [
            None if v is None else round(float(ureg.Quantity(v, units).to(target).magnitude), 6)
            for v in values
        ]
    except (KeyError, ValueError, AttributeError, TypeError):
        return None
    return {"unit": symbol, "values": converted}
