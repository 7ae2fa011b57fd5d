"""A local page for the REST API's OpenAPI description: FastAPI's own pages load Swagger from a CDN."""

from __future__ import annotations

import re
from html import escape

# `code` spans of the descriptions (Markdown inline code), matched after escaping: backticks survive escaping.
_INLINE_CODE = re.compile(r"`([^`\n]+)`")

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}"
    "code{background:#f2f2f2;padding:0 .25em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
)


def api_docs_html(openapi: dict) -> str:
    """Every route with its parameters, from the OpenAPI document (everything escaped)."""
    info = openapi.get("info", {})
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(info.get('title', 'API'))}</title>"
        f"<style>{STYLE}</style></head><body><h1>{escape(info.get('title', 'API'))}</h1>",
        f"<p>{prose(info.get('description', ''))}</p>",
        "<p>Machine-readable description: <a href='/api/openapi.json'><code>/api/openapi.json</code></a>. "
        'Errors are answered with a 4xx status and <code>{"error": "…"}</code>.</p>',
    ]
    for path, methods in sorted(openapi.get("paths", {}).items()):
        for method, operation in methods.items():
            parts.append(_operation_html(method, path, operation))
    parts.append("</body></html>")
    return "".join(parts)


def _operation_html(method: str, path: str, operation: dict) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(_type(p.get('schema', {})))}</td>"
        f"<td>{'yes' if p.get('required') else 'no'}</td><td>{escape(str(p.get('schema', {}).get('default', '')))}</td>"
        f"<td>{prose(p.get('description', ''))}</td></tr>"
        for p in operation.get("parameters", [])
    )
    table = (
        (
            f"<table><tr><th>parameter</th><th>type</th><th>required</th><th>default</th><th>description</th></tr>"
            f"{rows}</table>"
        )
        if rows
        else ""
    )
    return (
        f"<h2><code>{escape(method.upper())} {escape(path)}</code> — {prose(operation.get('summary', ''))}</h2>"
        f"<p>{prose(operation.get('description', ''))}</p>{table}"
    )


def prose(text: str) -> str:
    """A description as HTML: escaped first (nothing from it runs as markup), then `inline code` as ``<code>``.

    >>> prose("see `seminar-search dossier <NAME> --json` & more")
    'see <code>seminar-search dossier &lt;NAME&gt; --json</code> &amp; more'
    """
    return _INLINE_CODE.sub(r"<code>\1</code>", escape(str(text)))


def _type(schema: dict) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    bounds = [f"{word} {schema[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤")) if key in schema]
    return " ".join([schema.get("type", "any"), *bounds])
