"""Demo training packages: `seed_demo` calls `seed_training` to load the three packages of
serikat.demo.training_content and walk them through the production chain, every step through the
training services as the people who would do it (so the audit log reads like real work):

* the confederation's education department (`demo-pendidikan`) writes the three packages and records
  the two production-group meetings, their participants and inputs, linked to the sections they shaped;
* reviewers comment in review rounds (`demo-pelatih`, the federation's secretariat) and the author
  resolves some threads;
* Kebebasan Berserikat is aligned, approved and released as edition 1 by the publisher
  (`demo-penerbit`); 5,000 participant books are printed and delivered to KSPI and consigned to every
  federation (two received, two shipped, one planned); FSPMI passes copies on to four plant unions,
  one of them received by the demo PUK (`demo-puk`); a trainer's feedback is accepted (it shows in the
  next draft of its section) and a participant's is still new;
* K3 waits at the alignment stage with problems left to fix; Gender Equality is being drafted.

Releasing queues the edition's documents as background tasks (serikat.training.tasks): with the
database backend of `make setup` they are rendered when `make worker` runs, so seeding stays fast and
the edition page shows them queued until then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model

from serikat.accounts.models import Grant, Role
from serikat.demo.training_content import MEETINGS, PACKAGES
from serikat.organisation.models import Sector, Unit
from serikat.training import services_distribution as distribution
from serikat.training import services_feedback as feedback
from serikat.training import services_packages as packages
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.models import Feedback, Package, Rendition, Stage
from serikat.training.services_editions import release_edition

# Logins for the training screens (the same password as the other demo logins).
TRAINING_LOGINS = [
    # username, first name, last name, role, unit ("PUK": the demo plant union)
    ("demo-pendidikan", "Bidang Pendidikan", "KSPI", "training_author", "KSPI"),
    ("demo-penerbit", "Penerbit", "KSPI", "training_publisher", "KSPI"),
    ("demo-pelatih", "Pelatih", "PUK", "trainer", "PUK"),
]
PRINT_RUN_COPIES = 5_000
# Participant books from KSPI to each federation, and what became of each consignment.
TO_FEDERATIONS = [
    ("FSPMI", 2_000, "received"),
    ("SPN", 1_000, "received"),
    ("ASPEK", 500, "shipped"),
    ("FSPKEP", 500, "shipped"),
    ("FARKES", 400, "planned"),
]
TO_PLANTS = 4  # FSPMI passes copies on to this many plant unions, the demo PUK first
COPIES_PER_PLANT = 60


def _log(stdout: Any, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _demo_logins(puk: Unit) -> dict[str, Any]:
    """The training logins (created once), with their grants."""
    from serikat.demo.builder import DEMO_PASSWORD

    user_model = get_user_model()
    roles = {role.code: role for role in Role.objects.filter(code__in=[row[3] for row in TRAINING_LOGINS])}
    kspi = Unit.objects.get(code="KSPI")
    users = {}
    for username, first, last, role, unit_code in TRAINING_LOGINS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username, first_name=first, last_name=last, email=f"{username}@demo.serikat.test"
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            Grant.objects.create(user=user, role=roles[role], unit=puk if unit_code == "PUK" else kspi)
        users[username] = user
    return users


def _user(username: str, fallback: Any) -> Any:
    return get_user_model().objects.filter(username=username).first() or fallback


def seed_training(*, actor: Any, stdout: Any = None) -> dict[str, int]:
    """Load the demo packages and their production chain through the services (see the module
    docstring). `actor` acts where no demo login fits (the administrator). Running it again adds
    nothing."""
    kspi = Unit.objects.filter(depth=1).order_by("path").first()
    if kspi is None or Package.objects.filter(unit=kspi, code=PACKAGES[0]["code"]).exists():
        return {"skipped": 1}
    puk_login = _user("demo-puk", None)
    grant = Grant.objects.filter(user=puk_login).select_related("unit").first() if puk_login else None
    puk = grant.unit if grant else Unit.objects.filter(code__startswith="FSPMI-PUK-").order_by("code").first()
    users = _demo_logins(puk)
    author, publisher, trainer = users["demo-pendidikan"], users["demo-penerbit"], users["demo-pelatih"]
    federations = {unit.code: unit for unit in Unit.objects.filter(depth=2)}
    fspmi_officer = _user("demo-fspmi", actor)
    sectors = {sector.code: sector for sector in Sector.objects.all()}

    written = {content["code"]: _write_package(author, kspi, content) for content in PACKAGES}
    _log(stdout, f"Training: {len(written)} packages written")
    inputs = _record_meetings(author, kspi, written, federations, sectors)
    foa, osh, gender = (written[content["code"]] for content in PACKAGES)

    # Kebebasan Berserikat: reviewed by the production group, aligned, approved, released.
    threads = _review_foa(author, trainer, fspmi_officer, foa)
    for stage in (Stage.PRODUCTION_REVIEW, Stage.FINALISATION, Stage.ALIGNMENT):
        packages.move_stage(actor=author, package=foa.package, to_stage=stage)
    packages.move_stage(
        actor=publisher, package=foa.package, to_stage=Stage.APPROVED, note="Selaras; siap diterbitkan."
    )
    edition = release_edition(
        actor=publisher,
        package=foa.package,
        release_notes="Edisi pertama, hasil pertemuan kelompok produksi 17 September dan 2 Oktober 2025.",
    )
    consignments = _distribute(publisher, fspmi_officer, actor, kspi, federations, puk, edition)
    _feedback(trainer, publisher, puk, edition, foa)

    # K3 waits at alignment with problems to fix; Gender Equality is being drafted and reviewed.
    for stage in (Stage.PRODUCTION_REVIEW, Stage.FINALISATION, Stage.ALIGNMENT):
        packages.move_stage(actor=author, package=osh.package, to_stage=stage)
    review.open_thread(
        actor=trainer,
        module=gender.modules[1],
        session=gender.sessions[1][1],
        body="Tambahkan contoh pelecehan lewat grup WhatsApp kerja; itu yang paling sering dilaporkan anggota kami.",
    )
    _log(stdout, f"Training: edition 1 of {foa.package.code} released, {consignments} consignments")
    return {
        "packages": len(written),
        "meeting_inputs": inputs,
        "threads": threads + 1,
        "editions": 1,
        "print_runs": 1,
        "consignments": consignments,
        "feedback": 2,
    }


class _Written:
    """A package as written, with its modules and sessions in order (to link inputs and threads)."""

    def __init__(self, package: Package):
        self.package = package
        self.modules: list[Any] = []
        self.sessions: list[list[Any]] = []


def _write_package(author: Any, kspi: Unit, content: dict[str, Any]) -> _Written:
    package = packages.create_package(
        actor=author,
        unit=kspi,
        code=content["code"],
        title=content["title"],
        theme=content["theme"],
        audience=content["audience"],
        summary=content["summary"],
        implementation_guide=content["implementation_guide"],
        stated_minutes=content["stated_minutes"],
    )
    written = _Written(package)
    objectives = [packages.add_objective(actor=author, package=package, text=text) for text in content["objectives"]]
    for term in content["terms"]:
        packages.add_term(
            actor=author,
            package=package,
            term=term["term"],
            definition=term["definition"],
            variants="\n".join(term["variants"]),
        )
    for module_content in content["modules"]:
        module = packages.add_module(
            actor=author, package=package, title=module_content["title"], introduction=module_content["introduction"]
        )
        written.modules.append(module)
        written.sessions.append([])
        for session_content in module_content["sessions"]:
            session = packages.add_session(
                actor=author,
                module=module,
                title=session_content["title"],
                duration_minutes=session_content["minutes"],
                method=session_content["method"],
                activities=session_content["activities"],
                materials=session_content["materials"],
                handout=session_content["handout"],
                facilitator_notes=session_content["notes"],
                objectives=[objectives[index] for index in session_content["objectives"]],
            )
            written.sessions[-1].append(session)
            for question in session_content["questions"]:
                packages.add_question(
                    actor=author,
                    session=session,
                    kind=question["kind"],
                    text=question["text"],
                    options=question["options"],
                    answer_guide=question["answer"],
                )
    return written


def _record_meetings(
    author: Any, kspi: Unit, written: dict[str, _Written], federations: dict[str, Unit], sectors: dict[str, Sector]
) -> int:
    """The two production-group meetings, their participants (TTM alumni from the trainer pool) and
    their inputs, each linked to the sections it shaped."""
    pool: dict[str, Any] = {}
    count = 0
    for content in MEETINGS:
        meeting = production.record_meeting(
            actor=author,
            unit=kspi,
            kind=content["kind"],
            title=content["title"],
            held_on=datetime.date.fromisoformat(content["held_on"]),
            place=content["place"],
            summary=content["summary"],
            packages=[written[code].package for code in content["packages"]],
        )
        people = {}
        for person in content["participants"]:
            unit = federations.get(person["unit"]) if person["unit"] else None
            sector = sectors.get(person["sector"]) if person["sector"] else None
            if person["trainer"] and person["name"] not in pool:
                pool[person["name"]] = production.record_trainer(
                    actor=author,
                    unit=unit or kspi,
                    name=person["name"],
                    sector=sector,
                    ttm_completed_on=datetime.date(2024, 11, 8),
                )
            people[person["name"]] = production.add_participant(
                actor=author,
                meeting=meeting,
                name=person["name"],
                role=person["role"],
                unit=unit,
                sector=sector,
                trainer=pool.get(person["name"]) if person["trainer"] else None,
            )
        for item in content["inputs"]:
            recorded = production.record_input(
                actor=author,
                meeting=meeting,
                kind=item["kind"],
                text=item["text"],
                sector=sectors.get(item["sector"]) if item["sector"] else None,
                raised_by=people.get(item["raised_by"]),
            )
            count += 1
            for code, module_index, session_index in item["links"]:
                target = written[code]
                production.link_input(
                    actor=author,
                    input=recorded,
                    module=target.modules[module_index],
                    session=None if session_index is None else target.sessions[module_index][session_index],
                )
    return count


def _review_foa(author: Any, trainer: Any, federation_reviewer: Any, foa: _Written) -> int:
    """One review round of the production group: three threads, two of them resolved by the author."""
    review_round = review.open_review_round(actor=author, package=foa.package, title="Tinjauan kelompok produksi")
    first = review.open_thread(
        actor=trainer,
        module=foa.modules[1],
        session=foa.sessions[1][2],
        body="Kasus B terlalu mirip dengan pabrik kami; ganti nama bagian agar peserta tidak merasa ditunjuk.",
    )
    review.reply_to_thread(
        actor=author, thread=first, body="Setuju, bagian diganti menjadi operator jahit tanpa nama pabrik."
    )
    review.resolve_thread(actor=author, thread=first, resolution="Kasus B disamarkan.")
    second = review.open_thread(
        actor=federation_reviewer,
        module=foa.modules[2],
        session=foa.sessions[2][0],
        body="Tabel tenggat perlu menyebut bahwa kasasi hanya untuk perselisihan hak dan PHK.",
    )
    review.resolve_thread(actor=author, thread=second, resolution="Catatan ditambahkan pada baris kasasi.")
    review.open_thread(
        actor=trainer,
        module=foa.modules[3],
        body="Bisakah modul 4 diberi contoh pesan WhatsApp untuk pekerja alih daya di sektor ritel?",
    )
    review.close_review_round(actor=author, round=review_round)
    return 3


def _distribute(
    publisher: Any,
    fspmi_officer: Any,
    actor: Any,
    kspi: Unit,
    federations: dict[str, Unit],
    puk: Unit,
    edition: Any,
) -> int:
    """The print run and the consignments: KSPI to every federation, FSPMI to four plant unions."""
    today = distribution.today()
    book = Rendition.Kind.PARTICIPANT_BOOK
    run = distribution.record_print_run(
        actor=publisher,
        edition=edition,
        unit=kspi,
        kind=book,
        printer="Percetakan Mitra Aksara (fiktif), Jakarta Timur",
        quantity=PRINT_RUN_COPIES,
        cost_amount=PRINT_RUN_COPIES * 18_500,
        ordered_on=today,
        note="A4, sampul 230 gram, isi HVS 70 gram",
    )
    distribution.mark_print_run_delivered(actor=publisher, print_run=run, delivered_on=today)
    rows = [(federations[code], copies, fate) for code, copies, fate in TO_FEDERATIONS if code in federations]
    planned = distribution.plan_consignments(
        actor=publisher,
        edition=edition,
        from_unit=kspi,
        kind=book,
        allocations=[(unit, copies) for unit, copies, _fate in rows],
    )
    receivers = {"FSPMI": fspmi_officer, "SPN": _user("demo-spn", actor)}
    for consignment, (unit, _copies, fate) in zip(planned, rows, strict=True):
        if fate == "planned":
            continue
        distribution.ship_consignment(
            actor=publisher, consignment=consignment, shipped_on=today, carrier="JNE Kargo (fiktif)"
        )
        if fate == "received":
            distribution.confirm_receipt(
                actor=receivers[unit.code],
                consignment=consignment,
                received_quantity=consignment.quantity,
                received_on=today,
            )
    others = Unit.objects.filter(code__startswith="FSPMI-PUK-").exclude(pk=puk.pk).order_by("code")
    plants = [puk, *others[: TO_PLANTS - 1]]
    onward = distribution.plan_consignments(
        actor=fspmi_officer,
        edition=edition,
        from_unit=federations["FSPMI"],
        kind=book,
        allocations=[(plant, COPIES_PER_PLANT) for plant in plants[:TO_PLANTS]],
    )
    for consignment in onward:
        distribution.ship_consignment(actor=fspmi_officer, consignment=consignment, shipped_on=today)
    distribution.confirm_receipt(
        actor=_user("demo-puk", actor),
        consignment=onward[0],
        received_quantity=COPIES_PER_PLANT,
        received_on=today,
    )
    return len(planned) + len(onward)


def _feedback(trainer: Any, publisher: Any, puk: Unit, edition: Any, foa: _Written) -> None:
    """A trainer's note, accepted (it shows in the next draft until addressed), and a participant's, new."""
    module, session = foa.modules[2], foa.sessions[2][0]
    item = feedback.send_feedback(
        actor=trainer,
        edition=edition,
        unit=puk,
        module_id=module.pk,
        session_id=session.pk,
        from_role=Feedback.FromRole.TRAINER,
        body=(
            "Peserta meminta contoh risalah bipartit yang sudah diisi, bukan hanya daftar isinya; banyak "
            "pengurus baru belum pernah melihatnya."
        ),
    )
    feedback.triage_feedback(
        actor=publisher,
        feedback=item,
        decision=Feedback.Status.ACCEPTED,
        reason="Contoh risalah akan dilampirkan pada sesi 3.1 di edisi berikutnya.",
    )
    feedback.send_feedback(
        actor=_user("demo-puk", trainer),
        edition=edition,
        unit=puk,
        module_id=foa.modules[3].pk,
        session_id=foa.sessions[3][0].pk,
        from_role=Feedback.FromRole.PARTICIPANT,
        body=(
            "Kisah Rina sangat mirip dengan pengalaman kami di lini perakitan. Tolong tambah kisah dari pekerja "
            "alih daya."
        ),
    )
