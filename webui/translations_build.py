"""Keep the UI translations in step with the code: extract, update and compile the catalogs.

    python -m webui.translations_build          # extract msgids, merge into each .po, compile the .mo
    python -m webui.translations_build --check  # exit 1 if a message is untranslated or a .mo is stale

Messages are written in English in the code and templates; `translations/vi/LC_MESSAGES/messages.po`
holds the Vietnamese. English needs no catalog (the msgid is the English text).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
TRANSLATIONS = HERE / "translations"
LOCALES = ("vi",)
METHOD_MAP = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.xml", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}


def extract() -> Catalog:
    """Every translatable message in webui/ (Python and templates)."""
    template = Catalog(project="vnarchive", charset="utf-8")
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        HERE, METHOD_MAP, options_map=options, keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.is_file():
        return Catalog(locale=locale, project="vnarchive", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """msgids with no (or an incomplete plural) translation, obsolete ones aside."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update() -> None:
    """Merge fresh msgids into each .po (keeping translations) and write the .mo beside it."""
    template = extract()
    for locale in LOCALES:
        catalog = load(locale)
        catalog.update(template, no_fuzzy_matching=True)
        path = po_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, omit_header=False, sort_output=True, ignore_obsolete=True, width=110)
        path.with_suffix(".mo").write_bytes(compiled(load(locale)))


def check() -> list[str]:
    """Problems: messages in the code missing from a .po, untranslated ones, a stale .mo."""
    problems = []
    template = extract()
    for locale in LOCALES:
        catalog = load(locale)
        known = {m.id for m in catalog}
        problems += [f"{locale}: not in the catalog: {m.id!r}" for m in template if m.id not in known | {""}]
        problems += [f"{locale}: untranslated: {msgid!r}" for msgid in untranslated(catalog)]
        mo = po_path(locale).with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(catalog):
            problems.append(f"{locale}: {mo.name} is stale: run python -m webui.translations_build")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
