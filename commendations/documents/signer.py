"""The signer block of Nghị định 30/2020/NĐ-CP (Phụ lục I): the signing mode with the principal's
title on the first line ("KT. GIÁM ĐỐC"), the signer's own title below ("PHÓ GIÁM ĐỐC"), space for
signature and seal, then the name with the rank before it ("Đại tá Nguyễn Ngọc Sơn")."""

import re
from dataclasses import dataclass

MODES = ("KT.", "TM.", "Q.", "TL.", "TUQ.")
_LEGACY = re.compile(r"^\s*(KT|TM|Q|TL|TUQ)\.\s*(.+?)\s*[-–—]\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Signer:
    mode: str = ""
    principal_title: str = ""
    title: str = ""
    rank: str = ""
    name: str = ""

    @property
    def heading(self) -> list[str]:
        """The uppercase lines above the signature: one when signing directly or as acting head
        (Q.), two otherwise."""
        title = self.title.strip().upper()
        principal = self.principal_title.strip().upper()
        if not self.mode:
            return [title] if title else []
        if self.mode == "Q.":
            return [f"Q. {principal or title}"]
        return [line for line in (f"{self.mode} {principal}".strip(), title) if line]

    @property
    def name_line(self) -> str:
        return f"{self.rank.strip()} {self.name.strip()}".strip()

    @property
    def one_line(self) -> str:
        """For a sentence or a list: "KT. Giám đốc – Phó Giám đốc, Đại tá Nguyễn Ngọc Sơn"."""
        heading = " – ".join(sentence_case(line) for line in self.heading)
        return ", ".join(part for part in (heading, self.name_line) if part)

    def context(self) -> dict[str, object]:
        """What a template receives: `signer_heading` (list of lines), `signer_name_line`, and
        the old `signer_title` / `signer_name` pair for templates uploaded before."""
        return {
            "signer_heading": self.heading,
            "signer_name_line": self.name_line,
            "signer_title": "\n".join(self.heading),
            "signer_name": self.name_line,
        }


def sentence_case(line: str) -> str:
    """ "KT. GIÁM ĐỐC" -> "KT. Giám đốc"; "PHÓ GIÁM ĐỐC CÔNG AN TỈNH" -> "Phó Giám đốc Công an
    tỉnh" is beyond a rule, so only the first word of each title is capitalised; a mode keeps its
    capitals."""
    words = line.split()
    if not words:
        return ""
    out: list[str] = []
    start = 0
    if words[0].upper() in MODES:
        out.append(words[0].upper() if words[0].upper() != "Q." else "Q.")
        start = 1
    rest = [w.lower() for w in words[start:]]
    if rest:
        rest[0] = rest[0][:1].upper() + rest[0][1:]
        # the head of a title keeps its capital: "Phó Giám đốc", "Bộ trưởng"
        for i in range(1, len(rest)):
            if rest[i - 1].lower() == "phó" and rest[i] in ("giám", "trưởng", "chủ"):
                rest[i] = rest[i].capitalize()
    return " ".join(out + rest)


def signer_from_legacy(title: str, name: str, rank: str = "") -> Signer:
    """The old pair: "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC" splits into mode, principal and title;
    anything else is a direct signature with that title."""
    match = _LEGACY.match(title or "")
    if match:
        mode = f"{match.group(1).upper()}."
        return Signer(
            mode=mode,
            principal_title=match.group(2).upper(),
            title=match.group(3).upper(),
            rank=rank,
            name=name,
        )
    return Signer(title=(title or "").upper(), rank=rank, name=name)


class SignerFields:
    """For a document model that keeps its signer in the columns signer_mode,
    signer_principal_title, signer_title, signer_rank and signer_name (a decision, a Tờ
    trình): the structured signer they make."""

    signer_mode: str
    signer_principal_title: str
    signer_title: str
    signer_rank: str
    signer_name: str

    @property
    def signer(self) -> Signer:
        return Signer(
            mode=self.signer_mode,
            principal_title=self.signer_principal_title,
            title=self.signer_title,
            rank=self.signer_rank,
            name=self.signer_name,
        )
