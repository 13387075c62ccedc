"""The OpenAPI 3.1 description of ``copyedit serve``, written by hand (served at ``/openapi.json``).

>>> document = openapi_document(2_000_000)
>>> document["openapi"], sorted(document["paths"])
('3.1.0', ['/healthz', '/openapi.json', '/review', '/v1/check', '/v1/fix', '/v1/review', '/v1/review/article', '/v1/rules'])
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..languages import LANGUAGE_TAG
from ..engine import FORMATS
from ..model import Applicability, Severity
from .protocol import MAX_NESTING

# How long the body of a request may stall before the request is answered 408 (nginx's client_body_timeout is 60 s;
# an article is sent by a program, on a newsroom's network)
BODY_IDLE_SECONDS = 15.0

_LEVELS = [member.value for member in Severity]
_FIXES = [member.value for member in Applicability]


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(max_body: int) -> dict[str, Any]:
    edit = {
        "type": "object",
        "required": ["start", "end", "replacement"],
        "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "replacement": {"type": "string"}},
    }
    selectors = {"type": "array", "items": {"type": "string", "minLength": 1}}
    schemas = {
        "Article": {
            "type": "object",
            "additionalProperties": False,
            "required": ["body"],
            "properties": {
                "body": {"type": "string", "description": "The article, in the given format."},
                "format": {"enum": [*FORMATS, None], "default": "text", "description": "null: the default, text. Any other value, \"\" too, is a 422 naming `format`."},
                "title": {"type": ["string", "null"], "description": "Checked and fixed as plain text, without the source (a headline translates none of it)."},
                "language": {
                    "type": ["string", "null"],
                    "pattern": f"^{LANGUAGE_TAG}$",
                    "description": "The article's language, when it is not the server's configured one: rules written for "
                    "another language (English usage) do not run.",
                },
                "source": {"type": ["string", "null"], "description": "The source-language text, for translation checks; in `source_format` (its text is compared; of a "
                "whole HTML page, the article in it, unless the body is a whole page too)."},
                "source_lang": {"type": ["string", "null"], "pattern": f"^{LANGUAGE_TAG}$"},
                "source_format": {
                    "enum": [*FORMATS, None],
                    "default": None,
                    "description": "The format the source is in; null: the body's `format` (but a source read as Markdown "
                    "that is HTML and nothing else is read as HTML). Send \"html\" with a plain-text body's HTML source, so "
                    "that its tags and its links' addresses are not compared as text.",
                },
                "metadata": {
                    "type": ["boolean", "null"],
                    "default": False,
                    "description": "Also return the page's title, author, date, site name and canonical URL as the "
                    "main-content extractor finds them (a whole HTML page only: about four times the cost of the "
                    "main-text pass, so off by default).",
                },
                "decisions": {
                    "type": ["array", "null"],
                    "items": {"$ref": "#/components/schemas/Decision"},
                    "description": "An editor's decisions on this body (the review page's decision log): /v1/fix "
                    "applies exactly the accepted and edited ones plus the undecided safe fixes; the verdict judges "
                    "only undecided findings.",
                },
                "rules": {
                    "type": ["object", "null"],
                    "additionalProperties": False,
                    "description": "Overrides of the server's rule selection (added to its ignore/extend-select).",
                    "properties": {
                        "select": selectors,
                        "extend-select": selectors,
                        "ignore": selectors,
                        "severity": {"type": "object", "additionalProperties": {"enum": _LEVELS}},
                        "applicability": {"type": "object", "additionalProperties": {"enum": _FIXES}},
                    },
                },
            },
        },
        "Edit": edit,
        "Rule": {
            "type": "object",
            "required": ["code", "name", "pack", "kind", "severity", "fix", "message", "why", "examples", "lossless",
                         "language", "superseded_by", "measured"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "pack": {"type": "string", "description": "A built-in pack, or the folder of a house rule file."},
                "kind": {"type": "string"},
                "severity": {"enum": _LEVELS},
                "fix": {"enum": [*_FIXES, None], "description": "The fix's safety; null when the rule cannot fix."},
                "message": {"type": "string"},
                "why": {"type": "string"},
                "examples": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "bad": {"type": "string"},
                            "good": {"type": "string"},
                            "ok": {"type": "string"},
                            "source": {"type": "string"},
                        },
                    },
                },
                "lossless": {"type": "boolean", "description": "A repair exact by construction (safe without measurement)."},
                "language": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "The article languages the rule runs on; empty: every language.",
                },
                "superseded_by": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Rules whose finding in a document leaves this rule's findings out.",
                },
                "measured": {
                    "type": ["object", "null"],
                    "description": "The rule's evidence on real text (`copyedit rules CODE` shows it); null when not measured.",
                    "required": ["date", "commit", "precision", "basis"],
                    "properties": {
                        "date": {"type": "string"},
                        "commit": {"type": "string"},
                        "precision": {"type": ["number", "null"]},
                        "basis": {"type": ["string", "null"]},
                        "fixes": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "human_visible_edits_per_100k_words": {"type": "number"},
                        "flags_per_1k_words": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
                        "postedit_flags": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "mqm": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
                    },
                },
            },
        },
        "Rules": {
            "type": "object",
            "required": ["count", "rules"],
            "properties": {"count": {"type": "integer"}, "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}},
        },
        "Health": {
            "type": "object",
            "required": ["status", "version", "rules"],
            "properties": {
                "status": {"const": "ok"},
                "version": {"type": "string"},
                "rules": {"type": "integer", "description": "How many rules the server runs."},
            },
        },
        "ReviewArticle": {
            "type": "object",
            "required": ["article"],
            "description": "The article `copyedit review FILE` opened; `{\"article\": null}` alone under `copyedit serve`.",
            "properties": {
                "article": {"type": ["string", "null"], "description": "The file's path as given: the decision log's `article`."},
                "body": {"type": "string"},
                "format": {"enum": list(FORMATS)},
                "source": {"type": ["string", "null"]},
                "source_lang": {"type": ["string", "null"]},
                "language": {"type": ["string", "null"]},
                "source_format": {"enum": [*FORMATS, None], "description": "The source's format, from its file's suffix; null: the article's."},
            },
        },
        "Decision": {
            "type": "object",
            "additionalProperties": False,
            "required": ["rule", "span", "decision"],
            "description": "One line of the decision log. `span` is the finding's [start, end] in the body as sent.",
            "properties": {
                "rule": {"type": "string", "minLength": 1},
                "span": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
                "decision": {
                    "enum": ["accepted", "rejected", "edited", "kept"],
                    "description": "kept: a safe fix applied by default and left so; no decision, it is applied as any undecided safe fix.",
                },
                "replacement": {
                    "type": ["string", "null"],
                    "description": "The editor's text (required for edited); for accepted, if given, the item's `suggestion`. "
                    "Like `suggestion`, it takes the place of the range the fix's edits cover, which may be smaller than `span` "
                    "(C401's span is \"They they\", its fix's edits cover \" they\"): /v1/review gives that range as "
                    "each item's `replaces`.",
                },
                "text": {"type": ["string", "null"]},
                "suggestion": {"type": ["string", "null"]},
                "applicability": {"enum": [*_FIXES, None]},
                "article": {"type": ["string", "null"]},
                "time": {"type": ["string", "null"]},
            },
        },
        "Review": {
            "type": "object",
            "required": ["format", "body", "content_sha256", "items", "rules"],
            "properties": {
                "warnings": {"$ref": "#/components/schemas/Warnings"},
                "format": {"enum": list(FORMATS)},
                "body": {"type": "string"},
                "content_sha256": {"type": "string"},
                "source_lang": {"type": ["string", "null"]},
                "items": {
                    "type": "array",
                    "description": "Every finding of the body as sent (a Finding) with `id`, `default` ('accepted' "
                    "for the safe fixes fix would apply), `suggestion` (what its fix puts in place of the range its edits "
                    "cover, as text: the edits are in the body's syntax, `&amp;` in HTML; null when it has none or keeps "
                    "markup between its edits), `replaces` (the range of the body as sent that `suggestion` or an edited decision's "
                    "`replacement` takes the place of: its fix's edits' range, which may be smaller than the finding's "
                    "`start`–`end`; the finding's own range when it has no fix) and, with a source, `target_sentence` "
                    "and `source_sentence`.",
                    "items": {
                        "allOf": [{"$ref": "#/components/schemas/Finding"}],
                        "type": "object",
                        "required": ["id", "default", "suggestion", "replaces"],
                        "properties": {
                            "id": {"type": "integer"},
                            "default": {"enum": ["accepted", None]},
                            "suggestion": {"type": ["string", "null"]},
                            "replaces": {
                                "type": "object",
                                "required": ["start", "end", "text"],
                                "additionalProperties": False,
                                "properties": {
                                    "start": {"type": "integer", "minimum": 0},
                                    "end": {"type": "integer", "minimum": 0},
                                    "text": {"type": "string", "description": "The body's text there, in its syntax."},
                                },
                            },
                            "target_sentence": {"type": ["string", "null"]},
                            "source_sentence": {"type": ["string", "null"]},
                        },
                    },
                },
                "rules": {
                    "type": "object",
                    "description": "Each rule with findings: name, why, severity, fix, measured precision and its basis.",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "why": {"type": "string"},
                            "severity": {"enum": _LEVELS},
                            "fix": {"enum": [*_FIXES, None]},
                            "precision": {"type": ["number", "null"]},
                            "basis": {"type": ["string", "null"]},
                        },
                    },
                },
            },
        },
        "Finding": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "severity": {"enum": _LEVELS},
                "message": {"type": "string"},
                "line": {"type": "integer"},
                "column": {"type": "integer"},
                "start": {"type": "integer"},
                "end": {"type": "integer"},
                "text": {"type": "string"},
                "fix": {
                    "type": ["object", "null"],
                    "properties": {
                        "applicability": {"enum": _FIXES},
                        "title": {"type": "string"},
                        "edits": {"type": "array", "items": {"$ref": "#/components/schemas/Edit"}},
                    },
                },
                "precision": {
                    "type": ["number", "null"],
                    "description": "The rule's measured precision on real text (fixes agreeing with human editors: "
                    "post-edits, or a real page's annotated article text; or flags on rated MQM errors); null when not measured.",
                },
                "source": {
                    "type": ["object", "null"],
                    "description": "Checks against a source: the source text the finding is about (offsets into "
                    "the request's `source`) and the source sentence it stands in; null otherwise.",
                    "properties": {
                        "start": {"type": "integer"},
                        "end": {"type": "integer"},
                        "text": {"type": "string"},
                        "sentence": {"type": "string"},
                    },
                },
            },
        },
        "AppliedFix": {
            "type": "object",
            "properties": {
                "codes": {"type": "array", "items": {"type": "string"}},
                "title": {"type": "string"},
                "edits": {"type": "array", "items": {"$ref": "#/components/schemas/Edit"}},
            },
        },
        "Verdict": {
            "type": "object",
            "required": ["verdict", "body", "diff", "findings", "applied", "content_sha256"],
            "properties": {
                "verdict": {"enum": ["pass", "review", "block"]},
                "body": {"type": "string", "description": "The corrected body (/v1/fix) or the body as sent (/v1/check)."},
                "diff": {"type": "string", "description": "Unified diff from the sent body to `body`."},
                "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                "applied": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/AppliedFix"},
                    "description": "Edits in positions of the body as sent.",
                },
                "content_sha256": {"type": "string", "description": "SHA-256 of the body as sent (UTF-8)."},
                "title": {"type": "string"},
                "title_findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                "metadata": {
                    "oneOf": [{"$ref": "#/components/schemas/PageMetadata"}, {"type": "null"}],
                    "description": "Present when the request asked for it: the page's fields as sent, or null when "
                    "the body is not a whole HTML page (a fragment, plain text, Markdown).",
                },
                "warnings": {"$ref": "#/components/schemas/Warnings"},
            },
        },
        "Warnings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "field", "message"],
                "properties": {
                    "code": {"type": "string", "enum": ["empty-source", "source-lang-mismatch", "idle-selector"]},
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
            "description": "Present when something sent besides the body was wrong and the request was served all "
            "the same: an empty `source` (`empty-source`: checked without one), a `source_lang` the source is not "
            "written in (`source-lang-mismatch`: the source is read in the language detected in it), a selector of "
            "`rules` that selects only rules written for another language than the article's (`idle-selector`: "
            "those rules do not run).",
        },
        "PageMetadata": {
            "type": "object",
            "required": ["title", "author", "date", "site_name", "url"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": ["string", "null"]},
                "author": {"type": ["string", "null"]},
                "date": {"type": ["string", "null"], "description": "As the extractor gives it (usually YYYY-MM-DD)."},
                "site_name": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"], "description": "The canonical URL."},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {"message": {"type": "string"}, "field": {"type": "string"}},
                }
            },
        },
    }
    article_errors = {
        "400": _error(
            f"Malformed JSON, a body that is not UTF-8 (or not in the charset its Content-Type names), or JSON nested "
            f"more than {MAX_NESTING} levels deep."
        ),
        "401": _error("A token is configured and the request lacks `Authorization: Bearer <token>`."),
        "408": _error(f"The request body stopped arriving before it was whole (nothing for {BODY_IDLE_SECONDS:g} s)."),
        "413": _error(f"The request body is over the limit ({max_body:,} bytes on this server)."),
        "415": _error("The Content-Type is not application/json, or its charset names no encoding."),
        "422": _error("A field is missing, of the wrong type or not allowed; `field` names it."),
        "503": _error("Checking the article took longer than the server's time limit."),
    }

    def article_operation(summary: str, operation_id: str) -> dict[str, Any]:
        return {
            "summary": summary,
            "operationId": operation_id,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}},
            },
            "responses": {
                "200": {
                    "description": "The verdict, the body and the findings.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Verdict"}}},
                },
                **article_errors,
            },
        }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "copyedit pre-publish service",
            "version": __version__,
            "description": "Send an article; get back the corrected body, a diff, the findings and a verdict "
            "(pass: publish; review: send to an editor; block: do not publish).",
        },
        "paths": {
            "/v1/fix": {"post": article_operation("Apply safe fixes and judge the corrected body", "fix")},
            "/v1/check": {"post": article_operation("Judge the body as sent, without fixing it", "check")},
            "/v1/rules": {
                "get": {
                    "summary": "The rules this server runs",
                    "operationId": "rules",
                    "responses": {
                        "200": {
                            "description": "Every rule the server's configuration runs.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rules"}}},
                        },
                        "401": article_errors["401"],
                    },
                }
            },
            "/v1/review": {
                "post": {
                    **article_operation("Every suggestion for the body as sent, for the review page", "review"),
                    "responses": {
                        "200": {
                            "description": "The findings with their fixes, default decisions and rule evidence.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Review"}}},
                        },
                        **article_errors,
                    },
                }
            },
            "/v1/review/article": {
                "get": {
                    "summary": "The article `copyedit review FILE` opened (`{article: null}` under `copyedit serve`)",
                    "operationId": "reviewArticle",
                    "responses": {
                        "200": {
                            "description": "`{article, body, format, source, source_lang, language}`, or `{article: null}`",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewArticle"}}},
                        },
                        "401": article_errors["401"],
                    },
                },
                "post": {
                    "summary": "A corrected text of that article as the file's bytes: its encoding, byte-order mark and line endings",
                    "operationId": "reviewArticleBytes",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["body"],
                                    "additionalProperties": False,
                                    "properties": {"body": {"type": "string"}},
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "The file's bytes", "content": {"application/octet-stream": {"schema": {"type": "string"}}}},
                        "404": _error("No article was opened (`copyedit serve`)."),
                        **{status: article_errors[status] for status in ("400", "401", "408", "413", "415")},
                        "422": _error("Not `{body: string}`, or the body holds a character the file's encoding cannot write."),
                    },
                },
            },
            "/review": {
                "get": {
                    "summary": "The review page for editors (self-contained HTML; it asks for the token once)",
                    "operationId": "reviewPage",
                    "security": [],
                    "responses": {"200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}}},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness (never needs the token)",
                    "operationId": "healthz",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "`{status: ok, version, rules}`",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
                        }
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {"200": {"description": "OpenAPI 3.1"}, "401": article_errors["401"]},
                }
            },
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
