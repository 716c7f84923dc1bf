"""A .docx template uploaded in the admin ran a shell command through Jinja
(`''.__class__.__mro__[1].__subclasses__()` -> Popen), at upload validation and again in the
worker. Templates now render in an immutable sandbox with a bounded output."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from commendations.documents.models import DocumentKind
from commendations.documents.rendering import (
    TemplateRenderError,
    render_docx,
    sample_context,
    template_validate,
)

ORIGINAL = Path(settings.BASE_DIR) / "doc_templates" / "giay_khen.docx"
MARKER = "<w:t>{{ citation }}"  # the line every certificate prints


def _with_body(marker: str, replacement: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(ORIGINAL.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert marker.encode() in data
                data = data.replace(marker.encode(), replacement.encode(), 1)
            target.writestr(info, data)
    return out.getvalue()


def _popen_payload(path: Path) -> bytes:
    payload = (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', '" + str(path) + "']).wait() }}{% endif %}"
        "{% endfor %}"
    )
    return _with_body(MARKER, f"<w:t>{payload}{{{{ citation }}}}")


def test_subclasses_payload_is_refused_at_upload_and_runs_nothing(tmp_path):
    witness = tmp_path / "pwned"
    with pytest.raises(ValidationError):
        template_validate(DocumentKind.GIAY_KHEN, _popen_payload(witness))
    assert not witness.exists()


def test_subclasses_payload_fails_at_render_and_runs_nothing(tmp_path):
    """A template stored before the fix (or slipped past validation) still cannot run code in the
    worker."""
    witness = tmp_path / "pwned"
    with pytest.raises(TemplateRenderError):
        render_docx(_popen_payload(witness), sample_context(DocumentKind.GIAY_KHEN))
    assert not witness.exists()


def test_output_size_is_bounded():
    """Nested loops stay within the sandbox's range limit yet multiply: the output is capped."""
    loops = (
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}"
    )
    content = _with_body(MARKER, f"<w:t>{loops}{{{{ citation }}}}")
    with pytest.raises(TemplateRenderError, match="lớn"):
        render_docx(content, sample_context(DocumentKind.GIAY_KHEN))


def test_only_the_documented_filters_exist():
    content = _with_body(MARKER, "<w:t>{{ citation|pprint }}")
    with pytest.raises(TemplateRenderError):
        render_docx(content, sample_context(DocumentKind.GIAY_KHEN))


def test_values_are_still_escaped_and_the_real_template_renders():
    context = sample_context(DocumentKind.GIAY_KHEN) | {"citation": "A & <B>"}
    rendered = render_docx(ORIGINAL.read_bytes(), context)
    document = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml")
    assert b"A &amp; &lt;B&gt;" in document
