"""Named data for the entities layer: titles, honorifics, head nouns, context words.

Why a data module: every list here fixes a measured failure of spaCy's small English model on
news text (titles split off the name, places tagged as people, institutions named after towns,
share-bar words tagged as entities). Keeping them as data with a comment each makes the
heuristics reviewable and lets the rules in ``_entity_mentions`` / ``_entity_clusters`` stay
short.
"""

from __future__ import annotations

# spaCy labels that are numbers or dates: they belong to the timex/quantity layers.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

# Honorifics and titles written before a name. They stay inside the entity span (the gold
# convention) but are removed for alias matching and the canonical name. Compared lower-case,
# without the trailing period ("Brig.", "Gen." → "brig", "gen").
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr doctor prof professor sir dame lord lady
    martyr hajj haj hajji haji sheikh shaikh shaykh sheik ayatollah imam mullah sayyed seyed sayed
    rev reverend father pope cardinal bishop archbishop rabbi pastor
    president vice premier chancellor minister secretary governor gov senator sen rep
    representative congressman congresswoman mayor judge justice speaker ambassador
    king queen prince princess emir sultan crown sheikha
    chairman chairwoman chair commissioner councillor councilor councilman councilwoman
    alderman sheriff
    general gen lt lieutenant col colonel maj major capt captain cpt sgt sergeant brig
    brigadier adm admiral marshal commodore cpl corporal pvt private commander cmdr cdr
    insp inspector supt superintendent det detective constable chief comrade
    """.split()
)

# Capitalised words that modify a following title ("Foreign Minister", "Prime Minister",
# "Deputy Mayor", "Grand Ayatollah"): included in the span only when a title word follows.
TITLE_MODIFIERS = frozenset(
    """
    foreign defence defense interior finance health justice prime vice deputy acting chief
    grand field crown first former late supreme general high lord attorney state assistant
    senior district county city regional education economy trade energy
    """.split()
)

# Honorifics that identify a *person* even without a first name ("Martyr Varga", "Hajj Tomas"):
# a mention starting with one of these is a PERSON whatever spaCy said.
PERSON_HONORIFICS = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame martyr hajj haj hajji haji sheikh shaikh shaykh ayatollah
    imam
    mullah sayyed seyed sayed rev president premier chancellor minister senator sen mayor
    judge justice ambassador king queen prince princess emir sultan general gen lt lieutenant
    col colonel maj major capt captain sgt sergeant brig brigadier adm admiral marshal
    commander cmdr insp inspector supt det detective
    """.split()
)

# Honorifics that introduce a *given* name ("Hajj Tomas", "Sheikh Ahmad"): a single name after
# them may be a first name, so it is matched against first names too, not only surnames.
GIVEN_NAME_HONORIFICS = frozenset(
    "hajj haj hajji haji sheikh shaikh shaykh sayyed seyed sayed imam mullah sir dame".split()
)

# Letters after a name that are not part of it ("Sian Lloyd KC"): dropped from the span end.
POST_NOMINALS = frozenset("KC QC MP MEP MSP PhD OBE MBE CBE".split())

# Determiners spaCy leaves at the front of ORG/GPE spans ("the Northern Defence League").
LEADING_DETERMINERS = frozenset({"the", "a", "an"})

# Last words of organisation names. A mention ending in one is an ORG (spaCy says FAC or GPE
# for "St. Luke's Hospital", PERSON for "Meridian Wire"); "the <head>" later in the article
# is a nominal back-reference to it ("the authority", "the health board").
ORG_HEADS = frozenset(
    """
    agency ministry council league office authority bank university institute court board
    command staff service services party daily times post press news wire herald gazette
    journal hospital school college academy company ltd ltd. inc inc. corp corp. plc group
    committee commission organization organisation association union federation fund
    forces army navy police department bureau directorate guard corps brigade battalion
    front movement alliance coalition network foundation trust utility council parliament
    holdings airlines airways motors industries partners b.v n.v gmbh ag s.a sa spa llc plc
    echo chronicle tribune observer courier telegraph mirror express examiner inquirer
    assembly senate congress cabinet government club society centre center laboratory
    """.split()
)

# Last words of named events: "Las Vegas Massacre", "Paris Climate Summit" are EVENTs, not
# the place they start with.
EVENT_HEADS = frozenset(
    """
    massacre war wars attack attacks bombing bombings summit election elections olympics games
    cup championship championships crisis revolution uprising protests conference festival
    earthquake hurricane typhoon flood floods offensive siege genocide referendum accords
    """.split()
)

# First or last words of geographic features: a mention with one is a LOC ("River Tell",
# "Vatna Glacier", "Gulf of Aden").
LOC_WORDS = frozenset(
    """
    river sea ocean lake mountains mountain mount mt valley glacier desert gulf bay strait
    peninsula island islands coast plain plains basin delta range forest canal channel
    """.split()
)

# Last words of built structures, streets and roads: FAC ("Bridge Street", "Marlow City Hall").
FAC_HEADS = frozenset(
    """
    street st road rd avenue ave lane square bridge airport hall tower stadium highway
    motorway station prison mosque church cathedral temple palace embassy base camp
    checkpoint crossing border terminal plaza boulevard
    """.split()
)

# Words before a name that signal a place, not a person: spaCy tags unfamiliar town names as
# PERSON ("in Ashcombe", "near Sosnivka"). "to"/"from" are left out: "told Smith", "from Smith".
LOCATIVE_PREPOSITIONS = frozenset(
    "in near outside around across into towards toward inside throughout via".split()
)

# Words of travel before "to"/"from": what follows is a place ("a flight to Varonne"), unlike
# "told/spoke to Smith" where "to" introduces a person.
MOTION_WORDS = frozenset(
    """
    flight flights flew fly flying trip trips journey journeys route routes road roads
    crossing crossings ferry ferries train trains travel travels travelled traveled
    travelling traveling moved move moving fled flee fleeing returned return returning
    deported deportation relocated evacuated exported imported shipped sailed drove driven
    went go going came arrived headed heading bound border pipeline highway
    """.split()
)

# "the town of X", "areas of X": X is a place.
PLACE_NOUNS = frozenset(
    """
    town towns village villages city cities province provinces district districts region
    regions area areas suburb suburbs port capital outskirts county counties state states
    municipality settlement settlements island
    """.split()
)

# Share bars, navigation and interface words that text dumps keep and spaCy tags as names.
UI_WORDS = frozenset(
    "email e-mail print share tweet comment comments reply subscribe login menu home search "
    "q&a advertisement".split()
)

# ISO currency codes spaCy tags as ORG ("EUR 4.50"): they belong to the quantities layer.
CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CNY CHF RUB IRR INR TRY UAH SAR AED ILS EGP KRW AUD CAD NOK SEK DKK".split()
)

# Demonym endings: a single "PERSON"/"GPE" token with one of these, used as an adjective ("the
# Arvanian minister"), is a NORP. Plain "-an" is left out ("Iran officials", "Sudan talks");
# such demonyms are caught when the article names the place they derive from.
DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "iot", "ic")

# Words in an institution's name that make its first word a place: "Marlow City Hall",
# "Calder Regional Health Board" → "Marlow", "Calder" alone are places (GPE).
CIVIC_WORDS = frozenset(
    """
    city county regional region district provincial province municipal municipality town
    village state metropolitan borough parish
    """.split()
)

# Company words after a brand: "Brightwater Holdings", "Hanse Bank" are later called just
# "Brightwater", "Hanse", so the first word alone joins the organisation's cluster.
CORPORATE_WORDS = frozenset(
    """
    holdings group ltd ltd. inc inc. corp corp. plc llc co co. company bank airlines airways
    motors industries partners capital energy media technologies systems
    """.split()
)

# Legal forms of companies: an organisation carrying one is what "the company"/"the firm"
# refers back to when it is the only such organisation in the article.
LEGAL_FORMS = frozenset("ltd inc corp plc llc b.v n.v gmbh ag s.a sa spa co holdings".split())
COMPANY_NOUNS = ("company", "firm")

# Little words inside names that are skipped when forming an acronym ("Ministry of Defence" →
# "MoD" → compared upper-case as "MD" and "MOD").
ACRONYM_STOPWORDS = frozenset("of the and for de du la al el on in to".split())


def bare(word: str) -> str:
    """Lower-case word without trailing period: "Gen." → "gen"."""
    return word.rstrip(".").lower()


def is_title(word: str) -> bool:
    """A capitalised title or honorific word ("Gen.", "President", "Hajj")."""
    return bool(word) and word[0].isupper() and bare(word) in TITLE_WORDS
