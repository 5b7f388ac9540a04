"""Epithets and labels for adversary states, armies, governments and groups (Name_Calling).

Why: translated state media name the adversary by a label instead of its name ("the Kiev
regime", "the Zionist entity", "the Great Satan", "narco-terrorists"); PTC annotators mark such
labels as Name_Calling,Labeling, and the PTC-trained encoder, which saw US partisan news, misses
most of them. Words are given per language because the labels are fixed formulas of each
language's official press, not translations of each other.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

NC = "Name_Calling,Labeling"

# "<Name or adjective> regime/junta/clique": the government called by its leader's or capital's
# name plus a word that denies it legitimacy. Capitalised first word required in English so that
# "the regime of sanctions" or "a tax regime" do not fire.
REGIME = Detector(
    name="epithet.regime",
    technique=NC,
    why="an adversary government named as a leader's/capital's 'regime', 'junta' or 'clique'",
    patterns={
        "en": (
            r"\b(?P<span>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s+"
            + words("regime", "junta", "clique", "dictatorship")
            + r")\b",
            r"\b(?P<span>(?:usurping|puppet|terrorist|fascist|illegitimate|occupying|"
            r"zionist|apartheid|murderous|bloody)\s+(?:[\w-]+\s+)?"
            + words("regime", "junta", "clique", "entity")
            + r")\b",
        ),
        "fr": (
            r"\b(?P<span>(?:régime|junte|clique)\s+(?:de\s+|d['’])?(?-i:[A-Z])[\w'’-]+)",
            r"\b(?P<span>(?:régime|entité)\s+(?:sioniste|fantoche|criminel|terroriste|usurpateur))",
        ),
        "ru": (
            r"(?P<span>(?:киевск|кабульск|вашингтонск|преступн|нацистск|марионеточн|"
            r"неонацистск|террористическ)\w*\s+(?:режим|хунт)\w*)",
            r"(?P<span>(?:режим|хунт)\w*\s+(?-i:[А-ЯЁ])\w+)",
        ),
        "fa": (r"(?P<span>رژیم\s+(?:صهیونیستی|اشغالگر|غاصب|جعلی|کودک‌کش|تروریستی))",),
        "ar": (r"(?P<span>(?:ال)?(?:كيان|نظام)\s+(?:ال)?(?:صهيوني|غاصب|محتل|إرهابي|عميل|مجرم))",),
    },
)

# Fixed labels for an adversary bloc or state, each the official formula of some press.
BLOC = Detector(
    name="epithet.bloc",
    technique=NC,
    why="fixed formulas naming an adversary bloc: 'the collective West', 'global arrogance'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?"
            + words(
                "collective West",
                "Great Satan",
                "global arrogance",
                "world arrogance",
                "imperialist camp",
                "Anglo-Saxons",
                "axis of evil",
                "evil empire",
            )
            + r")\b",
        ),
        "fr": (r"\b(?P<span>(?:l['’])?(?:Occident collectif|Grand Satan|arrogance mondiale))",),
        "ru": (r"(?P<span>коллективн\w+\s+Запад\w*|англосакс\w+)",),
        "fa": (r"(?P<span>شیطان\s+بزرگ|استکبار\s+جهانی|نظام\s+سلطه)",),
        "ar": (r"(?P<span>(?:ال)?شيطان\s+الأكبر|(?:ال)?استكبار\s+العالمي|قوى\s+الاستكبار)",),
    },
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
            r"\bпредател(?:ь|и|ей|ям|ями)\b)",
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

DETECTORS = (REGIME, BLOC, GROUP)
