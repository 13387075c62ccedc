"""Latin spellings of a name written in Cyrillic, the way agencies, passports and MT produce them.

A registry entry may give the native-script form of a name (``native: [Токаев, Тоқаев]``).
From it we generate the spellings found in English-language news: the standard systems
(BGN/PCGN, Wikipedia's, ISO 9, the ICAO passport system, the French MVD system, via the
`iuliia` library) plus German (Duden) and Turkish conventions from small tables here, and
then the alternations wire services mix freely (Kh/H, Zh/J/Dj, -ev/-yev/-iev, y/i, ts/c).

Kazakh, Kyrgyz, Ukrainian and Belarusian letters are first read as their nearest Russian
letter (қ → к, ө → о, є → е), which is what a Russian-trained transliterator does.
"""

from __future__ import annotations

import functools
from typing import Any

import regex

# Letters outside the Russian alphabet, read as the nearest Russian one.
_TO_RUSSIAN = str.maketrans(
    {
        "қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ө": "о", "Ө": "О", "ү": "у", "Ү": "У", "ұ": "у", "Ұ": "У",
        "і": "и", "І": "И", "ә": "а", "Ә": "А", "ң": "н", "Ң": "Н", "һ": "х", "Һ": "Х", "є": "е", "Є": "Е",
        "ї": "и", "Ї": "И", "ґ": "г", "Ґ": "Г", "ў": "у", "Ў": "У",
    }
)

_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯьъЬЪ")
_SIBILANTS = frozenset("жчшщ")

# Duden transliteration, as German media write Russian names (Токаев → Tokajew, Шойгу → Schoigu).
GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "ju", "я": "ja",
}
# Turkish spelling, as Turkish agencies and Turkish → English MT render them (Жомарт → Jomart, Шавкат → Şavkat).
TURKISH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "ı", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
# How each table writes е where it sounds "ye" (word start, after a vowel or a sign).
_IOTATED_E = {"german": "je", "turkish": "ye"}

# Alternations that wire services and MT systems mix within the same text. Each maps a
# pattern to its replacement and is applied to the whole name at once, as a given
# transliterator is consistent within one name.
CONVENTIONS: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(pattern), replacement)
    for pattern, replacement in (
        (r"kh", "h"),
        (r"Kh", "H"),
        (r"dzh", "j"),
        (r"Dzh", "J"),
        (r"zh", "j"),
        (r"Zh", "J"),
        (r"\bJ", "Dj"),
        (r"(?<=[aeiou])yev\b", "ev"),
        (r"(?<=[aeou])ev\b", "yev"),
        (r"(?<=[aeiou])yev\b", "iev"),
        (r"(?<=[bcdfghklmnprstvz])y(?=[bcdfghklmnprstvz]|\b)", "i"),
        (r"ts(?!ch)", "c"),  # not German's tsch (ч): "Gorbatschow" is no "Gorbacchow"
        (r"Ts(?!ch)", "C"),
    )
)
MAX_VARIANTS = 256
# What iuliia's schemes leave that English news never writes in a name: the signs' apostrophes and quotes
# ("Il’ich", "Pod”yachev", "Podʺâčev") go; ё, which BGN/PCGN and ISO 9 keep as it is, is their ë.
_SCHEME_MARKS = str.maketrans({"’": None, "ʹ": None, "”": None, "ʺ": None, "ё": "ë", "Ё": "Ë"})


def _scheme(schema: Any, russian: str) -> str:
    """A name in one of iuliia's schemes, as English news could print it.

    >>> import iuliia
    >>> _scheme(iuliia.BGN_PCGN, "Фёдор Объедков"), _scheme(iuliia.GOST_779, "Ильич Подъячев")
    ('Fëdor Obyedkov', 'Ilič Podâčev')
    """
    return str(schema.translate(russian)).translate(_SCHEME_MARKS)


def _table_transliterate(text: str, table: dict[str, str], iotated_e: str) -> str:
    """Transliterate with a letter table, keeping case and non-Cyrillic characters.

    >>> _table_transliterate("Касым-Жомарт Токаев", TURKISH, "ye")
    'Kasım-Jomart Tokayev'
    >>> _table_transliterate("Борис Ельцин", GERMAN, "je")
    'Boris Jelzin'
    >>> _table_transliterate("Михаил Горбачёв", GERMAN, "je"), _table_transliterate("Михаил Горбачёв", TURKISH, "ye")
    ('Michail Gorbatschow', 'Mihail Gorbaçov')
    """
    out: list[str] = []
    previous = " "
    for char in text:
        lower = char.lower()
        latin: str | None
        if lower == "е" and (not previous.isalpha() or previous in _CYRILLIC_VOWELS):
            latin = iotated_e
        elif lower == "ё" and previous.lower() in _SIBILANTS:
            latin = "o"  # ё after a sibilant sounds o: "Gorbatschow", "Gorbaçov", not "Gorbatschjow", "Gorbaçyov"
        else:
            latin = table.get(lower)
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin.capitalize() if len(latin) > 1 and not _next_is_upper(text, len(out)) else latin.upper())
        else:
            out.append(latin)
        previous = char
    # "Tokajew" after "Tokaew": й before е is absorbed by the iotation ("ajew", not "ajjew")
    return "".join(out).replace("jje", "je").replace("yye", "ye")


def _next_is_upper(text: str, index: int) -> bool:
    return index + 1 < len(text) and text[index + 1].isupper()


def apply_conventions(forms: set[str], rounds: int = 4) -> set[str]:
    """Close a set of spellings under the alternations in :data:`CONVENTIONS`.

    >>> sorted(apply_conventions({"Alikhan Smailov"}))
    ['Alihan Smailov', 'Alikhan Smailov']
    >>> "Kasim-Jomart Tokaev" in apply_conventions({"Kasym-Zhomart Tokayev"})
    True
    """
    result = set(forms)
    frontier = set(forms)
    for _ in range(rounds):
        found: set[str] = set()
        for form in frontier:
            for pattern, replacement in CONVENTIONS:
                changed = pattern.sub(replacement, form)
                if changed not in result:
                    found.add(changed)
        result |= found
        frontier = found
        if len(result) >= MAX_VARIANTS:
            break
    return result


@functools.lru_cache(maxsize=1024)
def latin_variants(native: str) -> frozenset[str]:
    """The Latin spellings of a Cyrillic name (Kazakh, Ukrainian letters included).

    >>> forms = latin_variants("Касым-Жомарт Тоқаев")
    >>> sorted(f for f in ("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokayev", "Kasim-Jomart Tokaev", "Kasym-Schomart Tokajew") if f in forms)
    ['Kasim-Jomart Tokaev', 'Kasym-Schomart Tokajew', 'Kasym-Zhomart Tokayev']
    >>> "Alihan Smailov" in latin_variants("Алихан Смаилов")
    True
    """
    import iuliia  # loaded only when a registry gives native forms

    russian = native.translate(_TO_RUSSIAN)
    seeds = {
        _scheme(schema, russian)
        for schema in (iuliia.BGN_PCGN, iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.GOST_779, iuliia.MVD_310_FR)
    }
    seeds.add(_table_transliterate(russian, GERMAN, _IOTATED_E["german"]))
    seeds.add(_table_transliterate(russian, TURKISH, _IOTATED_E["turkish"]))
    return frozenset(form for form in apply_conventions(seeds) if form != native)


# Ukraine's national romanisation (Cabinet of Ministers resolution 55 of 2010), used in its passports and by its
# government in English: the first letter is a word's first letter, the second any other.
UKRAINIAN_NATIONAL: dict[str, str | tuple[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"), "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": ("yu", "iu"), "я": ("ya", "ia"), "'": "", "’": "", "ʼ": "",
}
_UKRAINIAN_LETTERS = regex.compile(r"[іїєґІЇЄҐ]")


def ukrainian_national(name: str) -> str:
    """A Ukrainian name in Ukraine's national romanisation (2010), keeping case and other characters.

    >>> [ukrainian_national(name) for name in ("Володимир Зеленський", "Юрій Ігнат", "Михайло Подоляк", "Згурівка")]
    ['Volodymyr Zelenskyi', 'Yurii Ihnat', 'Mykhailo Podoliak', 'Zghurivka']
    """
    out: list[str] = []
    previous = " "
    for char in name:
        lower = char.lower()
        letter = UKRAINIAN_NATIONAL.get(lower)
        latin = letter[previous.isalpha()] if isinstance(letter, tuple) else letter
        if lower == "г" and previous.lower() == "з":
            latin = "gh"  # зг is zgh, not zh
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
        previous = char
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def standard_romanisations(native: str, country: str | None = None) -> frozenset[str]:
    """The spellings of a Cyrillic name that a national or international standard gives, which English-language
    news writes besides an agency's house form: BGN/PCGN's ("Sergey Shoygu"), or for a Ukrainian name (by its
    letters, or ``country`` UA) Ukraine's own ("Volodymyr Zelenskyi"). None for other scripts.

    >>> standard_romanisations("Сергей Шойгу"), standard_romanisations("Юрій Ігнат")
    (frozenset({'Sergey Shoygu'}), frozenset({'Yurii Ihnat'}))
    >>> standard_romanisations("Владимир Зеленский", "UA")
    frozenset({'Vladymyr Zelenskyi'})
    """
    if not regex.search(r"\p{Cyrillic}", native):
        return frozenset()
    import iuliia

    if country == "UA" or _UKRAINIAN_LETTERS.search(native):
        return frozenset({ukrainian_national(native)})  # not as Russian reads it: "Ignat" for Ігнат is the error to find
    return frozenset({_scheme(iuliia.BGN_PCGN, native.translate(_TO_RUSSIAN))})
