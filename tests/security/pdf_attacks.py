"""Hostile PDFs for the public verification upload: a genuine sealed file followed by an
incremental update that an attacker wrote (no signature needed to append one)."""

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def fields_repeated(pdf: bytes, times: int, *, pad_to: int = 0) -> bytes:
    """The attack of issue #28: one appended update whose /AcroForm /Fields lists the
    signature field `times` times, the file padded to `pad_to` bytes (a stream nobody reads)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    root = writer.root
    form = root["/AcroForm"]
    fields = form["/Fields"]
    repeated = generic.ArrayObject([fields.raw_get(0)] * times)
    form = generic.DictionaryObject({**form, generic.NameObject("/Fields"): repeated})
    root[generic.NameObject("/AcroForm")] = writer.add_object(form)
    writer.update_root()
    if pad_to:
        stream = generic.StreamObject(stream_data=b"%" * max(pad_to - len(pdf), 0))
        root[generic.NameObject("/Padding")] = writer.add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
