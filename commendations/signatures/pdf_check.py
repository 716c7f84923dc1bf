"""The check of a signed PDF: every signature's integrity, its signer's chain to a trust root,
the validity of the certificate, what was added after signing, and whether the file is the one
we issued (its first bytes are ours, byte for byte). Pure pyHanko, no Django, no network: it runs
in a child process (commendations.signatures.sandbox) with bounded memory and time, since the
file may come from anyone.

    python -m commendations.signatures.pdf_check < request.json > report.json
"""

import base64
import hashlib
import io
import json
import sys
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

# Problems, by code; the Django side words them (commendations.signatures.pdf_verdict).
NO_SIGNATURE = "no_signature"
UNREADABLE = "unreadable"
ALTERED = "altered"  # the signed bytes changed: the hash does not match
BAD_SIGNATURE = "bad_signature"
UNTRUSTED = "untrusted"
EXPIRED = "expired"
REVOKED = "revoked"
MODIFIED_AFTER = "modified_after"  # content added after signing (a page, an annotation …)
NOT_OUR_DOCUMENT = "not_our_document"  # does not begin with the issued file's bytes
NOT_COVERED = "not_covered"  # the issued file has content no valid signature covers
# Past the bounds below: refused before any signature is validated (issue #28: a genuine file
# with one appended update listing its signature field 3,000 times held a worker 60 s).
TOO_COMPLEX = "too_complex"

# The work one file may cost, whoever sent it. A decision carries the seal and the signer's
# signature, a certificate the seal: a handful of fields, signatures and revisions.
MAX_REVISIONS = 12
MAX_FIELDS = 64  # entries of /AcroForm /Fields and their /Kids, per revision, repeats counted
MAX_SIGNATURES = 6  # signatures validated (each hashes its signed revision and walks its chain)


class TooComplex(Exception):
    """The file is past a bound: refused without validating anything."""


def _count_fields(root) -> list:
    """The form's field references in one revision (a walk bounded by MAX_FIELDS; a field
    listed twice is refused: no genuine file lists one twice)."""
    try:
        form = root.get("/AcroForm")
        fields = form.get_object().get("/Fields") if form is not None else None
    except Exception:  # a broken form: pyHanko says so when it reads it
        return []
    if fields is None:
        return []
    seen: set = set()
    pending = [fields]
    while pending:
        entries = pending.pop().get_object()
        if not isinstance(entries, generic.ArrayObject):
            continue
        for index in range(len(entries)):
            reference = entries.raw_get(index)
            if not isinstance(reference, generic.IndirectObject):
                continue
            if reference.reference in seen:
                raise TooComplex("a field listed twice")
            seen.add(reference.reference)
            if len(seen) > MAX_FIELDS:
                raise TooComplex("too many fields")
            field = reference.get_object()
            if isinstance(field, generic.DictionaryObject) and "/Kids" in field:
                pending.append(field.raw_get("/Kids"))
    return list(seen)


def bounded_signatures(reader: PdfFileReader) -> list:
    """The embedded signatures, once each bound is checked: revisions, form fields in every
    revision (difference analysis walks them all), signatures."""
    revisions = reader.xrefs.total_revisions
    if revisions > MAX_REVISIONS:
        raise TooComplex("too many revisions")
    for revision in range(revisions):
        _count_fields(reader.get_historical_root(revision))
    _count_fields(reader.root)
    embedded = list(reader.embedded_signatures)
    if len(embedded) > MAX_SIGNATURES:
        raise TooComplex("too many signatures")
    return embedded


EXPIRY_INDICATIONS = (
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
)


def _name(certificate: asn1_x509.Certificate) -> dict[str, str]:
    subject = certificate.subject.native
    return {
        "subject": certificate.subject.human_friendly,
        "common_name": str(subject.get("common_name", "")),
        "organisation": str(subject.get("organization_name", "")),
        "serial": format(certificate.serial_number, "X"),
        "issuer": certificate.issuer.human_friendly,
        "not_after": certificate["tbs_certificate"]["validity"]["not_after"].native.isoformat(),
    }


def _signature_report(embedded, roots: list[asn1_x509.Certificate]) -> dict[str, Any]:
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    status = validate_pdf_signature(embedded, context)
    problems = []
    if not status.intact:
        problems.append(ALTERED)
    elif not status.valid:
        problems.append(BAD_SIGNATURE)
    if status.intact and status.valid and not status.trusted:  # a broken one has no chain
        indication = status.trust_problem_indic
        if status.revoked:
            problems.append(REVOKED)
        elif indication in EXPIRY_INDICATIONS:
            problems.append(EXPIRED)
        else:
            problems.append(UNTRUSTED)
    level = status.modification_level
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
        or level is None
        or level > ModificationLevel.FORM_FILLING
        or status.docmdp_ok is False
    ):
        problems.append(MODIFIED_AFTER)
    timestamp = status.timestamp_validity
    return {
        "field": embedded.field_name,
        "signer": _name(status.signing_cert),
        "signed_at": status.signer_reported_dt.isoformat() if status.signer_reported_dt else "",
        "timestamp": timestamp.timestamp.isoformat()
        if timestamp is not None and timestamp.valid and timestamp.intact
        else "",
        "covers_whole_file": status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        "signed_revision_end": int(embedded.byte_range[2]) + int(embedded.byte_range[3]),
        "modification_level": level.name if level is not None else "",
        "problems": problems,
        "ok": not problems,
    }


def pdf_check(
    pdf: bytes,
    *,
    roots_der: list[bytes],
    original: bytes | None = None,
    max_appended: int | None = None,
) -> dict:
    """The report: {"signatures": [...], "problems": [...], "sha256": …, "ok": bool}.

    With `original` (the file we issued): the upload must begin with exactly its bytes, and what
    follows may only be signatures (each signature's own check refuses anything else); with
    `max_appended` too, at most that many bytes may follow (refused unread past it).

    The work is bounded whatever the file: MAX_REVISIONS, MAX_FIELDS per revision,
    MAX_SIGNATURES validated; past a bound the file is refused before any validation."""
    report: dict[str, Any] = {
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "signatures": [],
        "problems": [],
    }
    if original is not None and not pdf.startswith(original):
        report["problems"].append(NOT_OUR_DOCUMENT)
    too_long = max_appended is not None and len(pdf) - len(original or b"") > max_appended
    if original is not None and too_long:
        report["problems"].append(TOO_COMPLEX)
        report["ok"] = False
        return report
    roots = [asn1_x509.Certificate.load(der) for der in roots_der]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = bounded_signatures(reader)
        report["signatures"] = [_signature_report(signature, roots) for signature in embedded]
    except TooComplex as exc:
        report["problems"].append(TOO_COMPLEX)
        report["error"] = str(exc)
        report["ok"] = False
        return report
    except Exception as exc:  # a malformed file: say so, whatever pyHanko raised
        report["problems"].append(UNREADABLE)
        report["error"] = f"{type(exc).__name__}: {exc}"[:500]
        report["ok"] = False
        return report
    if not report["signatures"]:
        report["problems"].append(NO_SIGNATURE)
    elif original is not None and NOT_OUR_DOCUMENT not in report["problems"]:
        covering = [
            s for s in report["signatures"] if s["ok"] and s["signed_revision_end"] >= len(original)
        ]
        if not covering:
            report["problems"].append(NOT_COVERED)
    report["ok"] = not report["problems"] and all(s["ok"] for s in report["signatures"])
    return report


def main() -> None:
    request = json.load(sys.stdin)
    pdf = base64.b64decode(request["pdf"])
    original = base64.b64decode(request["original"]) if request.get("original") else None
    roots = [base64.b64decode(root) for root in request["roots"]]
    max_appended = request.get("max_appended")
    json.dump(
        pdf_check(pdf, roots_der=roots, original=original, max_appended=max_appended), sys.stdout
    )


if __name__ == "__main__":
    main()
