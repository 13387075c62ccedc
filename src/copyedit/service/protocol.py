"""The JSON article in, the JSON verdict out: shared by ``copyedit hook`` and ``copyedit serve``.

A request is an object ``{"body", "format", "title", "language", "source", "source_lang", "source_format", "rules",
"decisions", "metadata"}``; only ``body`` is required. ``source_format`` is the format the source is in (null: the
body's), so a plain-text body can have an HTML source. ``language`` is the article's, when it is not the server's configured one
(a desk in another language: the rules written for English then do not run). ``decisions`` are an editor's, from the review page's decision log
(:mod:`copyedit.decisions`): with them, ``fix`` applies exactly what the editor accepted or
edited, plus the safe fixes nobody decided on, and the verdict judges only undecided findings. Parsing is strict: a missing or ill-typed field, or an unknown one,
is a :class:`FieldError` naming the field. :func:`process` runs ``check`` or ``fix`` and returns
``{"verdict", "body", "diff", "findings", "applied", "content_sha256"}`` (plus ``"title"`` and
``"title_findings"`` when a title was sent, and ``"metadata"`` when ``"metadata": true`` was: the
page's title, author, date, site name and canonical URL, or null for anything but a whole HTML
page), and ``"warnings"`` when something sent besides the body was wrong and the request was served all the same
(``[{"code", "field", "message"}]``: the engine's ``Result.warnings``, an empty source or a source language the source
is not written in, and a selector of the request's ``rules`` that selects only rules of another language than the
article's). ``fix`` returns the corrected body and the findings
left in it; ``check`` returns the body as sent and all its findings. Both give the verdict for
what is left after safe fixes (:mod:`.policy`), so ``check`` says what ``fix`` would decide.

>>> article = parse_article({"body": "The CSTO is a mid-government alliance."})
>>> response = process(article, ServiceConfig(), mode="fix")
>>> response["verdict"], response["body"]  # the calque's fix is a suggestion: an editor decides
('review', 'The CSTO is a mid-government alliance.')
>>> parse_article({"body": "x", "format": "pdf"})
Traceback (most recent call last):
...
copyedit.service.protocol.FieldError: format: must be one of text, markdown, html (or null for text), not 'pdf'
>>> process(parse_article({"body": "x", "rules": {"select": ["MT1O1"]}}), ServiceConfig())
Traceback (most recent call last):
...
copyedit.service.protocol.FieldError: rules.select: unknown rule selector 'MT1O1' (not a rule code, code prefix, rule name or pack; see GET /v1/rules or `copyedit rules`)
"""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import engine
from ..config import Config, matches
from ..decisions import Decision, DecisionError, apply_decisions, parse_decisions
from ..errors import CopyeditError, InputError
from ..languages import language_code, source_language_code
from ..model import Applicability, CheckWarning, Finding, Result, Severity
from .configuration import ServiceConfig

MODES = ("check", "fix")

# Request overrides of the rule selection (the spelling of copyedit.toml). Rule files and packs
# are not overridable from a request: a client must not make the server read arbitrary paths.
_SELECTOR_KEYS = ("select", "extend-select", "ignore")
_LEVEL_KEYS: dict[str, type[Severity] | type[Applicability]] = {"severity": Severity, "applicability": Applicability}
ARTICLE_KEYS = (
    "body", "format", "title", "language", "source", "source_lang", "source_format", "rules", "decisions", "metadata"
)
# The deepest request is {"rules": {"severity": {code: level}}}; anything far deeper is refused
# before it reaches code that recurses.
MAX_NESTING = 16
# A JSON string may spell one character as a six-byte \uXXXX escape.
JSON_ESCAPE_FACTOR = 6


class FieldError(CopyeditError):
    """A request field that is missing, of the wrong type or not allowed; ``field`` names it."""

    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


@dataclass(frozen=True)
class Article:
    body: str
    format: str = "text"
    title: str | None = None
    language: str | None = None  # the article's language, when not the server's (Config.language)
    source: str | None = None
    source_lang: str | None = None
    source_format: str | None = None  # the source's format, when it is not the body's
    overrides: tuple[tuple[str, Any], ...] = ()  # Config field -> value
    decisions: tuple[Decision, ...] | None = None  # an editor's, on the body as sent
    metadata: bool = False  # also return the page's metadata (whole HTML pages)

    def config(self, base: Config) -> Config:
        """The server's configuration with this request's language and rule overrides.

        >>> Article("x", overrides=(("ignore", ("C3",)),)).config(Config(ignore=("NM",))).ignore
        ('NM', 'C3')
        >>> Article("x", language="de").config(Config()).language
        'de'
        """
        changes: dict[str, Any] = {"language": self.language} if self.language is not None else {}
        for name, value in self.overrides:
            if name in ("ignore", "extend_select"):
                value = getattr(base, name) + value
            elif name in ("severity", "applicability"):
                value = dict(getattr(base, name)) | value
            changes[name] = value
        return base.replace(**changes) if changes else base


def request_limit(config: Config) -> int:
    """The size of a request that may hold a body as long as the engine takes (``max_bytes``), every
    character escaped: the limit of ``copyedit hook`` and of the ``copyedit review`` server.

    >>> request_limit(Config(max_bytes=1000))
    6000
    """
    return config.max_bytes * JSON_ESCAPE_FACTOR


def decode_request(raw: bytes, charset: str = "utf-8") -> Any:
    """The JSON value of a request's bytes; :class:`FieldError` on ``(request)`` when they are
    not UTF-8 (or not in the ``charset`` the request's Content-Type names: :func:`request_charset`), not JSON,
    or nested deeper than any request needs.

    >>> decode_request(b'{"body": "Caf\\xe9"}', "latin-1")
    {'body': 'Café'}
    >>> decode_request(b'{"body": "\\x81"}', "windows-1252")
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: (request): not windows-1252 (the Content-Type's charset): character maps to <undefined> at byte 10

    >>> decode_request(b'{"body": "x"}')
    {'body': 'x'}
    >>> decode_request(b'{"body": "x", "title": ' + b'[' * 1000 + b']' * 1000 + b'}')
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: (request): nested too deeply (more than 16 levels of arrays and objects)
    """
    too_deep = FieldError("(request)", f"nested too deeply (more than {MAX_NESTING} levels of arrays and objects)")
    try:
        data = json.loads(raw.decode(charset), object_pairs_hook=_object)
    except UnicodeDecodeError as error:
        named = "UTF-8" if charset == "utf-8" else f"{charset} (the Content-Type's charset)"
        raise FieldError("(request)", f"not {named}: {error.reason} at byte {error.start}") from None
    except ValueError as error:  # JSONDecodeError, or an integer of more digits than Python converts (4,300)
        raise FieldError("(request)", f"malformed JSON: {error}") from None
    except RecursionError:
        raise too_deep from None
    if _nesting(data) > MAX_NESTING:
        raise too_deep
    return data


def request_charset(content_type: str) -> str:
    """The codec that decodes a request whose Content-Type is ``content_type``: its ``charset`` parameter when
    it names one (RFC 8259 has JSON in UTF-8, but a client that says otherwise is taken at its word rather than
    read wrong), else UTF-8. A charset Python does not know is a :class:`FieldError` on ``(request)`` naming it.

    >>> request_charset("application/json"), request_charset('application/json; charset="UTF-8"')
    ('utf-8', 'utf-8')
    >>> request_charset("application/json; charset=Latin-1"), request_charset("application/json;charset=utf8")
    ('latin-1', 'utf-8')
    >>> request_charset("application/json; charset=klingon")
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: (request): the Content-Type's charset 'klingon' is no encoding copyedit knows; send UTF-8
    """
    from email.message import Message

    header = Message()
    header["content-type"] = content_type
    charset = header.get_content_charset()  # lower case, quotes removed; None without one
    if not charset:
        return "utf-8"
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        codec = None
    if codec is None or not getattr(codec, "_is_text_encoding", True):  # "base64", "rot13": codecs, not text encodings
        raise FieldError("(request)", f"the Content-Type's charset {charset!r} is no encoding copyedit knows; send UTF-8")
    return "utf-8" if codec.name == "utf-8" else charset


def _named(key: str) -> str:
    """A key as an error's ``field``: a key that is not plain printable ASCII (a lone surrogate, a control
    character) is named as ``(request)``, so the answer can always be encoded and read."""
    return key if key.isascii() and key.isprintable() else "(request)"


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: ``json.loads`` would keep the last of two values silently.

    >>> decode_request(b'{"body": "a", "body": "b"}')
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: body: given twice in one object; which value is meant?
    """
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise FieldError(_named(key), "given twice in one object; which value is meant?")
        data[key] = value
    return data


def _nesting(value: Any) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (without recursing).

    >>> _nesting("x"), _nesting({"a": [1, {"b": []}]})
    (0, 4)
    """
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:
            pending.extend((child, depth + 1) for child in children)
    return deepest


def parse_article(data: Any) -> Article:
    """Validate a decoded JSON request; raise :class:`FieldError` naming the first bad field."""
    if not isinstance(data, Mapping):
        raise FieldError("(request)", f"must be a JSON object, not {_json_type(data)}")
    for key, value in data.items():  # JSON escapes can spell a lone surrogate ("\udcff"), which no UTF-8 answer can hold
        try:
            json.dumps([key, value], ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            surrogate = error.object[error.start]
            raise FieldError(_named(key), f"holds a lone surrogate ({surrogate!r}): strings must be Unicode text") from None
    unknown = sorted(set(data) - set(ARTICLE_KEYS))
    if unknown:
        raise FieldError(unknown[0], f"unknown field (known fields: {', '.join(ARTICLE_KEYS)})")
    if "body" not in data:
        raise FieldError("body", "is required")
    body = _string(data, "body", required=True)
    format = _format(data, "format") or "text"
    return Article(
        body=body,  # type: ignore[arg-type]
        format=format,
        title=_string(data, "title"),
        language=_language(data, "language"),
        source=_string(data, "source"),
        source_lang=_language(data, "source_lang"),
        source_format=_format(data, "source_format", None),
        overrides=_overrides(data.get("rules")),
        decisions=_decisions(data.get("decisions")),
        metadata=_boolean(data, "metadata"),
    )


def _format(data: Mapping[str, Any], key: str, default: str | None = "text") -> str | None:
    """A format field: null or missing is ``default`` (the body's is text; the source's None, the body's own);
    anything but a format's name, "" too, is refused (as the OpenAPI schema refuses it).

    >>> _format({}, "format"), _format({"format": None}, "format"), _format({"format": "html"}, "format")
    ('text', 'text', 'html')
    >>> _format({"format": ""}, "format")
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: format: must be one of text, markdown, html (or null for text), not ''
    >>> print(_format({}, "source_format", None))
    None
    """
    format = _string(data, key)
    if format is None:
        return default
    if format not in engine.FORMATS:
        meaning = "text" if default == "text" else "the body's format"
        raise FieldError(key, f"must be one of {', '.join(engine.FORMATS)} (or null for {meaning}), not {format!r}")
    return format


def _language(data: Mapping[str, Any], key: str) -> str | None:
    """An optional language field, read as a language code ("pt-BR" is pt).

    >>> _language({"language": "de-AT"}, "language"), _language({}, "source_lang"), _language({"source_lang": ""}, "source_lang")
    ('de', None, None)
    >>> _language({"language": "German"}, "language")
    Traceback (most recent call last):
    ...
    copyedit.service.protocol.FieldError: language: must be a language code such as 'ru', not 'German'
    """
    value = _string(data, key)
    if value is None:
        return None
    # a source_lang of "" is none given, as the library reads it: the source's language is detected
    read = source_language_code if key == "source_lang" else language_code
    try:
        return read(value)
    except ValueError as error:
        raise FieldError(key, str(error)) from None


def _decisions(value: Any) -> tuple[Decision, ...] | None:
    if value is None:
        return None
    try:
        return parse_decisions(value)
    except DecisionError as error:
        raise FieldError(error.field, error.problem) from None


def _string(data: Mapping[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise FieldError(key, f"must be a string, not {_json_type(value)}")
    return value


def _boolean(data: Mapping[str, Any], key: str) -> bool:
    """An optional boolean field (null or missing: false).

    >>> _boolean({"metadata": True}, "metadata"), _boolean({}, "metadata")
    (True, False)
    """
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError(key, f"must be a boolean, not {_json_type(value)}")
    return value


def _overrides(rules: Any) -> tuple[tuple[str, Any], ...]:
    if rules is None:
        return ()
    if not isinstance(rules, Mapping):
        raise FieldError("rules", f"must be an object, not {_json_type(rules)}")
    overrides: list[tuple[str, Any]] = []
    for key, value in rules.items():
        where = f"rules.{key}"
        if key in _SELECTOR_KEYS:
            if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
                raise FieldError(where, "must be a list of rule codes, code prefixes, rule names or packs")
            overrides.append((key.replace("-", "_"), tuple(value)))
        elif key in _LEVEL_KEYS:
            kind = _LEVEL_KEYS[key]
            allowed = ", ".join(member.value for member in kind)
            if not isinstance(value, Mapping):
                raise FieldError(where, f"must be an object of selector: level ({allowed})")
            levels: dict[str, Severity | Applicability] = {}
            for selector, level in value.items():
                if not selector.strip():  # "" would match every rule (each code starts with it)
                    raise FieldError(where, "an empty selector: name a rule code, prefix, name or pack")
                try:
                    levels[selector] = kind(level)
                except ValueError:
                    raise FieldError(f"{where}.{selector}", f"{level!r} is not one of {allowed}") from None
            overrides.append((key, levels))
        else:
            known = ", ".join((*_SELECTOR_KEYS, *_LEVEL_KEYS))
            raise FieldError(where, f"unknown key (known keys: {known})")
    return tuple(overrides)


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type.

    >>> _json_type([1]), _json_type(None), _json_type(True), _json_type(2.5)
    ('array', 'null', 'boolean', 'number')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def process(
    article: Article, service: ServiceConfig, mode: str = "fix", deadline: engine.Deadline | None = None
) -> dict[str, Any]:
    """Check or fix one article and decide its verdict. Raises :class:`~copyedit.CopyeditError`
    for input the engine refuses (e.g. a body over ``max_bytes``), and
    :class:`~copyedit.TimeLimitExceeded` once ``deadline`` has passed (the work stops there)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    check_selectors(article, service.config)
    config = article.config(service.config)
    ruleset = engine.ruleset_for(config)
    if article.source is not None:
        try:  # refused as the body is (over max_bytes), named as the source
            engine.guard_size(article.source, config, "source")
        except InputError as error:
            raise FieldError("source", str(error)) from None
    source_lang_format = (article.source, article.source_lang, article.source_format)
    result, judged = _run(article.body, article.format, mode, ruleset, config, source_lang_format, deadline, article.decisions)
    response: dict[str, Any] = {
        "verdict": None,
        "body": result.text,
        "diff": result.diff(path="body"),
        "findings": [finding.to_dict() for finding in result.findings],
        "applied": [applied.to_dict() for applied in result.applied],
        "content_sha256": content_sha256(article.body),
    }
    remaining: list[Finding] = list(judged)
    if article.title is not None:
        try:
            # A headline translates no sentence of the body's source: it is checked without it (a number or a link
            # of the source is not missing from it), in the source's language (the rules for another one do not run)
            title, title_judged = _run(article.title, "text", mode, ruleset, config, (None, _source_language(article, config), None), deadline)
        except InputError as error:  # refused as a document is (over max_bytes): the title, not the body
            raise FieldError("title", str(error)) from None
        response["title"] = title.text
        response["title_findings"] = [finding.to_dict() for finding in title.findings]
        remaining.extend(title_judged)
    if article.metadata:
        found = engine.page_metadata(article.body, article.format)
        response["metadata"] = found.to_dict() if found else None
    response["verdict"] = service.policy.verdict(remaining).value
    add_warnings(response, result.warnings, article, config)
    return response


def add_warnings(response: dict[str, Any], warnings: Iterable[CheckWarning], article: Article, config: Config) -> None:
    """The response's ``"warnings"`` (none: no key): the engine's (``Result.warnings``: an empty source, a source
    language the source is not written in), then the request's own (:func:`request_warnings`)."""
    every = [*warnings, *request_warnings(article, config)]
    if every:
        response["warnings"] = [warning.to_dict() for warning in every]


def request_warnings(article: Article, config: Config) -> list[CheckWarning]:
    """A warning for each selector of the request's ``rules.select`` or ``rules.extend-select`` that selects only
    rules written for another language than the article's: the request asked for checks that do not run.

    >>> request_warnings(Article("x", language="de", overrides=(("select", ("MT112",)),)), Config(language="de", select=("MT112",)))
    [CheckWarning(code='idle-selector', field='rules.select', message='MT112 selects only rules for articles in en; they do not run on articles in de')]
    """
    return [
        warning
        for name, value in article.overrides
        if name in ("select", "extend_select")
        for warning in engine.idle_selector_warnings(config, value, f"rules.{name.replace('_', '-')}")
    ]


def check_selectors(article: Article, base: Config) -> None:
    """Refuse a request whose ``rules`` name a rule that does not exist, as the command line
    does: a typo in ``select`` would otherwise turn every rule off and let anything pass."""
    if not article.overrides:
        return
    every = engine.loaded_rules(base)
    for name, value in article.overrides:
        key = name.replace("_", "-")
        for selector in value:
            if not any(matches(selector, rule) for rule in every):
                field = f"rules.{key}.{selector}" if key in _LEVEL_KEYS else f"rules.{key}"
                raise FieldError(
                    field,
                    f"unknown rule selector {selector!r} (not a rule code, code prefix, rule name or pack; "
                    "see GET /v1/rules or `copyedit rules`)",
                )


def _run(
    text: str,
    format: str,
    mode: str,
    ruleset: engine.RuleSet,
    config: Config,
    source_lang_format: tuple[str | None, str | None, str | None],
    deadline: engine.Deadline | None,
    decisions: tuple[Decision, ...] | None = None,
) -> tuple[Result, tuple[Finding, ...]]:
    """The result to return, and the findings the verdict judges: those left after safe fixes,
    so that ``check`` gives the verdict that ``fix`` would. With an editor's decisions (the body
    only), the fixed result is the one they decided and the verdict judges what nobody decided.
    ``source_lang_format``: the source ``text`` is checked against, its language and its format (None: ``format``)."""
    source, lang, source_format = source_lang_format
    # ``check`` reports the text as sent and judges what ``fix`` would leave: one check pass serves both.
    checked = (
        engine.run_check(text, format, ruleset, config, source, lang, deadline=deadline, source_format=source_format)
        if mode == "check" else None
    )
    if decisions is not None:
        try:
            fixed, judged = apply_decisions(
                text, format, ruleset, config, decisions, source, lang, deadline, checked, source_format=source_format
            )
        except DecisionError as error:
            raise FieldError(error.field, error.problem) from None
    else:
        fixed = engine.run_fix(
            text, format, ruleset, config, engine.accepted(), source, lang, deadline=deadline, checked=checked,
            source_format=source_format,
        )
        judged = fixed.findings
    return (checked if checked is not None else fixed), judged


def _source_language(article: Article, config: Config) -> str | None:
    """The language the article's source is read in, as the body's check reads it: as the request gives it, unless the
    source is not written in that language's scripts; else as detected in the source; else None.

    >>> _source_language(Article("x", source="Президент провёл совещание с членами правительства в четверг."), Config())
    'ru'
    >>> _source_language(Article("x", source_lang="de"), Config()), _source_language(Article("x"), Config())
    ('de', None)
    >>> _source_language(Article("x", source="Президент провёл совещание с членами правительства в четверг.", source_lang="ja"), Config())
    'ru'
    """
    if article.source is None:
        return article.source_lang
    # as the body's check reads the source: a language given that the source is not written in is not believed
    return engine.source_context(config, article.source, article.source_lang, article.format, article.source_format, article.body).source_lang


def content_sha256(body: str) -> str:
    """The SHA-256 of the body as sent (UTF-8), so a publisher can tell which version was judged.

    >>> content_sha256("")
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    >>> content_sha256("é" * 3000) == hashlib.sha256(("é" * 3000).encode()).hexdigest()
    True
    """
    # Fed in pieces under 2 KB: for more at once hashlib lets go of the interpreter lock, and the article's
    # thread then waits for the other threads of the worker to give it back (up to 5 ms each time).
    data = memoryview(body.encode("utf-8", "surrogatepass"))
    digest = hashlib.sha256()
    for start in range(0, len(data), _HASH_PIECE):
        digest.update(data[start : start + _HASH_PIECE])
    return digest.hexdigest()


_HASH_PIECE = 2047  # hashlib keeps the interpreter lock for less than 2,048 bytes (HASHLIB_GIL_MINSIZE)


def error_object(error: Exception, field: str | None = None) -> dict[str, Any]:
    """The JSON error both front ends answer with: ``{"error": {"message", "field"?}}``."""
    detail: dict[str, Any] = {"message": error.problem if isinstance(error, FieldError) else str(error)}
    field = field or getattr(error, "field", None)
    if field:
        detail["field"] = field
    return {"error": detail}
