"""Rows the edition tests share (no tests here): an approved package with modules, sessions,
objectives, questions and a glossary, written straight to the tables (the authoring screens are
tested on their own)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from serikat.training.models import (
    AssessmentQuestion,
    ContentImage,
    GlossaryTerm,
    LearningObjective,
    Module,
    Package,
    Session,
    Stage,
)

PARAGRAPH = (
    "Serikat pekerja adalah organisasi yang dibentuk dari, oleh, dan untuk pekerja di dalam maupun di luar "
    "perusahaan. Setiap pekerja berhak membentuk dan menjadi anggota serikat pekerja tanpa tekanan dari "
    "siapa pun, termasuk dari pengusaha. Perundingan bersama menghasilkan perjanjian kerja bersama yang "
    "mengikat kedua belah pihak."
)


def rich(paragraphs: int, lead: str = "") -> str:
    return "".join(f"<p>{lead}{PARAGRAPH}</p>" for _ in range(paragraphs))


def build_package(
    unit: Any,
    author: Any,
    *,
    code: str = "KB-01",
    title: str = "Kebebasan Berserikat",
    modules: int = 3,
    sessions: int = 2,
    paragraphs: int = 2,
    stage: str = Stage.APPROVED,
) -> Package:
    """An approved package: objectives, glossary, `modules` modules of `sessions` sessions each, every
    session with two questions (open and multiple choice) and rich text of `paragraphs` paragraphs."""
    package = Package.objects.create(
        unit=unit,
        code=code,
        title=title,
        theme="foa",
        audience="Pengurus dan anggota PUK",
        summary=rich(1, "Ringkasan. "),
        implementation_guide=rich(2, "Panduan pelaksanaan. "),
        stated_minutes=modules * sessions * 45,
        stage=stage,
        created_by=author,
    )
    objectives = [
        LearningObjective.objects.create(package=package, position=i, text=text)
        for i, text in enumerate(
            [
                "Menjelaskan hak pekerja untuk berserikat",
                "Menyusun langkah perundingan bersama",
                "Mengenali tindakan anti-serikat",
            ],
            start=1,
        )
    ]
    GlossaryTerm.objects.create(package=package, term="PKB", definition="Perjanjian kerja bersama.")
    GlossaryTerm.objects.create(package=package, term="PUK", definition="Pimpinan unit kerja.")
    for m in range(1, modules + 1):
        module = Module.objects.create(
            package=package,
            position=m,
            title=f"Hak Berserikat Bagian {m}",
            introduction=rich(paragraphs, "Pengantar. "),
        )
        for s in range(1, sessions + 1):
            session = Session.objects.create(
                module=module,
                position=s,
                title=f"Diskusi Kelompok {m}.{s}",
                duration_minutes=45,
                method="group_discussion",
                activities=rich(paragraphs, "Kegiatan. "),
                materials="Kertas plano\nSpidol",
                handout=rich(1, "Bahan bacaan. "),
                facilitator_notes="<p>Catatan pelatih: beri waktu refleksi.</p>",
            )
            session.objectives.set([objectives[(m + s) % len(objectives)]])
            AssessmentQuestion.objects.create(
                session=session, position=1, kind="open", text=f"Pertanyaan terbuka {m}.{s}?", answer_guide="Jawaban A."
            )
            AssessmentQuestion.objects.create(
                session=session,
                position=2,
                kind="choice",
                text=f"Pilihan ganda {m}.{s}?",
                options=["Benar", "Salah", "Tidak tahu"],
                answer_guide="Kunci: Benar.",
            )
    return package


def png_bytes(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny valid PNG (4 x 4 pixels of one colour), made without an imaging library."""
    import struct
    import zlib

    width = height = 4
    raw = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def add_image(package: Package, author: Any, data: bytes | None = None) -> ContentImage:
    import hashlib

    data = data or png_bytes()
    image = ContentImage.objects.create(
        package=package,
        file=SimpleUploadedFile("gambar.png", data, content_type="image/png"),
        content_type="image/png",
        width=4,
        height=4,
        sha256=hashlib.sha256(data).hexdigest(),
        alt_text="Gambar",
        uploaded_by=author,
    )
    return image
