"""``copyedit import-glossary FILE.csv|FILE.tbx -o rules/house.yml``: a glossary becomes a rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_OK, language_argument

# The default codes: a substitution glossary's, and a key-term check's (README, "Glossaries" and "Key terms"), apart so
# that a house can load both without giving either a code of its own.
SUBSTITUTION_CODE = "GL101"
KEY_TERMS_CODE = "KT101"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("glossary", type=Path, help="a CSV (source,target,forbidden,note) or TBX-Basic file")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the rule file to write (.yml)")
    parser.add_argument(
        "--code", default=None,
        help=f"the rule's code (default {SUBSTITUTION_CODE}; with --key-terms, {KEY_TERMS_CODE}, so that both kinds load together)",
    )
    parser.add_argument("--name", default=None, help="the rule's name (default: from the output file name)")
    parser.add_argument("--lang", default="en", type=language_argument, help="the target language of a TBX file (default en; en-GB reads as en)")
    parser.add_argument(
        "--key-terms", action="store_true",
        help="write a key-term check against the source (each source term must be translated with its target term) "
        "instead of a substitution of forbidden variants",
    )


def run(args: argparse.Namespace) -> int:
    from ..errors import CopyeditError
    from ..qa.glossary import write_glossary_rule
    from ..rules import NAME_PATTERN

    name = args.name or args.output.stem.lower().replace("_", "-")
    if not NAME_PATTERN.fullmatch(name):
        name = "house-glossary"
    code = args.code or (KEY_TERMS_CODE if args.key_terms else SUBSTITUTION_CODE)
    try:
        count = write_glossary_rule(args.glossary, args.output, code, name, args.lang, args.key_terms)
    except CopyeditError as error:
        print(f"copyedit import-glossary: {error}", file=sys.stderr)
        return EXIT_ERROR
    from ..reporting import plural

    print(f"wrote {args.output}: rule {code} ({name}) with {plural(count, 'key term' if args.key_terms else 'substitution')}")
    return EXIT_OK
