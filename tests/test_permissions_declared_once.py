"""Each permission is declared once: the screens (web pages and API) name a predicate of
`commendations.access.permissions` or a registered action's, never a permission's codename."""

import re
from pathlib import Path

from commendations.access.permissions import Capability

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ("commendations/web", "commendations/api")
# "commendations.<codename>": a role's permission or one of Django's add_/change_/delete_/view_
RAW_PERMISSION = re.compile(
    r"\bcommendations\.(?:"
    + "|".join(re.escape(c.value) for c in Capability)
    + r"|(?:add|change|delete|view)_\w+)\b"
)
BARE_CODENAME = re.compile(r"""["'](?:""" + "|".join(c.value for c in Capability) + r""")["']""")


def _screen_modules() -> list[Path]:
    return [path for folder in SCREENS for path in sorted((ROOT / folder).rglob("*.py"))]


def test_the_screens_spell_no_permission_codename():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _screen_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RAW_PERMISSION.search(line) or BARE_CODENAME.search(line)
    ]
    assert not found, "name a predicate instead:\n" + "\n".join(found)


def test_the_scan_sees_a_raw_codename():
    assert RAW_PERMISSION.search('@permission_required("commendations.propose_nomination")')
    assert BARE_CODENAME.search('has_perm(user, "manage_certificates")')
    assert not RAW_PERMISSION.search('"commendations.certificates.tasks.render_certificates"')
