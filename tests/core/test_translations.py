"""The Spanish and English catalogues are complete: running makemessages on a copy of the project
must not add any new, empty or fuzzy entry."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

IGNORED = shutil.ignore_patterns(
    ".venv", "var", ".git", "__pycache__", "*.mo", "screenshots", ".pytest_cache", ".ruff_cache"
)


def _entries(po_file: Path) -> dict[str, tuple[bool, bool]]:
    """msgid (with its context and plural) -> (is_fuzzy, is_empty). The header is skipped."""
    entries = {}
    for block in po_file.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        key, values, current = [], [], None
        for line in lines:
            if line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
                current = key
            elif line.startswith("msgstr"):
                values.append("")
                current = values
            elif not line.startswith('"'):
                continue
            match = re.search(r'"(.*)"\s*$', line)
            if current is key and match:
                key.append(match.group(1))
            elif current is values and match:
                values[-1] += match.group(1)
        msgid = "|".join(key)
        if msgid == "":
            continue
        entries[msgid] = (fuzzy, any(value == "" for value in values))
    return entries


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    copy = tmp_path_factory.mktemp("catalogues") / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=IGNORED)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es_MX",
            "-l",
            "en",
            "--no-obsolete",
            "--ignore=tests/*",
            "--ignore=var/*",
            "--ignore=.venv/*",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "clinic.settings.base"},
    )
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.parametrize("language", ["es_MX", "en"])
def test_makemessages_adds_no_new_empty_or_fuzzy_entry(regenerated, language):
    relative = Path("locale") / language / "LC_MESSAGES" / "django.po"
    committed = _entries(settings.BASE_DIR / relative)
    fresh = _entries(regenerated / relative)

    new = sorted(set(fresh) - set(committed))
    empty = sorted(msgid for msgid, (_fuzzy, is_empty) in fresh.items() if is_empty)
    fuzzy = sorted(msgid for msgid, (is_fuzzy, _empty) in fresh.items() if is_fuzzy)

    assert (new, empty, fuzzy) == ([], [], []), "run makemessages and translate these"
    assert len(fresh) > 200


def test_the_parser_sees_empty_and_fuzzy_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "Hello"\nmsgstr "Hola"\n\n'
        '#, fuzzy\nmsgid "Bye"\nmsgstr "Adiós"\n\n'
        'msgid "Missing"\nmsgstr ""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )

    assert _entries(po) == {
        "Hello": (False, False),
        "Bye": (True, False),
        "Missing": (False, True),
        "one|many": (False, True),
    }
