"""The Rahai JSON API, mounted at /api/ (interactive docs at /api/docs)."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from rahai.api.auth import session_auth, token_auth
from rahai.api.errors import install_exception_handlers
from rahai.cases.api import router as cases_router
from rahai.cases.api_parts import router as parts_router
from rahai.committees.api import router as committees_router
from rahai.consent.api import router as consent_router
from rahai.exchange.api import router as exchange_router
from rahai.geo.api import router as geo_router
from rahai.justice.api import router as justice_router
from rahai.justice.api_laws import router as laws_router
from rahai.people.api import router as people_router
from rahai.referrals.api import router as referrals_router
from rahai.referrals.api_transfers import router as transfers_router
from rahai.support.api import router as support_router

DESCRIPTION = (
    "Case database for trafficking, smuggling and bonded labour cases. Authenticate with "
    "`Authorization: Bearer rh_…` (an API token) or a signed-in session. Every read of a "
    "case or person is audited. Errors are `application/problem+json` (RFC 7807)."
)

api = NinjaAPI(
    title="Rahai API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # "ninja" is in INSTALLED_APPS, so Swagger renders ninja/swagger.html with the Swagger UI
    # shipped in ninja/static/ninja/ (served by whitenoise) rather than the CDN template.
    docs=Swagger(settings={"persistAuthorization": False}),
    auth=[token_auth, session_auth],
)
install_exception_handlers(api)

api.add_router("/cases", cases_router)
api.add_router("/cases", parts_router)
api.add_router("/persons", people_router)
api.add_router("/referrals", referrals_router)
api.add_router("/exchange", exchange_router)
api.add_router("/committees", committees_router)
api.add_router("/transfers", transfers_router)
api.add_router("/support", support_router)
api.add_router("/", consent_router)
api.add_router("/", geo_router)
api.add_router("/", laws_router)
api.add_router("/", justice_router)
