"""Words the quantity grammar knows, as named data (one reason each)."""

from __future__ import annotations

# Approximation words before a number, and what they say about its bounds. "more than 600"
# gives a lower bound (low=600), "up to 20" an upper bound (high=20); all of them are approx.
APPROX_ONLY = (
    "approximately", "about", "around", "roughly", "some", "nearly", "almost", "close to",
    "an estimated", "estimated", "circa", "as many as", "as much as", "an average of",
    "on average", "more or less", "or so",
)
LOWER_BOUND = (
    "more than", "over", "at least", "upwards of", "above", "in excess of", "well over",
    "just over", "no fewer than", "no less than", "not less than", "a minimum of", "exceeding",
)
UPPER_BOUND = (
    "less than", "fewer than", "under", "up to", "below", "at most", "no more than",
    "just under", "a maximum of", "not more than", "barely",
)

# Plural round numbers used as vague counts: "tens of thousands of citizens" → 10k–100k.
VAGUE_COUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24, 100), "scores": (40, 100), "hundreds": (100, 1000),
    "thousands": (1e3, 1e4), "tens of thousands": (1e4, 1e5),
    "hundreds of thousands": (1e5, 1e6), "millions": (1e6, 1e7), "tens of millions": (1e7, 1e8),
    "hundreds of millions": (1e8, 1e9), "billions": (1e9, 1e10),
}

# Currency signs and codes before a number → ISO 4217. "$" alone is read as USD, the usage
# of the wire services; prefixed dollars keep their country.
CURRENCY_SIGNS: dict[str, str] = {
    "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "$": "USD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "Rs. ": "INR", "Rs ": "INR", "Rs.": "INR",
    "Rs": "INR", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₴": "UAH",
}
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "IRR", "RUB", "INR", "CHF", "SAR", "AED",
                  "TRY", "ILS", "UAH", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "EGP", "QAR")
# Currency words after a number (singular and plural) → ISO 4217.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "rial": "IRR", "rials": "IRR",
    "toman": "IRT", "tomans": "IRT", "riyal": "SAR", "riyals": "SAR", "dirham": "AED",
    "dirhams": "AED", "shekel": "ILS", "shekels": "ILS", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
    "rupee": "INR", "rupees": "INR", "lira": "TRY", "liras": "TRY", "hryvnia": "UAH",
    "hryvnias": "UAH", "franc": "CHF", "francs": "CHF", "won": "KRW", "pesos": "MXN",
    "peso": "MXN", "naira": "NGN", "rand": "ZAR",
}

# Measurement units after a number → the unit's singular form as written (the gold
# convention: "1.2 metres" → "metre", "180 km" → "km"). Time units are left to timexes.
UNIT_WORDS: dict[str, str] = {
    "km": "km", "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometer",
    "kilometers": "kilometer", "mile": "mile", "miles": "mile", "metre": "metre",
    "metres": "metre", "meter": "meter", "meters": "meter", "m": "m", "cm": "cm", "mm": "mm",
    "centimetre": "centimetre", "centimetres": "centimetre", "millimetre": "millimetre",
    "millimetres": "millimetre", "kg": "kg", "kilogram": "kilogram", "kilograms": "kilogram",
    "gram": "gram", "grams": "gram", "tonne": "tonne", "tonnes": "tonne", "ton": "ton",
    "tons": "ton", "litre": "litre", "litres": "litre", "liter": "liter", "liters": "liter",
    "barrel": "barrel", "barrels": "barrel", "hectare": "hectare", "hectares": "hectare",
    "acre": "acre", "acres": "acre", "square kilometres": "square kilometre",
    "square kilometers": "square kilometer", "square miles": "square mile", "km2": "km2",
    "degrees Celsius": "degree Celsius", "degree Celsius": "degree Celsius",
    "degrees Fahrenheit": "degree Fahrenheit", "°C": "°C", "°F": "°F", "degrees": "degree",
    "MW": "MW", "GW": "GW", "kW": "kW", "kWh": "kWh", "megawatts": "megawatt",
    "megawatt": "megawatt", "gigawatts": "gigawatt", "mph": "mph", "km/h": "km/h",
    "feet": "foot", "foot": "foot", "ft": "ft", "inches": "inch", "inch": "inch",
    "basis points": "basis point", "basis point": "basis point",
    "percentage points": "percentage point", "percentage point": "percentage point",
}

# Words right before a number that make it an identifier, not an amount ("No. 41",
# "Resolution 2231", "Route 66").
ID_WORDS = frozenset({
    "no", "no.", "nos", "number", "#", "article", "section", "resolution", "chapter", "room",
    "flight", "route", "highway", "page", "p.", "pp.", "ref", "ref.", "act", "paragraph",
    "item", "gate", "platform", "line", "bus", "unit", "block", "district", "ward", "grade",
    "level", "phase", "stage", "round", "version", "model", "code", "id", "file", "decree",
    "law", "bill", "clause", "annex", "figure", "table", "episode", "season", "volume", "vol.",
    "issue", "exit", "channel", "tower", "building", "apartment", "suite", "floor", "lot",
    "plot", "sector", "zone", "verse", "psalm", "communiqué", "communique", "cf.", "cf",
    "note", "notes", "paragraphs", "articles", "sections", "pp",
    # page furniture in text dumps: "Comments (14)", "Shares 120"
    "comments", "replies", "likes", "shares", "views", "photos",
})

# Counted nouns whose singular is not the spaCy lemma or a plain "-s" strip.
IRREGULAR_SINGULARS: dict[str, str] = {
    "people": "person", "persons": "person", "children": "child", "men": "man",
    "women": "woman", "memoranda": "memorandum", "criteria": "criterion", "data": "datum",
    "media": "medium", "personnel": "personnel", "aircraft": "aircraft", "troops": "troop",
    "police": "police", "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife", "series": "series",
    "species": "species", "sheep": "sheep", "fish": "fish", "deer": "deer", "cattle": "cattle",
}

# Nouns that never count things in a quantity: time units belong to timexes, "percent"
# and units are handled before the counted-noun step.
NOT_COUNTED = frozenset({
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
    "time", "times", "percent", "%", "old",
})

# Fraction nouns after a number word: "two thirds of the cost" → 0.6667, unit "fraction".
FRACTIONS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
