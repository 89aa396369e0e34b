from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from serikat.core.errors import DomainError
from serikat.organisation.regions import load_regions


class Command(BaseCommand):
    help = "Load Indonesian provinces, regencies/cities and districts (Kemendagri codes). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.SERIKAT_REGIONS_DIR), help="Folder with the CSV files.")

    def handle(self, *args, **options):
        try:
            counts = load_regions(Path(options["dir"]))
        except DomainError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{kind}: {count}" for kind, count in sorted(counts.items()))
        self.stdout.write(f"Regions loaded ({summary}).")
