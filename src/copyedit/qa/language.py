"""Text left untranslated: sentences in another language, fragments in another script, and an
article that is not in the expected language at all.

Both language checks read only the article's prose (:func:`copyedit.index.prose_lines`, from the document's
index): lines of paragraphs
long enough to be sentences, never headlines, captions, list entries, table cells or short lines,
which are mostly names and terms. `langdetect` is slow (about 0.12 MB/s) and unreliable on
short text, so it runs only where a cheap test says a sentence may be foreign: letters outside
the article's alphabet, or too few of the language's common words. Quotations (foreign speech
is quoted on purpose), capitalised words after the first (names, titles) and short sentences
are left out before either test. It is imported on first use, so runs that never need it pay
nothing, and made deterministic with a fixed seed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import string
import struct
from typing import Any, Iterable, Iterator

import regex

from ..collector import collection_paused
from ..index import TextIndex, found_once, text_index
from ..loading import load_once
from ..kinds.base import Context, Hit
from ..languages import UNSPACED_SCRIPT

# The most frequent English words: function words that any English sentence of some length
# contains several of. A sentence with almost none is probably not English.
COMMON_WORDS = {
    "en": frozenset(
        """a about after against all also an and any are as at be because been before being between both but by
        can could did do does during each for from had has have he her here him his how i if in into is it its
        just more most my no not now of on one only or other our out over said says she should since so some
        such than that the their them then there these they this those through to under up very was we were
        what when where which while who will with would you your new two year years people told government
        president minister country state""".split()
    )
}
# Letters an English article may contain beyond a-z (loanwords and names keep their accents).
ALPHABETS = {"en": "a-zA-Zàáâäçèéêëíîïñóôöúûüœæ"}
# Letters outside each alphabet, found in one pass.
_OUTSIDE = {language: regex.compile(rf"[^\P{{L}}{letters}]") for language, letters in ALPHABETS.items()}
# Runs of letters, not single letters: counting letters by runs makes five times fewer matches.
_CJK = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
_FOREIGN_SCRIPT_RUN = {
    # One Han or kana character is a word; other scripts need two letters. The long-vowel mark and
    # the middle dot are in no script of their own: inside a word ("ニュース", "ハーパーズ・バザー") they
    # do not end it, and alone (a dash in a Japanese headline: "ー Saga Newspaper") they are not one.
    "en": regex.compile(
        rf"{_CJK}+[ーｰ]*(?:[\s・･]*{_CJK}+[ーｰ]*)*"
        r"|[^\P{L}\p{Latin}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]{2,}(?:[\s\-][^\P{L}\p{Latin}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+)*"
    )
}
# Any character that may belong to a fragment in another script: all but Latin letters
# (U+0000-024F, less the micro sign, which is Greek), punctuation and currency signs. Most
# English articles have none: their few characters beyond ASCII (the index's) say so.
_BEYOND_LATIN = re.compile(r"[^\x00-\xb4\xb6-\u024f\u2000-\u206f\u20a0-\u20cf]")
# Literal characters only: the standard library's engine (faster) reads it as ``regex`` would.
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"\n]*\"|„[^“”]*[“”]")
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
# _WORD for ASCII text, where \p{L} is [A-Za-z] and ’ cannot occur: the standard engine finds
# the same words about twice as fast, and most sentences of English news are ASCII.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
# Anything but ASCII and the few symbols of English news that are neither letters, nor
# apostrophes or quotation marks, nor changed by lower-casing (the pound sign above all).
_NOT_ASCII_PROSE = re.compile(r"[^\x00-\x7f£€¥°±×÷–—…•·\u00a0\u2009\u202f]")
# What the common-word screen passes besides: quotation marks and apostrophes, no letters (after its quotations
# are taken out, a sentence keeps an unpaired “ or ” of a quotation over several sentences, and "Putin’s").
_OPENS_QUOTATION = re.compile("[“«„]")  # what _unquoted looks for, besides '"'
_NOT_SCREENED = re.compile(r"[^\x00-\x7f£€¥°±×÷–—…•·\u00a0\u2009\u202f‘’“”«»„]")
# Whether each alphabet has all of a-z and A-Z, so that text with only ASCII letters has none outside it.
_ASCII_INSIDE = {language: outside.search(string.ascii_letters) is None for language, outside in _OUTSIDE.items()}
_CAPITALISED_WORD = regex.compile(r"(?<!\p{L})\p{Lu}\p{L}*(?:['’]\p{L}+)*")
_NON_ASCII_LETTER = regex.compile(r"[^\P{L}a-zA-Z]")
_TITLE_WORD = regex.compile(r"(?<!\p{L})\p{Lu}\p{Ll}{3,}(?!\p{L})")
MIN_LETTERS = 40
# A sentence is judged only with this many words left once names are out: fewer are a list of
# terms ("Transverse fracture 52 %, multifragment fractures 40 %"), which langdetect takes for
# French as readily as for English.
MIN_WORDS = 6
MIN_PROBABILITY = 0.9
# The article is in another language when that language holds this share of its judged prose.
ARTICLE_SHARE = 2 / 3


@load_once
def load_detector() -> None:
    """Load langdetect and its language profiles, once per process: read back from the user's cache folder
    (:func:`copyedit.rule_cache.kept`, about 0.03 s of CPU) once a process has read them as langdetect
    does (0.25 s) and kept them (:func:`_read_profiles`).

    It happens on first use, or ahead of it (:func:`preload`): a front end that forks worker
    processes loads it first, so that the workers share the loaded profiles.
    """
    from langdetect import DetectorFactory, detector_factory  # slow to load: only when needed

    from ..rule_cache import kept

    DetectorFactory.seed = 0
    # under the profiles' stamp as a digest: a langdetect upgraded leaves its old profiles to be dropped, not kept for ever
    languages, records = kept("langdetect-profiles", tuple, _read_profiles, digest=_profiles_stamp())
    factory = DetectorFactory()
    factory.langlist = list(languages)
    factory.word_lang_prob_map = _Profiles(records, len(languages))
    detector_factory._factory = factory


def _read_profiles() -> tuple[list[str], dict[str, bytes]]:
    """langdetect's languages and, for each of its 88,000 n-grams, a record of the probabilities it gives
    the n-gram in each language, as it loads them: the indexes of the languages where it is not 0 (one
    byte each), then those probabilities (doubles). A record is 4% of the list langdetect makes."""
    from langdetect import detector_factory

    factory = detector_factory.DetectorFactory()
    with collection_paused():  # the profiles are 88,000 lists made at once: collections would walk them again and again
        factory.load_profile(detector_factory.PROFILES_DIRECTORY)
    records = {}
    for word, probabilities in factory.word_lang_prob_map.items():
        indexes = bytes(index for index, probability in enumerate(probabilities) if probability)
        records[word] = indexes + struct.pack(f"{len(indexes)}d", *(probabilities[index] for index in indexes))
    return list(factory.langlist), records


class _Profiles(dict[str, "bytes | tuple[float, ...]"]):
    """langdetect's n-gram → its probability in each language, made from the n-gram's record (:func:`_read_profiles`)
    when first read: a text reads a few thousand n-grams of the 88,000. The same probabilities as langdetect's
    own lists, as tuples (the collector does not track tuples of floats).

    >>> profiles = _Profiles({"ab": bytes([2]) + struct.pack("1d", 0.25)}, 3)
    >>> "ab" in profiles, "cd" in profiles, profiles["ab"], profiles["ab"] is profiles["ab"]
    (True, False, (0.0, 0.0, 0.25), True)
    """

    __slots__ = ("_languages",)

    def __init__(self, records: dict[str, bytes], languages: int) -> None:
        super().__init__(records)
        self._languages = languages

    def __getitem__(self, word: str) -> tuple[float, ...]:
        value = super().__getitem__(word)
        if isinstance(value, tuple):
            return value
        count = len(value) // 9  # an index byte and a double per language
        probabilities = [0.0] * self._languages
        for index, probability in zip(value[:count], struct.unpack(f"{count}d", value[count:])):
            probabilities[index] = probability
        made = tuple(probabilities)
        super().__setitem__(word, made)  # two threads may both make it: the same tuple
        return made


def _profiles_stamp() -> str:
    """Which profiles langdetect has, without reading them: its module's and each profile file's name, size and time."""
    from langdetect import detector_factory

    digest = hashlib.sha256()
    for path in (detector_factory.__file__, *sorted(os.scandir(detector_factory.PROFILES_DIRECTORY), key=lambda entry: entry.name)):
        info = os.stat(path)
        digest.update(f"{os.path.basename(path)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def preload() -> None:
    """Load now what the language checks would load on first use: langdetect's profiles, the
    English word list and CLD2 (:meth:`copyedit.engine.RuleSet.preload`)."""
    import pycld2  # noqa: F401 - imported for its first use

    from .english import english_words

    load_detector()
    english_words()


def detect_language(text: str) -> tuple[str, float] | None:
    """The most probable language of a text and its probability (deterministic).

    >>> detect_language("Kazakistan Cumhurbaşkanı, ülkenin tüm bölgelerinde anayasal düzenin yeniden sağlandığını açıkladı.")[0]
    'tr'
    >>> detect_language("1234 !!") is None
    True
    """
    ranked = language_probabilities(text)
    return ranked[0] if ranked else None


ENGLISH_SHARE = 0.8


def _beyond_langdetect(text: str) -> tuple[str, float] | None:
    """The language of a text when CLD2 is reliably sure of it (90% or more) and langdetect has no profile
    of it, so could not have said it; its share of the text (0–1) as the probability.

    >>> _beyond_langdetect("var sigursæl á en hún vann tvenn gullverðlaun í gær, í 100 metra hlaupi og í metra")
    ('is', 0.98)
    >>> _beyond_langdetect("Die Erkenntnisse wurden seit dem Pandemieausbruch gewonnen.") is None  # langdetect knows German
    True
    """
    found = cld2_language(text)
    if found is None or found[1] < 90 or found[0] in _langdetect_languages():
        return None
    return found[0], found[1] / 100


@functools.cache
def _langdetect_languages() -> frozenset[str]:
    """The languages langdetect has a profile of ("zh-cn" and "zh-tw" are "zh")."""
    from importlib import resources

    return frozenset(entry.name.split("-")[0] for entry in resources.files("langdetect").joinpath("profiles").iterdir())


# CLD2's codes where langdetect and babel have another: the old ISO codes of Hebrew and Javanese
_CLD2_CODES = {"iw": "he", "jw": "jv"}
# Not a language: unknown ("un"), a script alone ("xx-Arab"), CLD2's internal "zz" codes
_CLD2_LANGUAGE = regex.compile(r"(?!un\b|xx|zz)[a-z]{2,3}")


def cld2_language(text: str) -> tuple[str, int] | None:
    """The language CLD2 reliably finds most of a text in (its code as langdetect and babel write it) and
    its share of the text in percent; None when CLD2 is unsure, finds no language or cannot read the text
    (a lone surrogate).

    >>> cld2_language("Премьер-министр заявил в четверг, что правительство примет новые меры поддержки.")[0], cld2_language("OK 123")
    ('ru', None)
    """
    import pycld2

    try:
        reliable, _, found = pycld2.detect(text)
    except (pycld2.error, UnicodeError):
        return None
    code: str = found[0][1].split("-")[0]
    code = _CLD2_CODES.get(code, code)
    return (code, found[0][2]) if reliable and _CLD2_LANGUAGE.fullmatch(code) else None


def surely_in(text: str, language: str, min_percent: int = 90) -> bool:
    """Whether CLD2 (pycld2, about 50 µs a sentence against langdetect's 5–20 ms) is reliably sure the
    text is in ``language``: a gate in front of langdetect, which stays the judge of everything else.
    Measured on the corpora: see benchmarks/RESULTS.md (issue 13, language-ID gate).

    >>> surely_in("Tokayev said order was restored in all regions, and that the operation would go on.", "en")
    True
    >>> surely_in("Terörle mücadele operasyonunun militanlar tamamen yok edilene kadar devam edeceğini söyledi.", "en")
    False
    >>> surely_in("A lone surrogate " + chr(0xD800) + " in a file decoded with surrogateescape.", "en")
    False
    """
    found = cld2_language(text)  # none for a text CLD2 cannot read (a lone surrogate): langdetect decides
    return found is not None and found[0] == language and found[1] >= min_percent


def _mostly_english(words: list[str]) -> bool:
    """Whether at least ``ENGLISH_SHARE`` of a sentence's words are English words (the shipped word
    list): such a sentence is English, whatever langdetect makes of it ("Illusion causes delusion,
    delusion causes delusion I will expel delusion." reads as French to it, probability 1.00).

    >>> _mostly_english(["illusion", "causes", "delusion", "i", "will", "expel", "delusion"])
    True
    >>> _mostly_english(["convocarea", "era", "sporadică", "nu", "regulată", "iar", "din", "secolul"])
    False
    """
    from .english import is_english_word

    return sum(map(is_english_word, words)) >= ENGLISH_SHARE * len(words)


def language_probabilities(text: str) -> list[tuple[str, float]]:
    """The languages a text may be in, most probable first, with their probabilities
    (deterministic); none for a text without letters."""
    load_detector()
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return [(found.lang, found.prob) for found in detect_langs(text)]
    except LangDetectException:
        return []


def _unquoted(sentence: str) -> str:
    """A sentence without its quotations (``_QUOTED``'s matches).

    >>> _unquoted('He said "no" and "yes", then "maybe.'), _unquoted('“Да,” he said "no".')
    ('He said  and , then "maybe.', ' he said .')
    """
    # Most sentences have no quotation mark at all: four substring tests are cheaper than the search.
    if '"' in sentence:
        if "“" not in sentence and "«" not in sentence and "„" not in sentence and "\n" not in sentence:
            # Straight marks only (most quotations of English news): the pattern takes out each pair and what
            # stands between, from the left, and leaves a last mark without a pair; a split does it in half the time.
            parts = sentence.split('"')
            return "".join(parts[::2]) if len(parts) % 2 else "".join(parts[:-1:2]) + '"' + parts[-1]
        return _QUOTED.sub("", sentence)
    if "“" in sentence or "«" in sentence or "„" in sentence:
        return _QUOTED.sub("", sentence)
    return sentence


def prose_only(sentence: str) -> str:
    """A sentence without quotations and without capitalised words after the first
    (names, titles of works), which say nothing about the language it is written in.

    >>> prose_only("Abayev said “Вооружённые бандиты” attacked Almaty on Tuesday.")
    'Abayev said  attacked  on .'
    """
    unquoted = _unquoted(sentence)
    first = _WORD.search(unquoted, concurrent=False)
    if first is None:
        return unquoted
    rest: str = _CAPITALISED_WORD.sub("", unquoted[first.end() :], concurrent=False)  # regex ships no types
    return unquoted[: first.end()] + rest


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, by the faster engine when the text is ASCII.

    >>> _words("l'état d'urgence, it's"), _words("it's a test")
    (["l'état", "d'urgence", "it's"], ["it's", 'a', 'test'])
    """
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text, concurrent=False)


def _capitalised_words(sentence: str) -> list[str]:
    """The capitalised words that :func:`prose_only` takes out of a sentence, written as words are (a
    capital, then three lower-case letters or more; not "FE" or "URo"). In English they are names and
    say nothing of its language; in German, which capitalises its nouns, they are words of the sentence
    ("Die Erkenntnisse wurden seit dem Pandemieausbruch mehrheitlich von Autopsien gewonnen" keeps 33
    letters of prose), counted towards a sentence long enough to judge, for a quarter of its letters at
    most: with fewer than 30 of prose, "Fischer and Fisher and Vischer met فيشر in Astana." read as
    German. (Counting them towards its six words too found 5% more German sentences and flagged a team
    list of BBC news: "H Shimange, CJ van der Linde, G Britz".)

    >>> _capitalised_words("Die Erkenntnisse wurden seit dem Pandemieausbruch gewonnen."), _capitalised_words("Namely: 0x8130FE39; Oo2douolag0c URo")
    (['Erkenntnisse', 'Pandemieausbruch'], [])
    """
    unquoted = _unquoted(sentence)
    first = _WORD.search(unquoted, concurrent=False)
    return [] if first is None else _TITLE_WORD.findall(unquoted, first.end(), concurrent=False)


def _letters(words: list[str]) -> int:
    """The letters of a text's words (every letter is in one word; apostrophes are not letters)."""
    joined = "".join(words)
    return len(joined) - joined.count("'") - joined.count("’")


def may_be_foreign(prose: str, words: list[str], language: str, letters_outside: bool = True) -> bool:
    """The cheap test: letters outside the alphabet, or too few common words. ``words``: the words of the
    lower-cased prose (:func:`_words`); ``letters_outside=False`` when the whole text around the prose is known
    to have no letter outside the alphabet.

    >>> prose = "the operation against terrorism will continue until the militants are destroyed"
    >>> may_be_foreign(prose, _words(prose), "en")
    False
    >>> prose = "operasyonun militanlar tamamen yok edilene kadar devam edeceğini söyledi"
    >>> may_be_foreign(prose, _words(prose), "en")
    True
    """
    outside, common = _OUTSIDE.get(language), COMMON_WORDS.get(language)
    if outside is None or common is None:
        return True  # no cheap test for this language: ask langdetect
    # Most prose has no letter outside the alphabet at all: one search says so, without a list.
    if letters_outside and outside.search(prose, concurrent=False) is not None and len(outside.findall(prose, concurrent=False)) > max(1, sum(map(len, words)) // 50):
        return True
    if len(words) < 4:
        return False
    return sum(map(common.__contains__, words)) / len(words) < 0.2


def _surely_native(sentence: str, common: frozenset[bytes]) -> bool:
    """Whether the cheap test would pass a sentence as native, decided without :func:`prose_only`:
    for text with no letter outside the alphabet, and only if the sentence is ASCII give or
    take a few symbols such as £ and quotation marks (else it says no, and the full test decides).
    "’" joins letters into one word in both tests ("it’s" is no "it"), and no other of them is a letter.

    Past its quotations, :func:`prose_only` only deletes capitalised words from such a
    sentence, which never adds a word and never touches a lower-case word with a non-letter on
    each side; so the unquoted sentence's lower-case common words are at most as many as the
    prose's, and its words at least as many. A common-word share of 1 in 5 there is then one on
    the prose too (:func:`_screen_score`); a plain sentence's score can come ready-made from the :class:`Screen`.

    >>> common = _COMMON_BYTES["en"]
    >>> _surely_native("The Astana court said the ruling was final.", common)
    True
    >>> _surely_native("Mr Nazarbayev's Nur Otan party, Kazakhstan's ruling party, won again.", common)
    False
    >>> _surely_native('He said "Nur Otan Astana Almaty Shymkent Aktobe" had won £5m.', common)
    True
    >>> _surely_native("Il a dit que le président Tokaïev avait gagné.", common)
    False
    >>> _surely_native("He said “Вооружённые бандиты” attacked the city on Tuesday.", common)
    True
    >>> _surely_native("“It’s the ruling of the court, and it’s final.", common), _surely_native("It’s Nur Otan’s Astana.", common)
    (True, False)
    """
    return _screen_score(sentence, common) >= 0


# Each ASCII letter and apostrophe stays as it is, and any other character becomes a space: a text's words
# (as _ASCII_WORD finds them) are then what stands between spaces, once its apostrophes that join no two
# letters are spaces too.
_WORD_BYTES = bytes(byte if chr(byte) in string.ascii_letters or chr(byte) == "'" else ord(" ") for byte in range(256))
_LONE_APOSTROPHE = re.compile(rb"'(?:(?<![A-Za-z]')|(?![A-Za-z]))")
# The common words as _screen_score reads them (all are ASCII).
_COMMON_BYTES = {language: frozenset(word.encode("ascii") for word in words) for language, words in COMMON_WORDS.items()}
# The score of a sentence the screen cannot pass (a letter beyond ASCII prose): below 0, as a foreign sentence's.
_UNSCORED = -1


def _screen_score(sentence: str, common: frozenset[bytes]) -> int:
    """``5 × common words − words`` of a sentence less its quotations (as :func:`prose_only` takes them out: a
    quoted “Вооружённые бандиты” is no letter of the prose), its words as ``_ASCII_WORD`` finds them ("’" joins
    two letters as "'" does): its share of common words is 1 in 5 or more when the score is 0 or more.
    ``_UNSCORED`` when what is left has a letter beyond ASCII prose.

    The text is read as bytes, one for each character (beyond Latin-1, "?"), of which the letters of its
    words are kept and any other made a space, in C calls: its words are then what stands between the
    spaces. Nothing is kept from one text to the next: a table of the score of every chunk of text seen
    (64,000 of them over BBC news) made each look-up a miss in the processor's caches once the other checks
    had run, and the other checks slower beside it.

    >>> common = frozenset({b"the", b"of"})
    >>> [_screen_score(text, common) for text in ("the", "U.S.", "state-of-the-art", "£5m", "“Of", "(of),", "'of'", "of'the")]
    [4, -2, 6, -1, -1, 4, 4, -1]
    >>> _screen_score('"The" said of “Tokaïev” the', common), _screen_score("Tokaïev", common)
    (7, -1)
    >>> text = "It’s the end of it's ’til rock'n'roll, '' ' of’"
    >>> _screen_score(text, common), _ASCII_WORD.findall(text.replace("’", "'"))
    (7, ["It's", 'the', 'end', 'of', "it's", 'til', "rock'n'roll", 'of'])
    """
    sentence = _unquoted(sentence)
    if not sentence.isascii() and _NOT_SCREENED.search(sentence) is not None:
        return _UNSCORED
    if "’" in sentence:
        sentence = sentence.replace("’", "'")
    kept = sentence.encode("latin-1", "replace").translate(_WORD_BYTES)
    if b"'" in kept:
        kept = _LONE_APOSTROPHE.sub(b" ", kept)
    words = kept.split()
    return 5 * sum(map(common.__contains__, words)) - len(words)


class Screen:
    """The common-word screen (:func:`_surely_native`) of one document's prose lines and their sentences: each
    sentence's score (:func:`_screen_score`) of the lines the article-language check reads, found on first use
    and kept in the document's index for the sentence check, which reads them last (:meth:`suspects`). A word
    is never cut by a sentence's end, and the letters between sentences are none, so a plain line's score
    (ASCII give or take a few symbols, no quotation mark: taking quotations out changes nothing) is its
    sentences' scores added up: the article-language check reads a few lines that way (and a line of one
    sentence), and the sentence check then reads their sentences' scores instead of scoring them again. Any
    other line the article-language check scores as a whole, its quotations taken out of the line (a quotation
    may run over several sentences). A screen is a view: what it finds is kept in the index, and the screen
    itself is not (kept there, it would hold the index in a reference cycle, which only the garbage collector
    frees: a document's whole index left behind after every check).

    >>> from copyedit.document import paragraph_blocks
    >>> text = "The court said the ruling was final. Nur Otan Astana Almaty Shymkent Aktobe."
    >>> screen = Screen(TextIndex(text, paragraph_blocks(text)), "en", _COMMON_BYTES["en"])
    >>> screen.plain(0), screen.line_score(0), screen.native(0, 0, 76), screen.sentence_scores(0)
    (True, 2, True, (8, -6))
    >>> list(screen.suspects(30)), list(screen.suspects(40))
    ([(37, 76)], [])
    >>> text = 'He said "no" to Astana. Almaty Shymkent Aktobe Nur Otan.'
    >>> quoted = Screen(TextIndex(text, paragraph_blocks(text)), "en", _COMMON_BYTES["en"])
    >>> quoted.plain(0), quoted.native(0, 0, 56), quoted.sentence_scores(0), list(quoted.suspects(20))
    (False, True, (6, -5), [(24, 56)])
    """

    def __init__(self, found: TextIndex, language: str, common: frozenset[bytes]) -> None:
        self.found = found
        self.text = found.text
        self.scores_key = ("screen scores", language)
        self.common = common

    @found_once
    def _scores(self) -> list[tuple[int, ...] | None]:
        # the scores of each line's sentences, None for a line not scored yet
        return self.found.kept(self.scores_key, lambda: [None] * len(self.found.prose_lines))

    @found_once
    def _searched_beyond_ascii(self) -> tuple[bool, bool]:
        # Whether a line may have a character the screen does not read, and one that opens a quotation, beyond
        # '"': the document's characters beyond ASCII say, for most, that no line needs a search for them.
        beyond = self.found.non_ascii_characters
        return _NOT_SCREENED.search(beyond) is not None, _OPENS_QUOTATION.search(beyond) is not None

    def plain(self, line: int) -> bool:
        """Whether prose line ``line`` is plain: no quotation mark, ASCII give or take a few symbols."""
        text, (start, end) = self.text, self.found.prose_lines[line]
        unscreened, opens = self._searched_beyond_ascii
        return (
            text.find('"', start, end) == -1
            and not (unscreened and _NOT_SCREENED.search(text, start, end))
            and not (opens and _OPENS_QUOTATION.search(text, start, end))
        )

    def sentence_scores(self, line: int) -> tuple[int, ...]:
        """The score of each sentence of prose line ``line``, each found once for both language checks."""
        scores = self._scores[line]
        if scores is None:
            scores = self._scores[line] = self._line_sentence_scores(line)
        return scores

    def _line_sentence_scores(self, line: int) -> tuple[int, ...]:
        text, common = self.text, self.common
        sentences = self.found.prose_sentences[line]
        if len(sentences) == 1:  # most lines of MT output
            return (_screen_score(text[sentences[0][0] : sentences[0][1]], common),)
        return tuple([_screen_score(text[start:end], common) for start, end in sentences])

    def line_score(self, line: int) -> int:
        """The score of plain prose line ``line``: its sentences' added up (a word is never cut by a sentence's
        end)."""
        return sum(self.sentence_scores(line))

    def native(self, line: int, start: int, end: int) -> bool:
        """:func:`_surely_native` of prose line ``line``, ``text[start:end]``: from its sentences' scores when it is
        plain or one sentence (most lines of MT output), which the sentence check then reads."""
        if self.plain(line) or self.found.prose_sentences[line] == ((start, end),):
            return self.line_score(line) >= 0
        return _surely_native(self.text[start:end], self.common)

    def suspects(self, min_length: int) -> Iterator[tuple[int, int]]:
        """The spans of the sentences at least ``min_length`` characters long that the screen does not
        pass as native, in order: those that score below 0 (none in most lines).

        The sentence check reads them last: of a line not scored yet (most lines, past the few the
        article-language check read), only the sentences long enough are scored, and their scores are not kept.
        """
        text, common, scores = self.text, self.common, self._scores
        for line, sentences in enumerate(self.found.prose_sentences):
            found = scores[line]
            if found is None:
                for start, end in sentences:
                    if end - start >= min_length and _screen_score(text[start:end], common) < 0:
                        yield start, end
            elif min(found) < 0:
                for (start, end), score in zip(sentences, found):
                    if score < 0 and end - start >= min_length:
                        yield start, end


def _screen(found: TextIndex, language: str) -> Screen | None:
    """The document's :class:`Screen` for a language (its parts kept in the index for both language checks);
    None for a language without common words."""
    common = _COMMON_BYTES.get(language)
    return None if common is None else Screen(found, language, common)


def _has_letters_outside(text: str, language: str) -> bool:
    """Whether a text has a letter outside the language's alphabet (true when that is unknown);
    the standard engine says no for most English news, which is ASCII but for a few symbols.

    >>> _has_letters_outside("It cost £5m.", "en"), _has_letters_outside("Tokaïev", "en"), _has_letters_outside("Токаев", "en")
    (False, False, True)
    """
    outside = _OUTSIDE.get(language)
    if outside is None:
        return True
    if _ASCII_INSIDE[language] and (text.isascii() or _NOT_ASCII_PROSE.search(text) is None):
        return False
    return outside.search(text, concurrent=False) is not None


def _letters_outside(found: TextIndex, language: str) -> bool:
    """:func:`_has_letters_outside` of an indexed text, from its characters beyond ASCII when the
    alphabet holds every ASCII letter (they are then the only letters that may be outside it)."""
    outside = _OUTSIDE.get(language)
    if outside is None:
        return True
    if not _ASCII_INSIDE[language]:
        return _has_letters_outside(found.text, language)
    return outside.search(found.non_ascii_characters, concurrent=False) is not None


def untranslated_sentences(doc: Any, context: Context, min_letters: int = MIN_LETTERS, min_probability: float = MIN_PROBABILITY) -> Iterator[Hit]:
    """Sentences of the article's prose not in its language (a Turkish sentence left in an
    English article)."""
    language = context.language
    text = doc.text
    script_run = _FOREIGN_SCRIPT_RUN.get(language)
    found_in = text_index(doc)
    # One test of the whole article instead of one per sentence: most have no such letter.
    letters_outside = _letters_outside(found_in, language)
    # The screen passes only sentences of ASCII letters, which hold no letter outside an alphabet that has
    # all of them: one "Kasım" need not send every other sentence of its article to the full test.
    screen = _screen(found_in, language) if not letters_outside or _ASCII_INSIDE.get(language, False) else None
    suspects: Iterable[tuple[int, int]] = (
        screen.suspects(min_letters)
        if screen is not None
        else [(start, end) for line in found_in.prose_sentences for start, end in line if end - start >= min_letters]
    )
    for start, end in suspects:
        sentence = text[start:end]
        prose = prose_only(sentence)
        # Every letter is in one word (lower-casing keeps the count), so the words that the
        # cheap test needs also count the letters.
        words = _words(prose.lower())
        letters = _letters(words)
        if letters < min_letters and (letters * 4 < min_letters * 3 or letters + sum(map(len, _capitalised_words(sentence))) < min_letters):
            continue  # capitalised words make up a quarter of the 40 at most (see _capitalised_words)
        if len(words) < MIN_WORDS or not may_be_foreign(prose, words, language, letters_outside):
            continue
        if script_run is not None and sum(len(m.group()) for m in script_run.finditer(prose, concurrent=False)) * 2 > letters:
            continue  # mostly another script: the foreign-script check reports it, more precisely
        if surely_in(prose, language) or language == "en" and _mostly_english(words):
            continue
        found = detect_language(prose)
        if found is None:
            continue
        lang, probability = found
        sure = probability >= min_probability
        if sure and lang.split("-")[0] == language:
            continue
        # langdetect has no profile of some languages (Icelandic among them): of such a sentence it guesses
        # another, unsure, or names a neighbour (Icelandic as Norwegian, probability 1.00); CLD2 knows them.
        # Where langdetect is unsure, only with a letter beyond ASCII ("sóttvarnareftirlitsins"): romanised
        # Sanskrit in a translation of a prayer is no leftover.
        beyond = _beyond_langdetect(prose) if sure or _NON_ASCII_LETTER.search(prose, concurrent=False) else None
        if beyond is not None:
            lang, probability = beyond
        elif not sure:
            # Unsure of the prose without its capitalised words: a German sentence without its nouns. With
            # them (two at least), langdetect must be sure of the foreign language it guessed.
            if len(_capitalised_words(sentence)) < 2 or lang.split("-")[0] == language:
                continue
            again = detect_language(_unquoted(sentence))
            if again is None or again[0] != lang or again[1] < min_probability:
                continue
            probability = again[1]
        yield Hit(start, end, message=f"This sentence looks like {lang} (probability {probability:.2f}), not {language}: left untranslated?")


def foreign_script(doc: Any, context: Context) -> Iterator[Hit]:
    """Fragments in a script the article's language does not use (Chinese or Cyrillic words in
    an English article), however short: each is text, or a name, left untranslated. Fragments of
    one script with nothing but spaces, punctuation or digits between them are one stretch of
    text, and one finding ("公式】衛星事務所", "동방신기, 3 주연속 1 위").

    >>> import copyedit
    >>> text = "See 公式】衛星事務所 and Токаев (Tokayev), Назарбаев."
    >>> [f.text for f in copyedit.check(text, config=copyedit.Config(select=("LQ103",))).findings]
    ['公式】衛星事務所', 'Токаев', 'Назарбаев']
    """
    pattern = _FOREIGN_SCRIPT_RUN.get(context.language)
    text = doc.text
    if pattern is None or _BEYOND_LATIN.search(text_index(doc).non_ascii_characters) is None:
        return
    beyond_latin = _BEYOND_LATIN.search
    for block in doc.blocks:
        # A fragment starts with a character beyond Latin: the standard engine finds the first one
        # (in most blocks, none), and the fragments are looked for from there.
        first = beyond_latin(text, block.start, block.end)
        if first is None:
            continue
        stretch: tuple[int, int, str] | None = None  # start, end and script of the fragments joined so far
        for match in pattern.finditer(text, first.start(), block.end, concurrent=False):
            start, end = match.span()
            if _in_address(text, start, end) or _in_emoticon(text, start, end) or _cited(text, start, end):
                continue
            script = _script_name(match.group())
            if stretch is not None and stretch[2] == script and _NO_LETTER_BETWEEN.fullmatch(text, stretch[1], start) is not None:
                stretch = (stretch[0], end, script)
                continue
            if stretch is not None:
                yield _fragment_hit(text, *stretch)
            stretch = (start, end, script)
        if stretch is not None:
            yield _fragment_hit(text, *stretch)


# What may stand between two fragments of one stretch: no letter, no blank line (the fragments of a paragraph)
_NO_LETTER_BETWEEN = regex.compile(r"[^\p{L}\n]*(?:\n[^\p{L}\n]*)?")


def _fragment_hit(text: str, start: int, end: int, script: str) -> Hit:
    return Hit(start, end, message=f"“{text[start:end]}” is in {script} script: left untranslated?")


# A kaomoji's face: what stands in brackets beside the kana that draws an arm or a mouth ("( ^o^)ノ", "(´・ω・`)")
_EMOTICON_FACE = regex.compile(r"[(（][^()（）\n]{0,8}[\^´`▽ω∀◕ﾟ･・][^()（）\n]{0,8}[)）]")


def _in_emoticon(text: str, start: int, end: int) -> bool:
    """Whether a fragment of up to three characters is part of a kaomoji (a face in brackets beside it or around
    it), copied from a Japanese post with the text.

    >>> text = "after December 3rd?～( ^o^)ノ It's new, and (´・ω・`) too; 静岡 Shizuoka."
    >>> [_in_emoticon(text, text.index(w), text.index(w) + len(w)) for w in ("ノ", "・ω・", "静岡")]
    [True, True, False]
    """
    if end - start > 3:
        return False
    window_start, window_end = max(0, start - 12), min(len(text), end + 12)
    return any(m.start() <= end and start <= m.end() + 1 for m in _EMOTICON_FACE.finditer(text, window_start, window_end))


# What stands just before a word cited as a word ("with the word “Україна”", "the Arabic word شکر"): the text
# is about the word, and a translation keeps it as it is
_CITING = regex.compile(r"\b(?:words?|terms?|letters?|characters?|spelling|spelt|spelled)\s*[:,]?\s*[\"“«‘'(]?\Z", regex.IGNORECASE)


# A form in quotation marks given as the alternative of another ('using "в" / "на"', '"на" or "в"'): the text is about
# the forms. A quoted word alone is not cited: MT leaves untranslated words in quotes too ('the "傣" who share roots
# with the Thai'), and a guard for every short quotation lost 8 such flags on WMT MT for 1 on the references.
_QUOTED_FORM = r"[\"“„«‘'][^\"“”„«»‘’'\n]{1,20}[\"”“»’']"
_ALTERNATIVE_BEFORE = regex.compile(_QUOTED_FORM + r"\s*(?:/|\bor)\s*[\"“„«‘']\Z")
_ALTERNATIVE_AFTER = regex.compile(r"[\"”“»’']\s*(?:/|or\b)\s*" + _QUOTED_FORM)


def _cited(text: str, start: int, end: int | None = None) -> bool:
    """Whether the fragment at ``start`` (to ``end``) is cited as a word: after "the word", or in quotation marks as
    one of two forms given as alternatives.

    >>> text = 'the word "Україна" and the Arabic word شکر; Токаев spoke.'
    >>> [_cited(text, text.index(w)) for w in ("Україна", "شکر", "Токаев")]
    [True, True, False]
    >>> text = 'using "на" / "в" or "у", and the "傣" who share roots with the Thai'
    >>> [_cited(text, text.index(w), text.index(w) + len(w)) for w in ("на", "у", "傣")]
    [True, True, False]
    """
    if _CITING.search(text, max(0, start - 24), start) is not None:
        return True
    if _ALTERNATIVE_BEFORE.search(text, max(0, start - 32), start) is not None:
        return True
    return end is not None and _ALTERNATIVE_AFTER.match(text, end, min(len(text), end + 32)) is not None


# A web address with a label in another script ("стопкоронавирус.рф", "https://премияарсеньева.рф/"), an e-mail
# address ("запрошення@click4survey.cz"), a hashtag or a handle ("#поэтвроссии"): copied as they are
_ADDRESS = regex.compile(
    r"(?:[a-z][a-z0-9+.-]*://)?[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?:/\S*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"
    r"|[#@][\w-]+"
)


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether a fragment is part of a web or e-mail address, a hashtag or a handle (the run of non-space
    characters around it is one). Not in a script written without spaces, where nothing tells a slogan from the
    address glued to it ("レストラン予約するなら一休.com").

    >>> text = "the site стопкоронавирус.рф reports, and https://премияарсеньева.рф/; S新8.96 billion."
    >>> [_in_address(text, text.index(w), text.index(w) + len(w)) for w in ("стопкоронавирус", "премияарсеньева", "新", "reports")]
    [True, True, False, False]
    >>> text = "(from запрошення@click4survey.cz), the hashtag #поэтвроссии; Токаев"
    >>> [_in_address(text, text.index(w), text.index(w) + len(w)) for w in ("запрошення", "поэтвроссии", "Токаев")]
    [True, True, False]
    >>> _in_address("予約するなら一休.com", 0, 8)
    False
    """
    if UNSPACED_SCRIPT.search(text, start, end):
        return False
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right].rstrip(".,;:!?)»”\"'").lstrip("(«“\"'")
    return ("." in token or token[:1] in ("#", "@")) and _ADDRESS.fullmatch(token) is not None


# The scripts a fragment is named by, the most frequent in news first (the rest are "another").
_SCRIPT_NAMES = (
    "Han", "Hiragana", "Katakana", "Hangul", "Cyrillic", "Arabic", "Greek", "Hebrew", "Armenian", "Georgian",
    "Devanagari", "Thai", "Bengali", "Sinhala", "Tamil", "Gurmukhi", "Gujarati", "Telugu", "Kannada", "Malayalam",
    "Khmer", "Lao", "Myanmar", "Ethiopic", "Tibetan",
)


def _script_name(fragment: str) -> str:
    """
    >>> _script_name("欧盟"), _script_name("Токаев"), _script_name("مرحبا"), _script_name("කහ")
    ('Han', 'Cyrillic', 'Arabic', 'Sinhala')
    """
    for name in _SCRIPT_NAMES:
        if regex.search(rf"\p{{{name}}}", fragment):
            return name
    return "another"


def article_language(
    doc: Any, context: Context, sample_chars: int = 1500, min_probability: float = 0.8, min_share: float = ARTICLE_SHARE
) -> Iterator[Hit]:
    """The whole article is not in the expected language (``Config.language``).

    Decided from its prose (:func:`copyedit.index.prose_lines`, up to about ``sample_chars`` of it), each
    paragraph one vote, with a margin: other languages must hold at least ``min_share`` of the
    paragraphs judged, so an English article with one long Turkish paragraph among three is
    English (LQ101 reports the paragraph's sentences), and a headline alone is no article.
    """
    language = context.language
    text = doc.text
    found_in = text_index(doc)
    in_script = _article_in_another_script(found_in, language, min_share)
    if in_script is not None:
        yield _article_hit(doc, in_script)
        return
    lines = found_in.prose_lines
    judged = judged_chars = 0
    while judged < len(lines) and judged_chars < sample_chars:  # the lines judged
        start, end = lines[judged]
        judged += 1
        judged_chars += end - start
    # The lines the cheap tests clear, counted until too few are left to make the share: first the
    # plain lines, whose sentences' scores say it without a look at the text (English news needs no more).
    share = min_share * judged
    screen = _screen(found_in, language)
    cleared = [False] * judged
    count = 0
    outside = _letters_outside(found_in, language)  # false for most articles: then no line has such a letter
    if screen is not None:
        for number in range(judged):
            start, end = lines[number]
            if screen.plain(number) and screen.line_score(number) >= 0 and not (outside and _has_letters_outside(text[start:end], language)):
                cleared[number] = True
                count += 1
                if judged - count < share:
                    return  # langdetect could not make the share
    suspects: list[str] = []  # the prose of the paragraphs the cheap test does not clear
    for number in range(judged):
        if cleared[number]:
            continue
        start, end = lines[number]
        line = text[start:end]
        line_outside = outside and _has_letters_outside(line, language)  # the prose has no letter the line has not
        if screen is not None and not line_outside and screen.native(number, start, end):
            count += 1  # what the next test would say, without prose_only
        else:
            prose = prose_only(line)
            words = _words(prose.lower()) if language in COMMON_WORDS else []
            if (
                (language not in COMMON_WORDS or may_be_foreign(prose, words, language, line_outside))
                and not surely_in(prose, language)
                and not (language == "en" and _mostly_english(words))  # as LQ101 decides a sentence
            ):
                suspects.append(prose)
                continue
            count += 1
        if judged - count < share:
            return
    if len(suspects) < min_share * judged:
        return  # langdetect could not make the share: English news never needs it
    foreign: dict[str, int] = {}  # detected language -> its paragraphs
    probabilities: dict[str, float] = {}  # detected language -> the lowest probability of not the language
    for prose in suspects:
        # Not in the language with this probability: langdetect may split a language it does not
        # know (Icelandic) between its neighbours; the paragraph goes to the most probable of them.
        ranked = [(lang.split("-")[0], probability) for lang, probability in language_probabilities(prose)]
        others = [(lang, probability) for lang, probability in ranked if lang != language]
        elsewhere = sum(probability for _, probability in others)
        if others and elsewhere >= min_probability:
            beyond = _beyond_langdetect(prose)  # the language langdetect split, named (see untranslated_sentences)
            lang = beyond[0] if beyond else others[0][0]
            foreign[lang] = foreign.get(lang, 0) + 1
            probabilities[lang] = min(probabilities.get(lang, 1.0), elsewhere)
    if not foreign:
        return
    # The share is of all foreign paragraphs; the message names the language most of them looked like.
    lang = max(foreign, key=foreign.__getitem__)
    share = sum(foreign.values()) / judged
    if share >= min_share:
        yield _article_hit(
            doc,
            f"The article looks like {lang} ({share:.0%} of its paragraphs not {language}, probability at least"
            f" {probabilities[lang]:.2f}), not {language} as configured",
        )


def _article_hit(doc: Any, message: str) -> Hit:
    """LQ102's finding, on the article's first line."""
    first = doc.blocks[0]
    end = doc.text.find("\n", first.start, first.end)
    return Hit(first.start, end if end != -1 else first.end, message=message)


# letters of any script, counted to tell an article in another script, in its first characters (an article in
# another script shows it from its start; the count costs a scan of the text)
_LETTER_RUN = regex.compile(r"\p{L}+")
_SCRIPT_SAMPLE = 4000
_ASCII_NOT_LETTERS = bytes(byte for byte in range(128) if not chr(byte).isalpha())


def _article_in_another_script(found: TextIndex, language: str, min_share: float) -> str | None:
    """LQ102's message for an article whose letters are mostly outside the language's alphabet (a Chinese, Russian
    or Thai article where English is expected: Chinese writes no spaces, so it has no prose lines to judge by
    their words), judged on its first ``_SCRIPT_SAMPLE`` characters; None for any other. Most articles have no letter
    outside the alphabet at all, which one search of the index's characters beyond ASCII says.

    >>> from copyedit.document import paragraph_blocks
    >>> text = "中国外交部发言人毛宁表示，中方对此表示坚决反对。她说，这一做法严重违反国际法。"
    >>> _article_in_another_script(TextIndex(text, paragraph_blocks(text)), "en", 2 / 3)
    'The article looks like zh (100% of its letters outside the en alphabet), not en as configured'
    >>> text = "The ministry said “中方对此表示坚决反对” in a statement on Tuesday."
    >>> _article_in_another_script(TextIndex(text, paragraph_blocks(text)), "en", 2 / 3) is None
    True
    """
    outside = _OUTSIDE.get(language)
    if outside is None or outside.search(found.non_ascii_characters, concurrent=False) is None:
        return None  # no letter outside the alphabet at all (most articles; CJK punctuation is no letter)
    sample = found.text[:_SCRIPT_SAMPLE]
    # Bounds before the scans: no more foreign letters than characters beyond ASCII, and no fewer letters
    # than ASCII ones (an English article with a few Turkish letters stops here).
    ascii_sample = sample.encode("ascii", "ignore")
    if len(sample) - len(ascii_sample) < min_share * len(ascii_sample.translate(None, _ASCII_NOT_LETTERS)):
        return None
    letters = sum(map(len, _LETTER_RUN.findall(sample, concurrent=False)))
    foreign = outside.findall(sample, concurrent=False)
    if not letters or len(foreign) < min_share * letters:
        return None
    share = f"{len(foreign) / letters:.0%} of its letters outside the {language} alphabet"
    detected = cld2_language(sample)
    if detected is None:  # CLD2 unsure: the script says enough
        return f"The article is mostly in {_script_name(''.join(foreign[:200]))} script ({share}), not {language} as configured"
    return f"The article looks like {detected[0]} ({share}), not {language} as configured"
