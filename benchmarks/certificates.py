"""Certificates benchmark, run by `make bench`. Prints ratios against baselines measured
in the same run:

P1  per-certificate time of the full pipeline (issue → numbering → Celery worker → storage) for
    N certificates vs. a bare `DocxTemplate(...).render(); save()` loop over the same template.
    Also the wall time with 2 worker processes vs. (N × bare time) / 2.
P2  the N-certificate print pack PDF (conversion with LibreOffice + page check + pypdf merge;
    rendering excluded) vs. one soffice process per file, measured on a sample and scaled.
P7  the organisation's seal on the certificates' PDF/A: BENCH_P7_N rendered certificates
    converted in one LibreOffice run (PDF/A-2b), as the PDF task does for a chunk, without
    sealing (baseline) and with what the task adds (certificates_seal: the seal's position
    once, each PDF sealed, each checked once for the verification page's summary): the overhead
    is (with - without) / without per certificate (target <= 0.30). A test PKI is made for the
    run (commendations/demo/pki.py), its PKCS#12 in the temporary folder, never kept.

Environment: BENCH_N (default 1000), BENCH_P2_SAMPLE (default 20), BENCH_P7_N (default 20),
BENCH_P7_ROUNDS (default 3; P7 takes the median). The smallest run (what the tests run):
BENCH_N=3 BENCH_P2_SAMPLE=1 BENCH_P7_N=2 BENCH_P7_ROUNDS=1.
It uses its own database (a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL,
else a temporary SQLite file), its own redis-server on a spare port when redis-server is
installed (else the filesystem broker), and a temporary media folder; everything is removed at
the end.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _world import (  # benchmarks/_world.py
    database_create,
    database_drop,
    process_stop,
    redis_start,
    wait_until,
    worker_start,
)

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_N", "1000"))
P2_SAMPLE = int(os.environ.get("BENCH_P2_SAMPLE", "20"))
P7_N = int(os.environ.get("BENCH_P7_N", "20"))
P7_ROUNDS = int(os.environ.get("BENCH_P7_ROUNDS", "3"))
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-bench-"))


def setup_environment() -> tuple[subprocess.Popen | None, tuple[str, str] | None]:
    """Returns the redis process we started (if any) and the PostgreSQL database to drop."""
    database = None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        database = database_create("p1")
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
    redis_process = None
    if shutil.which("redis-server"):
        redis_process, broker = redis_start(TMP)
    else:
        broker = "filesystem://"
        os.environ["VAR_DIR"] = str(TMP / "var")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "REDIS_URL": "" if broker == "filesystem://" else broker,
            "CELERY_BROKER_URL": broker,
            "MEDIA_ROOT": str(TMP / "media"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            # P1 measures rendering alone; P7 measures the PDFs (the worker makes none here).
            "ARCHIVE_PDFS_ENABLED": "false",
        }
    )
    return redis_process, database


def main() -> None:
    redis_process, database = setup_environment()
    sys.path.insert(0, str(ROOT))
    workers: list[subprocess.Popen] = []
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(workers)
    finally:
        for worker in workers:
            process_stop(worker)
        from django.db import connections

        connections.close_all()
        process_stop(redis_process)
        if database:
            database_drop(*database)
        shutil.rmtree(TMP, ignore_errors=True)


def make_decision(number: str, actor, campaign, unit, award):
    """N nominations awaiting the Director (inserted in that state: their history is set-up, not
    measured) and the decision drafted over them as the Director's page does it."""
    import datetime

    from commendations.campaigns.models import Authority
    from commendations.decisions.services import decision_create
    from commendations.nominations.models import Nomination, NominationState

    rows = [
        Nomination(
            campaign=campaign,
            unit=unit,
            award_type=award,
            nominee_kind="individual" if i % 3 else "collective",
            nominee_name=f"Nguyễn Văn Thử {number.split('/')[0]}-{i:04d}",
            rank="Đại úy" if i % 3 else "",
            position="Đội trưởng" if i % 3 else "",
            workplace="Công an xã Ia Sao, huyện Ia Grai" if i % 3 else "",
            achievement_summary="Thành tích xuất sắc.",
            state=NominationState.AWAITING_DIRECTOR,
        )
        for i in range(N)
    ]
    created = Nomination.objects.bulk_create(rows, batch_size=500)
    return decision_create(
        actor=actor,
        authority=Authority.PROVINCIAL_DIRECTOR,
        number=number,
        date=datetime.date(2023, 3, 1),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in created],
    )


def pipeline(decision, actor, concurrency: int, workers: list) -> float:
    from commendations.actions.decisions import decision_issue
    from commendations.certificates.services import decision_progress

    worker = worker_start(
        name=f"bench{concurrency}", log=TMP / f"worker-{concurrency}.log", concurrency=concurrency
    )
    workers.append(worker)
    started = time.perf_counter()
    decision_issue(decision=decision, actor=actor)  # on_commit sends the chunks
    # Polled like the progress bar does, not in a tight loop that would take CPU from the worker.
    wait_until(lambda: decision_progress(decision)["pending"] == 0, 3600, "the batch", poll=0.5)
    elapsed = time.perf_counter() - started
    progress = decision_progress(decision)
    if progress["done"] != N:
        raise SystemExit(f"pipeline incomplete: {progress}")
    process_stop(worker)
    return elapsed


def run(workers: list) -> None:
    import datetime

    from django.conf import settings
    from django.contrib.auth.models import User
    from docxtpl import DocxTemplate

    from commendations.campaigns.models import AwardType, Campaign
    from commendations.ceremonies import printing
    from commendations.certificates import documents as certificates_documents
    from commendations.certificates.models import Certificate
    from commendations.documents import rendering as documents_rendering
    from commendations.units.models import Unit

    actor = User.objects.create_superuser("bench", "bench@example.test", "bench-password-1")
    unit = Unit.objects.create(code="BENCH", name="Công an huyện Thử", kind="district")
    award = AwardType.objects.get(code="GK-GD")  # seeded by the award catalogue migration
    campaign = Campaign.objects.create(
        name="Phong trào thử", year=2022, opens_on=datetime.date(2022, 1, 1),
        closes_on=datetime.date(2022, 12, 31), citation="Đã có thành tích xuất sắc",
    )  # fmt: skip
    campaign.award_types.add(award)
    template = documents_rendering.template_current("giay_khen")
    print(f"N={N} certificates, broker={settings.CELERY_BROKER_URL.split(':')[0]}, "
          f"database={settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")  # fmt: skip

    # P1, one worker process.
    first = make_decision("1/QĐ-BENCH", actor, campaign, unit, award)
    wall1 = pipeline(first, actor, 1, workers)

    # Baseline: bare docxtpl loop over the same template and the same contexts.
    certificates = list(
        Certificate.objects.filter(decision=first)
        .select_related("decision", "nomination__campaign", "nomination__award_type")
        .order_by("serial")
    )
    bare_dir = TMP / "bare"
    bare_dir.mkdir()
    source = TMP / "giay_khen.docx"
    source.write_bytes(documents_rendering.template_bytes(template))
    started = time.perf_counter()
    for i, certificate in enumerate(certificates):
        document = DocxTemplate(str(source))
        # The same content as the pipeline prints, QR code included (rows already loaded).
        context = certificates_documents.certificate_context(certificate)
        context = {k: v(document) if callable(v) else v for k, v in context.items()}
        document.render(context, autoescape=True)
        document.save(str(bare_dir / f"{i:05d}.docx"))
    bare_total = time.perf_counter() - started
    bare_each = bare_total / N

    # P1, two worker processes on the two cores.
    second = make_decision("2/QĐ-BENCH", actor, campaign, unit, award)
    wall2 = pipeline(second, actor, 2, workers)

    per_cert = wall1 / N
    p1_ratio = per_cert / bare_each
    p1_two = wall2 / (N * bare_each / 2)
    print(f"P1 bare render+save: {bare_each * 1000:.1f} ms/certificate ({bare_total:.1f} s)")
    print(f"P1 pipeline, 1 worker process: {per_cert * 1000:.1f} ms/certificate ({wall1:.1f} s)")
    print(f"P1 pipeline, 2 worker processes: wall {wall2:.1f} s; ideal (N x bare)/2 = "
          f"{N * bare_each / 2:.1f} s; ratio {p1_two:.2f} (target <= 1.3)")  # fmt: skip

    # P2: conversion + page check + merge of the N rendered certificates (render excluded).
    soffice = printing.soffice_binary()
    if soffice is None:
        print("P2 skipped: LibreOffice (soffice) is not installed")
        print(f"P1 ratio={p1_ratio:.3f}")
        print("P2 speedup=nan")
        print("P7 signing_overhead=nan")
        return
    paths = []
    src = TMP / "pack"
    src.mkdir()
    for order, certificate in enumerate(certificates, 1):
        path = src / f"{order:05d}_{certificate.registry_number}.docx"
        with certificate.file.open("rb") as handle:
            path.write_bytes(handle.read())
        paths.append(path)
    processes = settings.PRINT_PACK_SOFFICE_PROCESSES
    started = time.perf_counter()
    merged, pages = printing.build_pack_pdf(
        [path.read_bytes() for path in paths],
        TMP / "pack-pdf",
        soffice=soffice,
        processes=processes,
        chunk_size=settings.PRINT_PACK_CHUNK_SIZE,
    )
    pack_time = time.perf_counter() - started
    (TMP / "pack.pdf").write_bytes(merged)

    # Baseline: one soffice process per file, reusing one profile directory (warmed up first,
    # as on a desk where soffice has run before), so the baseline is not inflated by first starts.
    sample = paths[:P2_SAMPLE]
    profile = (TMP / "one-by-one-profile").as_uri()

    def one(path: Path) -> None:
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(TMP / "one-by-one"), str(path)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip

    one(paths[-1])
    started = time.perf_counter()
    for path in sample:
        one(path)
    one_each = (time.perf_counter() - started) / len(sample)
    baseline = one_each * N
    print(f"P2 print pack: {N} certificates, {pages} pages, chunks of "
          f"{settings.PRINT_PACK_CHUNK_SIZE}, {processes} LibreOffice processes: "
          f"{pack_time:.1f} s ({pack_time / N * 1000:.0f} ms/certificate)")  # fmt: skip
    print(f"P2 one soffice per file: {one_each:.2f} s/file on {len(sample)} files, "
          f"scaled to {N}: {baseline:.0f} s")  # fmt: skip
    print(f"P1 ratio={p1_ratio:.3f}")
    print(f"P2 speedup={baseline / pack_time:.1f}")
    p7(certificates[:P7_N])


def p7(certificates: list) -> None:
    """The seal's cost per certificate PDF (sealing and the one check whose summary the
    verification page shows, as the PDF task runs them), against the conversion of the same
    chunk."""
    from django.conf import settings

    from commendations.certificates.archived_pdfs import certificates_seal, seal_plan
    from commendations.demo.pki import pkcs12_write, pki_build
    from commendations.documents.libreoffice import docx_to_pdf
    from commendations.signatures.services import trust_root_add

    pki = pki_build("Benchmark")
    password = "bench-seal-password"
    pkcs12_write(
        pki.issue("Công an tỉnh Gia Lai", "Công an tỉnh Gia Lai"), TMP / "seal.p12", password
    )
    settings.SIGNING_PKCS12_PATH = str(TMP / "seal.p12")
    settings.SIGNING_PKCS12_PASSWORD = password
    settings.SIGNING_TSA_URL = ""  # no network: the timestamp's round trip is the TSA's
    trust_root_add(name="Benchmark Root CA", pem=pki.root.pem.decode(), actor=None)
    plan = seal_plan(certificates[0].decision)
    if plan.seal != "sealed":
        raise SystemExit(f"P7: the certificates would not be sealed ({plan.seal})")
    sources = {}
    for certificate in certificates:
        with certificate.file.open("rb") as handle:
            sources[str(certificate.pk)] = handle.read()
    docx_to_pdf(dict(list(sources.items())[:1]), pdfa=True)  # a first start, not measured

    def convert() -> dict[str, bytes]:
        return docx_to_pdf(sources, pdfa=True, timeout=600)

    # The conversion is the same with or without the seal (the seal is added to its output):
    # with = conversion + sealing. Medians of the rounds, alternated, so drift hits both alike.
    conversions, sealings = [], []
    for _ in range(P7_ROUNDS):
        started = time.perf_counter()
        pdfs = convert()
        conversions.append(time.perf_counter() - started)
        started = time.perf_counter()
        certificates_seal(
            {int(pk): content for pk, content in pdfs.items()}, certificates, plan
        )  # what the PDF task runs: seal each, check each once
        sealings.append(time.perf_counter() - started)
    count = len(certificates)
    without = statistics.median(conversions) / count
    sealing = statistics.median(sealings) / count
    with_seal = without + sealing
    print(f"P7 {count} certificates, one LibreOffice run (PDF/A-2b): "
          f"{without * 1000:.0f} ms/certificate without the seal, "
          f"{with_seal * 1000:.0f} ms/certificate with it "
          f"(sealing {sealing * 1000:.0f} ms)")  # fmt: skip
    print(f"P7 signing_overhead={(with_seal - without) / without:.3f}")


if __name__ == "__main__":
    main()
