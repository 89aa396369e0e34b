"""The REST API: /api/v1/. Routers live in each app's api.py and are mounted here.

Every operation needs a personal token (`Authorization: Bearer srk_...`) or the signed-in browser
session; errors are problem+json (serikat.core.api). Interactive docs: /api/v1/docs.
"""

from serikat.accounts.api import router as accounts_router
from serikat.audit.api import router as audit_router
from serikat.core.api import BrowserSessionAuth, SerikatAPI, TokenAuth
from serikat.dues.api_authorisations import router as dues_authorisations_router
from serikat.dues.api_remittances import router as dues_remittances_router
from serikat.dues.api_reports import router as dues_reports_router
from serikat.dues.api_rules import router as dues_rules_router
from serikat.membership.api import router as membership_router
from serikat.membership.api_imports import router as imports_router
from serikat.organisation.api import router as organisation_router
from serikat.training.api_distribution import router as training_distribution_router
from serikat.training.api_editions import router as training_editions_router
from serikat.training.api_packages import router as training_packages_router
from serikat.training.api_production import router as training_production_router

api = SerikatAPI(
    title="Serikat API",
    version="1.0.0",
    description=(
        "The REST API of Serikat. Authenticate with a personal token (`Authorization: Bearer srk_...`, "
        "created under /api/v1/me/tokens from a signed-in browser) or the browser session (send the "
        "X-CSRFToken header on writes). Everything you list or fetch is limited to the units your "
        "grants cover; an id outside them answers 404, exactly like a missing one. Lists are keyset "
        "pages: follow `next_cursor` (there is no total count). Errors are RFC 9457 problem+json "
        "with field-level `errors`."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSessionAuth()],
)
api.add_router("", accounts_router)
api.add_router("", organisation_router)
api.add_router("", audit_router)
api.add_router("", membership_router)
api.add_router("", imports_router)
api.add_router("", dues_rules_router)
api.add_router("", dues_authorisations_router)
api.add_router("", dues_remittances_router)
api.add_router("", dues_reports_router)
api.add_router("", training_packages_router)
api.add_router("", training_production_router)
api.add_router("", training_editions_router)
api.add_router("", training_distribution_router)
