"""(t) Rendering a training edition: the ~60-page participant book (WeasyPrint) and the reading version.

Builds, in the benchmark's own database, a package written in Bahasa Indonesia (eight modules of
four sessions, each with activities, a handout with a table, facilitator notes and questions; the
sentences are this project's own, combined deterministically), releases it as an edition (the
snapshot, not timed), then renders the participant book (A4), the same book on A5 with 3 mm bleed
and crop marks, and the reading version, each several times, every run in a fresh Python process
(imports, fonts and hyphenation dictionaries loaded as a worker would the first time). A run reports
the layout and write stages apart (WeasyPrint's two stages: the progress bar's 10 -> 60 -> 100),
pages, pages per second and the peak memory of its process. Goal: the 60-page book in < 10 s.

On its own (`python -m bench training_render`) it uses a SQLite file in var/bench/ and needs no
PostgreSQL: the rendering reads the snapshot only, so the database plays no part in the figures.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SQLITE = ROOT / "var" / "bench" / "training_render.sqlite3"
GOAL_SECONDS = 10.0
MODULES, SESSIONS = 8, 4
BENCH_PASSWORD = "bench-only-" + "password-123"  # a throw-away database

SENTENCES = [
    "Setiap pekerja berhak membentuk dan menjadi anggota serikat pekerja tanpa tekanan dari pengusaha.",
    "Undang-Undang Nomor 21 Tahun 2000 menjamin kebebasan berserikat bagi pekerja di semua sektor.",
    "Perundingan bersama adalah cara pekerja dan pengusaha menyepakati syarat kerja secara setara.",
    "Perjanjian kerja bersama memuat hak dan kewajiban kedua belah pihak selama masa berlakunya.",
    "Pengurus PUK perlu mencatat setiap keluhan anggota dan menindaklanjutinya dengan tertib.",
    "Tindakan anti-serikat, seperti mutasi mendadak atau pemutusan hubungan kerja, harus didokumentasikan.",
    "Keselamatan dan kesehatan kerja bukan hadiah dari perusahaan, melainkan hak setiap pekerja.",
    "Alat pelindung diri harus disediakan oleh pengusaha tanpa memotong upah pekerja.",
    "Panitia pembina keselamatan dan kesehatan kerja wajib melibatkan wakil serikat pekerja.",
    "Pekerja perempuan berhak atas cuti melahirkan dan waktu menyusui yang dijamin undang-undang.",
    "Kesetaraan gender berarti kesempatan yang sama dalam rekrutmen, upah, pelatihan dan promosi.",
    "Pelecehan di tempat kerja harus dapat dilaporkan melalui saluran yang aman dan rahasia.",
    "Peserta diajak menceritakan pengalaman mereka sendiri sebelum membahas aturan yang berlaku.",
    "Fasilitator mencatat pendapat kelompok di kertas plano agar semua peserta dapat melihatnya.",
    "Diskusi kelompok kecil memberi ruang bagi peserta yang jarang berbicara di forum besar.",
    "Studi kasus diambil dari perselisihan nyata di kawasan industri Bekasi, Karawang dan Tangerang.",
    "Setiap kelompok menyusun rencana tindak lanjut yang dapat dijalankan di unit kerjanya.",
    "Upah minimum kabupaten atau kota ditetapkan setiap tahun setelah mendengar dewan pengupahan.",
    "Pekerja kontrak dan alih daya juga berhak berserikat dan dilindungi oleh perjanjian kerja bersama.",
    "Mogok kerja adalah hak dasar yang harus dilaksanakan secara sah, tertib dan damai.",
    "Serikat yang kuat dibangun dari anggota yang memahami hak, kewajiban dan organisasinya.",
    "Pendidikan anggota dilakukan berjenjang, dari tingkat PUK sampai tingkat konfederasi.",
    "Data anggota dijaga kerahasiaannya sesuai Undang-Undang Pelindungan Data Pribadi.",
    "Hasil pelatihan dievaluasi dengan pertanyaan sebelum dan sesudah sesi berlangsung.",
]
TOPICS = [
    "Hak Dasar Pekerja dan Kebebasan Berserikat",
    "Membangun dan Mengelola Serikat di Tempat Kerja",
    "Perundingan Bersama dan Perjanjian Kerja Bersama",
    "Menghadapi Tindakan Anti-Serikat",
    "Keselamatan dan Kesehatan Kerja di Pabrik",
    "Kesetaraan Gender dan Inklusi",
    "Upah, Jam Kerja dan Jaminan Sosial",
    "Rencana Tindak Lanjut dan Evaluasi",
]
METHODS = ["group_discussion", "case_study", "role_play", "brainstorm", "simulation", "interactive_talk"]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "<p>" + " ".join(rng.choice(SENTENCES) for _ in range(sentences)) + "</p>"


def build_package(seed: int = 5) -> Any:
    """The benchmark package (about 60 pages as a participant book on A4), approved, in the current
    database; one confederation and one administrator are made first when there are none."""
    from django.db import transaction

    from serikat.accounts.models import User
    from serikat.organisation.bootstrap import bootstrap_confederation
    from serikat.organisation.models import Unit
    from serikat.training.models import (
        AssessmentQuestion,
        GlossaryTerm,
        LearningObjective,
        Module,
        Package,
        Session,
        Stage,
    )

    rng = random.Random(seed)
    with transaction.atomic():
        root = Unit.objects.filter(depth=1).first()
        if root is None:
            root = bootstrap_confederation(
                code="KSPI",
                name="Konfederasi Serikat Pekerja Indonesia",
                admin_username="bench-admin",
                admin_password=BENCH_PASSWORD,
            )
        admin = User.objects.filter(grants__unit=root, grants__role__code="administrator").first()
        Package.objects.filter(code="BENCH-60").update(code=f"BENCH-{int(time.time())}")
        package = Package.objects.create(
            unit=root,
            code="BENCH-60",
            title="Hak-Hak Dasar Pekerja: Buku Pelatihan",
            theme="foa",
            audience="Pengurus dan anggota PUK, pelatih federasi",
            summary=_paragraph(rng, 6) + _paragraph(rng, 5),
            implementation_guide="".join(_paragraph(rng, 6) for _ in range(6)),
            stated_minutes=MODULES * SESSIONS * 60,
            stage=Stage.APPROVED,
            created_by=admin,
        )
        objectives = [
            LearningObjective.objects.create(package=package, position=i, text=topic)
            for i, topic in enumerate(TOPICS, start=1)
        ]
        for term, definition in [
            ("PKB", "Perjanjian kerja bersama antara serikat pekerja dan pengusaha."),
            ("PUK", "Pimpinan unit kerja: serikat di tingkat perusahaan."),
            ("K3", "Keselamatan dan kesehatan kerja."),
            ("UMK", "Upah minimum kabupaten atau kota."),
        ]:
            GlossaryTerm.objects.create(package=package, term=term, definition=definition)
        for m, topic in enumerate(TOPICS[:MODULES], start=1):
            module = Module.objects.create(
                package=package,
                position=m,
                title=topic,
                introduction=_paragraph(rng, 6) + _paragraph(rng, 5) + _paragraph(rng, 5),
            )
            for s in range(1, SESSIONS + 1):
                handout = (
                    _paragraph(rng, 4)
                    + "<table><thead><tr><th>Hak</th><th>Dasar hukum</th><th>Yang dilakukan serikat</th></tr></thead>"
                    + "<tbody>"
                    + "".join(
                        f"<tr><td>{rng.choice(TOPICS)}</td><td>UU 21/2000 Pasal {rng.randint(5, 43)}</td>"
                        f"<td>{rng.choice(SENTENCES)}</td></tr>"
                        for _ in range(3)
                    )
                    + "</tbody></table>"
                )
                session = Session.objects.create(
                    module=module,
                    position=s,
                    title=f"{topic.split(' ')[0]} {s}: {rng.choice(SENTENCES)[:48].rstrip(' ,.')}",
                    duration_minutes=60,
                    method=METHODS[(m + s) % len(METHODS)],
                    activities="".join(_paragraph(rng, 6) for _ in range(3))
                    + "<ol>"
                    + "".join(f"<li>{rng.choice(SENTENCES)}</li>" for _ in range(4))
                    + "</ol>",
                    materials="Kertas plano\nSpidol warna\nSelotip kertas\nSalinan bahan bacaan",
                    handout=handout,
                    facilitator_notes=_paragraph(rng, 4),
                )
                session.objectives.set([objectives[m - 1]])
                for q in range(1, 3):
                    AssessmentQuestion.objects.create(
                        session=session,
                        position=q,
                        kind="choice" if q == 2 else "open",
                        text=rng.choice(SENTENCES).rstrip(".") + "?",
                        options=["Benar", "Salah", "Tidak tahu"] if q == 2 else [],
                        answer_guide=rng.choice(SENTENCES),
                    )
    return package, admin


# --- one render in a fresh process ------------------------------------------------------------


def _child(edition_id: int, kind: str, paper: str, bleed: int, marks: bool) -> None:
    """Runs in the fresh process: render once, print one JSON line."""
    started = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    from serikat.training.documents.render import Variant, _fonts_and_images_only, book_html, reading_html
    from serikat.training.models import Edition

    edition = Edition.objects.get(pk=edition_id)
    facts = {"number": edition.number, "released_at": edition.released_at.isoformat()}
    imported = time.perf_counter()
    figures: dict[str, Any] = {"setup_s": round(imported - started, 3)}
    with translation.override(edition.snapshot.get("language", "id")):
        if kind == "reading":
            c0, t0 = time.process_time(), time.perf_counter()
            html = reading_html(edition.snapshot, edition=facts)
            figures.update(
                render_s=round(time.perf_counter() - t0, 3),
                render_cpu_s=round(time.process_time() - c0, 3),
                bytes=len(html.encode()),
                pages=None,
            )
        else:
            from weasyprint import HTML

            c0, t0 = time.process_time(), time.perf_counter()
            html = book_html(edition.snapshot, edition=facts, variant=Variant(kind, paper, bleed, marks))
            t1 = time.perf_counter()
            document = HTML(string=html, url_fetcher=_fonts_and_images_only()).render()
            t2 = time.perf_counter()
            pdf = document.write_pdf()
            t3 = time.perf_counter()
            figures.update(
                template_s=round(t1 - t0, 3),
                layout_s=round(t2 - t1, 3),
                write_s=round(t3 - t2, 3),
                render_s=round(t3 - t0, 3),
                render_cpu_s=round(time.process_time() - c0, 3),
                pages=len(document.pages),
                bytes=len(pdf),
            )
    figures["process_s"] = round(time.perf_counter() - started, 3)
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print("RESULT " + json.dumps(figures), flush=True)


def _fresh_run(edition_id: int, kind: str, paper: str = "a4", bleed: int = 0, marks: bool = False) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.training_render", "--child", str(edition_id), kind, paper, str(bleed)]
    if marks:
        command.append("--marks")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    line = next((row for row in done.stdout.splitlines() if row.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"bench: the render process failed:\n{done.stderr[-3000:]}")
    return json.loads(line.removeprefix("RESULT "))


def _median(rows: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(row[key] for row in rows), 3)


def _environment(database: str) -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "commit": commit,
        "python": platform.python_version(),
        "database": database,
        "cpus": os.cpu_count(),
        "host": platform.node(),
    }


def run(*, runs: int, env: dict[str, Any]) -> dict[str, Any]:
    """Build and release the package in the current database, then time the renders."""
    from bench.harness import heading, record
    from serikat.training.documents.render import renderer_label
    from serikat.training.services_editions import release_edition

    heading(
        "Training edition: the participant book (A4; A5 with bleed and marks) and the reading version, "
        f"{runs} fresh processes each"
    )
    package, admin = build_package()
    started = time.perf_counter()
    edition = release_edition(actor=admin, package=package, release_notes="Benchmark")
    size_kb = len(json.dumps(edition.snapshot)) / 1024
    print(
        f"  package of {MODULES} modules x {SESSIONS} sessions released as edition {edition.number} "
        f"(snapshot {size_kb:.0f} kB) in {time.perf_counter() - started:.2f} s"
    )
    print(f"  renderer: {renderer_label(edition.renderer)}")
    # A shared machine slows the wall clock, not the CPU time a render needs: both are reported.
    results: dict[str, Any] = {
        "runs": runs,
        "renderer": renderer_label(edition.renderer),
        "load_average_before": round(os.getloadavg()[0], 2),
    }
    for label, args in (
        ("book_a4", ("participant_book", "a4", 0, False)),
        ("book_a5_bleed_marks", ("participant_book", "a5", 3, True)),
        ("reading", ("reading", "screen", 0, False)),
    ):
        rows = [_fresh_run(edition.pk, *args) for _ in range(runs)]
        figures: dict[str, Any] = {
            "render_s_median": _median(rows, "render_s"),
            "render_s_min": min(r["render_s"] for r in rows),
            "render_s_max": max(r["render_s"] for r in rows),
            "render_cpu_s_median": _median(rows, "render_cpu_s"),
            "process_s_median": _median(rows, "process_s"),
            "peak_mb_max": max(r["peak_mb"] for r in rows),
            "bytes": rows[0]["bytes"],
        }
        if rows[0]["pages"]:
            figures.update(
                pages=rows[0]["pages"],
                layout_s_median=_median(rows, "layout_s"),
                write_s_median=_median(rows, "write_s"),
                pages_per_s=round(rows[0]["pages"] / figures["render_s_median"], 1),
            )
            print(
                f"  {label:<20} {figures['pages']:>3} pages  render median {figures['render_s_median']:.2f} s "
                f"(min {figures['render_s_min']:.2f}, max {figures['render_s_max']:.2f}; layout "
                f"{figures['layout_s_median']:.2f} + write {figures['write_s_median']:.2f}; CPU "
                f"{figures['render_cpu_s_median']:.2f} s)  "
                f"{figures['pages_per_s']:.1f} pages/s  process {figures['process_s_median']:.2f} s  "
                f"peak {figures['peak_mb_max']:.0f} MB  PDF {figures['bytes'] / 2**20:.2f} MB"
            )
        else:
            print(
                f"  {label:<20}   -        render median {figures['render_s_median']:.3f} s "
                f"(min {figures['render_s_min']:.3f}, max {figures['render_s_max']:.3f})  process "
                f"{figures['process_s_median']:.2f} s  peak {figures['peak_mb_max']:.0f} MB  HTML "
                f"{figures['bytes'] / 1024:.0f} kB"
            )
        results[label] = figures
    book = results["book_a4"]
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    print(f"  load average (1 min) before {results['load_average_before']}, after {results['load_average_after']}")
    cpu_verdict = "meets" if book["render_cpu_s_median"] < GOAL_SECONDS else "MISSES"
    print(f"  {cpu_verdict} on CPU time: {book['render_cpu_s_median']:.2f} s of CPU for the {book['pages']}-page book")
    verdict = "meets" if book["render_s_median"] < GOAL_SECONDS else "MISSES"
    print(
        f"\n  {verdict}: the {book['pages']}-page book in < {GOAL_SECONDS:.0f} s "
        f"(median {book['render_s_median']:.2f} s)"
    )
    record("training_render", results, env)
    return results


def standalone(*, runs: int) -> dict[str, Any]:
    """`python -m bench training_render`: a fresh SQLite database of its own, migrated, then run()."""
    SQLITE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(SQLITE.parent / "media")
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  SQLite database {SQLITE.relative_to(ROOT)} migrated in {time.perf_counter() - started:.1f} s")
    return run(runs=runs, env=_environment("sqlite"))


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), "--marks" in sys.argv)
    else:
        raise SystemExit("run it as: python -m bench training_render")
