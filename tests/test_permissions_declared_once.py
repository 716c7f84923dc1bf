"""Each permission is declared once: the code (screens, API, domain) names a predicate of
`commendations.access.permissions` or a registered action's, and the templates the same
predicates (`can.propose`, …), never a permission's codename. The codenames are spelled where
they are declared: `Capability`, the model's Meta and the migrations."""

import re
from pathlib import Path

from commendations.access.permissions import Capability

ROOT = Path(__file__).resolve().parent.parent
# Where a codename is declared, not asked.
DECLARED = {
    "commendations/access/permissions.py",
    "commendations/access/roles.py",
    "commendations/nominations/models.py",
}
TEMPLATE_PERMS = re.compile(r"\bperms\.commendations\.")
# "commendations.<codename>": a role's permission or one of Django's add_/change_/delete_/view_
RAW_PERMISSION = re.compile(
    r"\bcommendations\.(?:"
    + "|".join(re.escape(c.value) for c in Capability)
    + r"|(?:add|change|delete|view)_\w+)\b"
)
BARE_CODENAME = re.compile(r"""["'](?:""" + "|".join(c.value for c in Capability) + r""")["']""")


def _modules() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "commendations").rglob("*.py"))
        if "migrations" not in path.parts and str(path.relative_to(ROOT)) not in DECLARED
    ]


def test_the_code_spells_no_permission_codename():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RAW_PERMISSION.search(line) or BARE_CODENAME.search(line)
    ]
    assert not found, "name a predicate instead:\n" + "\n".join(found)


def test_the_templates_ask_the_predicates_not_the_codenames():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "commendations" / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if TEMPLATE_PERMS.search(line)
    ]
    assert not found, "use `can.<capability>` (web.context_processors) instead:\n" + "\n".join(
        found
    )


def test_the_scan_sees_a_raw_codename():
    assert RAW_PERMISSION.search('@permission_required("commendations.propose_nomination")')
    assert BARE_CODENAME.search('has_perm(user, "manage_certificates")')
    assert not RAW_PERMISSION.search('"commendations.certificates.tasks.render_certificates"')
