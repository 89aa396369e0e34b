from django.core.management.base import BaseCommand

from serikat.demo.builder import DEMO_PASSWORD, seed_demo
from serikat.organisation.models import Region
from serikat.organisation.regions import load_regions


class Command(BaseCommand):
    help = (
        "Build the demo confederation (KSPI, five federations, councils, plant unions, officers, logins) "
        "and, with --members, its member registry."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed builds the same demo.")
        parser.add_argument("--plants", type=int, default=2400, help="Number of plant-level unions (PUK).")
        parser.add_argument(
            "--members",
            type=int,
            default=0,
            help="Demo members spread over the plant unions (also added to an existing demo that has none).",
        )

    def handle(self, *args, **options):
        from django.conf import settings
        from django.core.management.base import CommandError

        if options["plants"] < 1:
            raise CommandError("--plants must be at least 1: the demo logins need a plant union in Jawa Barat.")
        if options["members"] < 0:
            raise CommandError("--members cannot be negative.")

        if not Region.objects.exists():
            load_regions(settings.SERIKAT_REGIONS_DIR)
        result = seed_demo(
            seed=options["seed"], plants=options["plants"], members=options["members"], stdout=self.stdout
        )
        if result.get("skipped"):
            self.stdout.write("A confederation already exists; the demo was not seeded again.")
            if options["members"]:
                self._members_only(options)
            return
        self.stdout.write(
            f"Demo seeded: {result['units']} units ({result['plants']} plant unions), {result['officers']} officer "
            f"terms, {result['employers']} employers, {result['workplaces']} workplaces."
        )
        if "members" in result:
            self._report_members(result["members"])
        self.stdout.write(
            f"Logins (password {DEMO_PASSWORD}): demo-admin, demo-fspmi, demo-spn, demo-dpw-jabar, demo-puk, "
            "demo-bendahara (treasurer of demo-puk's union), demo-bendahara-fspmi, "
            "demo-pendidikan (writes training packages), demo-penerbit (releases editions, distribution), "
            "demo-pelatih (trainer at demo-puk's union)"
        )
        self.stdout.write(f"demo-puk works at {result['demo_puk']} ({result['demo_puk_name']}).")

    def _members_only(self, options):
        from serikat.demo.members import seed_members

        members = seed_members(count=options["members"], seed=options["seed"], stdout=self.stdout)
        if members.get("skipped"):
            self.stdout.write("The registry already has members; no demo members were added.")
        else:
            self._report_members(members)
            from django.contrib.auth import get_user_model

            from serikat.accounts.models import Grant
            from serikat.demo.dues import seed_dues, seed_dues_history

            admin = get_user_model().objects.get(username="demo-admin")
            seed_dues(actor=admin, stdout=self.stdout)
            grant = Grant.objects.filter(user__username="demo-puk").select_related("unit").first()
            if grant is not None:
                seed_dues_history(actor=admin, puk=grant.unit, stdout=self.stdout)

    def _report_members(self, members):
        self.stdout.write(
            f"Members: {members['members']:,} ({members['memberships']:,} memberships, {members['active']:,} active, "
            f"{members['applicant']:,} applicants, {members['ended']:,} ended, "
            f"{members['conflicts']:,} dual-membership conflicts) in {members['seconds']:.1f} s."
        )
