"""Checks that data cannot express, as small pure functions.

A rule of kind ``python`` names its check: a built-in one below, or a function that an
installed package registers under the ``copyedit.checks`` entry-point group. A rule file
can never point at arbitrary code.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any, Callable

BUILTIN_CHECKS = {
    "quotes.unbalanced": "copyedit.checks.quotes:unbalanced",
    "quotes.space-inside": "copyedit.checks.quotes:space_inside",
    "quotes.misplaced-closer": "copyedit.checks.quotes:misplaced_closers",
    "encoding.mojibake": "copyedit.checks.encoding:mojibake",
    "encoding.html-references": "copyedit.checks.encoding:html_references",
    "punctuation.missing-space": "copyedit.checks.spacing:missing_spaces",
    "unicode.nfc": "copyedit.checks.encoding:not_nfc",
    "qa.untranslated-sentence": "copyedit.qa.language:untranslated_sentences",
    "qa.article-language": "copyedit.qa.language:article_language",
    "qa.foreign-script": "copyedit.qa.untranslated:foreign_script_fragments",
    "qa.source-numbers": "copyedit.qa.bilingual:numbers",
    "qa.source-dates": "copyedit.qa.bilingual:dates",
    "qa.source-addresses": "copyedit.qa.bilingual:addresses",
    "qa.source-names": "copyedit.qa.bilingual:registry_names",
    "qa.paragraph-lengths": "copyedit.qa.bilingual:paragraph_lengths",
    "qa.untranslated-pair": "copyedit.qa.untranslated:untranslated_pairs",
    "qa.source-fragments": "copyedit.qa.untranslated:source_fragments",
    "qa.key-terms": "copyedit.qa.key_terms:key_terms",
    "qa.tag-parity": "copyedit.qa.tags:tag_parity",
    "qa.omitted-sentence": "copyedit.qa.carried:omitted_sentences",
    "qa.altered-latin-word": "copyedit.qa.carried:altered_latin_words",
    "qa.reporter-names": "copyedit.qa.carried:reporter_names",
    "qa.truncated-names": "copyedit.qa.carried:truncated_names",
    "qa.pinyin-names": "copyedit.qa.pinyin_names:misspelt_pinyin_names",
    "qa.split-pinyin-names": "copyedit.qa.pinyin_names:split_given_names",
    "qa.invented-pinyin-names": "copyedit.qa.pinyin_names:invented_pinyin_names",
    "qa.looping-translation": "copyedit.qa.loops:looping_translations",
    "qa.looping-output": "copyedit.qa.loops:looping_output",
    "qa.doubled-phrase": "copyedit.qa.loops:doubled_phrases",
    "qa.source-countries": "copyedit.qa.unnamed:unnamed_countries",
    "qa.source-media": "copyedit.qa.unnamed:unnamed_media",
    "qa.repeated-list-items": "copyedit.qa.lists:repeated_list_items",
    "qa.lowercase-acronyms": "copyedit.qa.acronyms:lowercase_acronyms",
    "qa.source-acronyms": "copyedit.qa.acronyms:source_acronyms",
    "qa.source-names-case": "copyedit.qa.acronyms:source_names",
    "qa.unpaired-brackets": "copyedit.qa.brackets:unpaired_brackets",
    "qa.source-currencies": "copyedit.qa.measures:changed_currencies",
    "qa.source-percentages": "copyedit.qa.measures:dropped_percentages",
    "qa.inconsistent-translation": "copyedit.qa.key_terms:inconsistent_translations",
    "qa.fuzzy-names": "copyedit.qa.names:fuzzy_names",
    "qa.name-consistency": "copyedit.qa.names:inconsistent_spellings",
    "names.registry": "copyedit.names_registry.checks:registry_names",
    "names.leftovers": "copyedit.names_registry.checks:leftovers",
    "names.source-case-forms": "copyedit.names_registry.case_forms:source_case_forms",
}


# Checks that compare an article with its source: without a source they find nothing, so they are
# neither run nor imported (the number, date and alignment readers cost a CLI start 40 ms).
SOURCE_CHECKS = frozenset({
    "qa.source-numbers", "qa.source-dates", "qa.source-addresses", "qa.source-names", "qa.paragraph-lengths",
    "qa.untranslated-pair", "qa.source-fragments", "qa.key-terms", "qa.inconsistent-translation", "qa.tag-parity",
    "qa.omitted-sentence", "qa.altered-latin-word", "qa.reporter-names", "qa.truncated-names",
    "qa.pinyin-names", "qa.looping-translation", "qa.unpaired-brackets", "qa.source-currencies",
    "qa.source-percentages", "qa.split-pinyin-names", "qa.invented-pinyin-names", "qa.source-acronyms",
    "qa.source-names-case", "qa.doubled-phrase", "qa.source-countries",
    "qa.source-media",
})


# What a check loads on first use (data files, langdetect's profiles, pypinyin's dictionary), for
# :meth:`copyedit.engine.RuleSet.preload`: every check against a source may detect the source's language.
_LANGUAGE_DATA = "copyedit.qa.language:preload"
PRELOADS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(SOURCE_CHECKS, (_LANGUAGE_DATA,)),
    "qa.untranslated-sentence": (_LANGUAGE_DATA,),
    "qa.article-language": (_LANGUAGE_DATA,),
    "qa.pinyin-names": (_LANGUAGE_DATA, "copyedit.qa.pinyin_names:preload"),
    "qa.split-pinyin-names": (_LANGUAGE_DATA, "copyedit.qa.pinyin_names:preload"),
    "qa.invented-pinyin-names": (_LANGUAGE_DATA, "copyedit.qa.pinyin_names:preload"),
    "qa.reporter-names": (_LANGUAGE_DATA, "copyedit.qa.pinyin:preload"),
    "names.source-case-forms": ("copyedit.names_registry.case_forms:preload",),
    "names.registry": ("copyedit.names_registry.checks:preload",),
}


def preload_check(name: str) -> None:
    """Import a check and load what it would load on first use (see :data:`PRELOADS`)."""
    resolve_check(name)
    for target in PRELOADS.get(name, ()):
        module_name, function = target.split(":")
        getattr(importlib.import_module(module_name), function)()


def check_known(name: Any) -> None:
    """``ValueError(problem, "check")`` unless ``name`` is a built-in check or an entry point; a
    built-in one is not imported until it runs."""
    if not isinstance(name, str):  # before the cache, which could not hash a list
        raise ValueError("'check' must be the name of a built-in check or an entry point", "check")
    if name not in BUILTIN_CHECKS:
        resolve_check(name)


@lru_cache(maxsize=None)
def resolve_check(name: str) -> Callable[..., Any]:
    """The function behind a check name; ``ValueError(problem, "check")`` when there is none."""
    target = BUILTIN_CHECKS.get(name)
    if target is None:
        from importlib import metadata  # only for a check that is not built in (12 ms at every start)

        found = [ep for ep in metadata.entry_points(group="copyedit.checks") if ep.name == name]
        if not found:
            known = ", ".join(sorted(BUILTIN_CHECKS))
            raise ValueError(
                f"unknown check {name!r}: not built in ({known}) and no installed package registers it "
                "under the 'copyedit.checks' entry-point group",
                "check",
            )
        loaded: Callable[..., Any] = found[0].load()
        return loaded
    module_name, function = target.split(":")
    module = __import__(module_name, fromlist=[function])
    check: Callable[..., Any] = getattr(module, function)
    return check
