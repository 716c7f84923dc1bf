"""Django's admin autodiscovery imports this module; each domain package registers its own."""

from commendations.campaigns import admin as campaigns_admin  # noqa: F401
from commendations.ceremonies import admin as ceremonies_admin  # noqa: F401
from commendations.certificates import admin as certificates_admin  # noqa: F401
from commendations.committee import admin as committee_admin  # noqa: F401
from commendations.decisions import admin as decisions_admin  # noqa: F401
from commendations.documents import admin as documents_admin  # noqa: F401
from commendations.eligibility import admin as eligibility_admin  # noqa: F401
from commendations.nominations import admin as nominations_admin  # noqa: F401
from commendations.signatures import admin as signatures_admin  # noqa: F401
from commendations.tokens import admin as tokens_admin  # noqa: F401
from commendations.units import admin as units_admin  # noqa: F401
