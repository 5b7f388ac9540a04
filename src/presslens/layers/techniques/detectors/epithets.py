"""Epithets and labels for adversary states, armies, governments and groups (Name_Calling).

Why: translated state media name the adversary by a label instead of its name ("the Kiev
regime", "the Zionist entity", "the Great Satan", "narco-terrorists"); PTC annotators mark such
labels as Name_Calling,Labeling, and the PTC-trained encoder, which saw US partisan news, misses
most of them. Words are given per language because the labels are fixed formulas of each
language's official press, not translations of each other.

What the gold taught (training/techniques/measure_detectors.md): a government called by its
capital or leader ("the Kiev regime", "the Orlov regime") is mostly *not* marked, while a
government put into a category ("the Nazi regime", "the terrorist regime", "the puppet junta",
"le régime de Kiev" aside) mostly is. So the rules are split: the labelled form ships, the named
form is kept for measurement only. Emotive adjectives ("murderous", "tyrannical" regime) are
left out on purpose: PTC marks them Loaded_Language, not Name_Calling.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

NC = "Name_Calling,Labeling"

# Category labels that put a government into a class of outlaws or servants (not emotive
# adjectives, which PTC marks Loaded_Language): "terrorist", "criminal", "puppet", "Nazi" …
_LABEL_EN = words(
    "terrorist",
    "criminal",
    "puppet",
    "Nazi",
    "neo-Nazi",
    "fascist",
    "bloodthirsty",
    "Zionist",
    "occupying",
    "occupation",
    "usurping",
    "usurper",
    "genocidal",
    "narco",
    "mafia",
    "gangster",
    "illegitimate",
    "satanic",
)
_GOVT_EN = words("regime", "junta", "entity", "clique", "dictatorship")

# "<label> [one word] regime/junta/entity": the adversary government put into a category.
REGIME_LABELLED = Detector(
    name="epithet.regime_labelled",
    technique=NC,
    why="an adversary government labelled as a class: 'the terrorist regime', 'the Zionist "
    "entity', 'the neo-Nazi junta', 'нацистский режим', 'رژیم صهیونیستی'",
    patterns={
        "en": (
            r"\b(?P<span>" + _LABEL_EN + r"\s+(?:[\w-]+\s+)?" + _GOVT_EN + r")\b",
            # "the Kiev junta": 'junta' alone denies legitimacy (a coup government), unlike
            # 'regime', so a capitalised name before it is enough.
            r"\b(?P<span>(?-i:[A-Z])[\w'’-]+\s+junta)\b",
        ),
        "fr": (
            r"\b(?P<span>(?:régime|junte|clique|entité|dictature)\s+(?:[\w-]+\s+)?"
            r"(?:sioniste|fantoche|criminel(?:le)?|terroriste|usurpat(?:eur|rice)|nazie?|"
            r"néo-?nazie?|fasciste|sanguinaire|génocidaire|d['’]occupation|putschiste|"
            r"illégitime|totalitaire))\b",
            r"\b(?P<span>(?:junte|clique)\s+(?:de\s+|d['’])(?-i:[A-Z])[\w'’-]+)",
        ),
        "ru": (
            r"(?P<span>(?:нацистск|неонацистск|террористическ|преступн|марионеточн|фашистск|"
            r"кровав|людоедск|оккупационн|сионистск|бандеровск|нелегитимн|тоталитарн|"
            r"авторитарн)\w*\s+(?:\w+\s+)?(?:режим|хунт|клик)\w*)",
        ),
        "fa": (r"(?P<span>رژیم\s+(?:صهیونیستی|اشغالگر|غاصب|جعلی|کودک‌کش|تروریستی))",),
        "ar": (r"(?P<span>(?:ال)?(?:كيان|نظام)\s+(?:ال)?(?:صهيوني|غاصب|محتل|إرهابي|عميل|مجرم))",),
    },
    skip_quoted=True,
)

# "<Name> regime": the government named by its capital or leader. Measured, not shipped: the
# gold marks it in French ("le régime de Kiev") but rarely in English or Russian.
REGIME_NAMED = Detector(
    name="epithet.regime_named",
    technique=NC,
    why="an adversary government named as a leader's/capital's 'regime' or 'dictatorship'",
    patterns={
        "en": (
            r"\b(?P<span>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s+"
            + words("regime", "clique", "dictatorship")
            + r")\b",
        ),
        "fr": (r"\b(?P<span>régime\s+(?:de\s+|d['’])(?-i:[A-Z])[\w'’-]+)",),
        "ru": (
            r"(?P<span>(?:киевск|кабульск|вашингтонск|тбилисск|кишин[её]вск|украинск|путинск)\w*"
            r"\s+(?:режим|хунт)\w*)",
        ),
    },
    skip_quoted=True,
)

# Fixed labels for an adversary bloc or state, each the official formula of some press.
# Split from the Western-bloc words below: "the collective West" is routine vocabulary in
# Russian state media and its gold rarely marks it (1 of 10), whereas these are invectives.
BLOC = Detector(
    name="epithet.bloc",
    technique=NC,
    why="fixed invectives naming an adversary bloc: 'the Great Satan', 'global arrogance'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?"
            + words(
                "Great Satan",
                "global arrogance",
                "world arrogance",
                "imperialist camp",
                "evil empire",
                "world imperialism",
                "international imperialism",
            )
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>(?:l['’]|le\s+)?(?:Grand Satan|arrogance mondiale|"
            r"[EÉ]mpire (?:du Mal|américain|anglo-saxon|atlantiste)))",
        ),
        "fa": (r"(?P<span>شیطان\s+بزرگ|استکبار\s+جهانی|نظام\s+سلطه)",),
        "ar": (r"(?P<span>(?:ال)?شيطان\s+الأكبر|(?:ال)?استكبار\s+العالمي|قوى\s+الاستكبار)",),
    },
    skip_quoted=True,
)

BLOC_WEST = Detector(
    name="epithet.bloc_west",
    technique=NC,
    why="'the collective West', 'the Anglo-Saxons' as names of an adversary bloc",
    patterns={
        "en": (r"\b(?P<span>(?:the\s+)?(?:collective West|Anglo-Saxons))\b",),
        "fr": (r"\b(?P<span>(?:l['’])?Occident collectif)",),
        "ru": (r"(?P<span>коллективн\w+\s+Запад\w*|англосакс\w+)",),
    },
    skip_quoted=True,
)

# Pejorative group nouns for an adversary's fighters, supporters or media.
GROUP = Detector(
    name="epithet.group",
    technique=NC,
    why="an adversary's soldiers, activists or journalists called neo-Nazis, mercenaries, "
    "warmongers, hypocrites …",
    patterns={
        "en": (
            r"\b(?P<span>(?:[\w-]+\s+)?"
            + words(
                "warmongers",
                "revanchists",
                "militarists",
                "imperialists",
                "lackeys",
                "henchmen",
                "stooges",
                "hirelings",
                "fifth column",
                "mercenaries of the pen",
                "reptile press",
                "class enemy",
                "traitors",
                # both marked in the gold: "a puppet of Putin" (PTC 2 of 2); néo-nazis and
                # неонацисты in French and Russian (no English gold sentence has them)
                "puppet",
                "puppets",
                "neo-Nazis",
            )
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>"
            + words(
                "néo-nazis",
                "néonazis",
                "mercenaires",
                "laquais",
                "sbires",
                "valets",
                "bellicistes",
                "fauteurs de guerre",
                "impérialistes",
                "traîtres",
                "cinquième colonne",
            )
            + r")\b",
        ),
        "ru": (
            # Nouns only: the adjective "нацистский" and "предательство" (betrayal) describe
            # deeds, and "боевики" (fighters) is the neutral word of Russian news.
            r"(?P<span>\b(?:нео)?нацист(?:ы|ов|ам|ами|ах)?\b|бандеровц\w*|на[её]мник\w*|"
            r"карател\w*|марионетк\w*|приспешник\w*|поджигател\w+\s+войны|пят\w+\s+колонн\w*|"
            r"\bпредател(?:ь|и|ей|ям|ями)\b|"
            # From the SemEval-2023 ru gold's own Name_Calling spans: "нацики", "неофашисты",
            # "страна-агрессор", "провокаторы", "русофобы" (measured together with the rest).
            r"\bнацик\w*|неофашист\w*|\bфашист(?:ы|ов|ам|ами|ах)?\b|(?:стран\w*-)?агрессор\w*|"
            r"провокатор\w*|пораженц\w*|коллаборант\w*|\bрусофоб(?:ы|ов|ам|ами|ах)?\b)",
        ),
        "fa": (
            r"(?P<span>منافقین|منافقان|فتنه‌گران|فتنه گران|اغتشاشگران|مزدوران|"
            r"تروریست‌های\s+تکفیری|عوامل\s+بیگانه|ستون\s+پنجم)",
        ),
        "ar": (
            r"(?P<span>(?:و|ب|ل)?(?:ال)?(?:مرتزقة|عملاء|أذناب|خوارج|تكفيريين|التكفيريون|"
            r"عصابات|ميليشيات|خونة)(?:\s+(?:ال)?\w+)?)",
        ),
    },
)

# An adversary's media, forces or circles qualified as hostile: the state-media way of naming
# critics without naming them ("the hostile voices", "anti-Hanlu forces"). The qualifier is
# the label; the noun alone is neutral. ("foreign-funded X" is left out: it was only seen in
# the report half of the dev set, so it could not be chosen honestly.)
HOSTILE = Detector(
    name="epithet.hostile_forces",
    technique=NC,
    why="'hostile media', 'imperialist radio stations', 'anti-X forces': critics labelled as "
    "the enemy's instruments",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?:hostile|imperialist|reactionary|revanchist|subversive|"
            r"counter-revolutionary|anti-(?-i:[A-Z])[\w-]+)\s+(?:[\w-]+\s+)?"
            + words(
                "forces",
                "elements",
                "circles",
                "voices",
                "media",
                "channels",
                "radio stations",
                "stations",
                "press",
                "opposition",
            )
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>(?:forces|éléments|milieux|médias|voix)\s+(?:hostiles|impérialistes|"
            r"réactionnaires|anti-[\w-]+))\b",
        ),
        "ru": (
            r"(?P<span>(?:враждебн|реакционн|империалистическ|антироссийск|антинародн)\w*\s+"
            r"(?:сил|элемент|круг|голос|сми|СМИ)\w*)",
        ),
        "fa": (r"(?P<span>(?:رسانه‌های|رسانه های|عوامل|جریان‌های)\s+(?:معاند|بیگانه|دشمن))",),
        "ar": (r"(?P<span>(?:ال)?(?:قوى|جهات|أبواق|وسائل\s+إعلام)\s+(?:ال)?(?:معادية|مأجورة))",),
    },
    skip_quoted=True,
)

# Armed or political opponents labelled as Nazis, fascists or jihadists: "the fascist
# opposition", "neo-Nazi battalions". 'terrorist groups' is left out: US news uses it as a
# designation (PTC marks 0 of 3), not as an epithet.
ARMED_NAZI = Detector(
    name="epithet.armed_nazi",
    technique=NC,
    why="'the fascist opposition', 'neo-Nazi battalions', 'takfiri gangs': opponents labelled "
    "as Nazis, fascists or jihadists",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?:neo-Nazi|Nazi|fascist|Banderite|jihadist|takfiri)\s+"
            + words(
                "formations", "battalions", "gangs", "bands", "thugs", "opposition", "punishers"
            )
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>(?:formations|bataillons|bandes|gangs|opposition)\s+"
            r"(?:néo-?nazies?|fascistes|djihadistes|takfiristes))\b",
        ),
        "ru": (
            r"(?P<span>(?:неонацистск|фашистск|нацистск|бандеровск)\w*\s+"
            r"(?:формировани|батальон|банд|группировк|молодчик)\w*)",
        ),
        "fa": (r"(?P<span>گروهک(?:‌|\s)?(?:های|ها)?\s+(?:تروریستی|تکفیری|منافقین|تجزیه‌طلب))",),
        "ar": (r"(?P<span>(?:ال)?(?:عصابات|جماعات)\s+(?:ال)?(?:تكفيرية|إرهابية))",),
    },
    skip_quoted=True,
)

# The same with milder labels ("nationalist formations", "hired mercenaries"): measured only,
# the Russian gold leaves "националистические батальоны" unmarked.
ARMED_NATIONALIST = Detector(
    name="epithet.armed_nationalist",
    technique=NC,
    why="'nationalist formations', 'hired mercenaries', 'paid rioters'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?:nationalist|hired|paid)\s+"
            + words("formations", "battalions", "gangs", "thugs", "mercenaries", "rioters")
            + r")\b",
        ),
        "ru": (r"(?P<span>националистическ\w*\s+(?:формировани|батальон|банд|группировк)\w*)",),
    },
    skip_quoted=True,
)

# A leader called a dictator, tyrant or despot instead of by office: the label the gold marks
# most consistently in every language (PTC 9 of 14, SemEval-2023 fr 15 of 20, ru 12 of 17).
# English requires the lowercase noun after a determiner, so book titles ("The Dictator Pope")
# and "dictatorship" do not fire.
DICTATOR = Detector(
    name="epithet.dictator",
    technique=NC,
    why="an adversary leader labelled 'the dictator in Velograd', 'a brutal tyrant', "
    "'le despote', 'российский диктатор'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the|a|this|that|its|their)\s+(?:[\w-]+\s+)?(?-i:"
            + words("dictator", "tyrant", "despot", "usurper", "butcher", "war criminal")
            + r")s?)\b",
        ),
        "fr": (
            r"\b(?P<span>(?:dictateur|tyran|despote|usurpateur|boucher|criminel de guerre)s?)\b",
        ),
        "ru": (r"(?P<span>(?:диктатор|тиран|узурпатор|палач|военн\w+\s+преступник)\w*)",),
        "fa": (r"(?P<span>دیکتاتور|جلاد|جنایتکار\s+جنگی)",),
        "ar": (r"(?P<span>(?:ال)?(?:طاغية|ديكتاتور|دكتاتور|سفاح|مجرم\s+حرب))",),
    },
    # A quoted « boucher » is still marked in the French gold: quotes are not skipped here.
    skip_quoted=False,
)

# "certain forces", "certain Western politicians": critics named as a faceless bloc, the
# formula of foreign-ministry briefings. Not "certain individuals/people" (neutral in US news).
CERTAIN = Detector(
    name="epithet.certain_quarters",
    technique=NC,
    why="'certain Western politicians', 'certain forces abroad', 'certaines forces', "
    "'определённые круги': an unnamed adversary bloc",
    patterns={
        "en": (
            r"\b(?P<span>certain\s+(?:Western\s+|foreign\s+|US\s+|American\s+|hostile\s+)?"
            + words("politicians", "forces", "circles", "countries", "quarters", "media")
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>certain(?:e)?s\s+(?:forces|milieux|cercles|pays|politiciens)"
            r"(?:\s+occidentaux|\s+occidentales|\s+étrangers|\s+étrangères)?)\b",
        ),
        "ru": (r"(?P<span>(?:определ[её]нн|некотор)\w+\s+(?:круг|сил|западн\w+\s+политик)\w*)",),
    },
    skip_quoted=True,
)

DETECTORS = (
    REGIME_LABELLED,
    REGIME_NAMED,
    BLOC,
    BLOC_WEST,
    GROUP,
    HOSTILE,
    ARMED_NAZI,
    ARMED_NATIONALIST,
    DICTATOR,
    CERTAIN,
)
