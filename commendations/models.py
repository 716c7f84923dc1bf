"""Django looks for the app's models here; they live in the domain packages. Import a model
from its package (`commendations.nominations.models`), never from this module."""

from commendations.annual_titles import models as annual_titles_models  # noqa: F401
from commendations.campaigns import models as campaigns_models  # noqa: F401
from commendations.ceremonies import models as ceremonies_models  # noqa: F401
from commendations.certificates import models as certificates_models  # noqa: F401
from commendations.committee import models as committee_models  # noqa: F401
from commendations.decisions import models as decisions_models  # noqa: F401
from commendations.documents import models as documents_models  # noqa: F401
from commendations.due import models as due_models  # noqa: F401
from commendations.eligibility import models as eligibility_models  # noqa: F401
from commendations.long_service import models as long_service_models  # noqa: F401
from commendations.nominations import models as nominations_models  # noqa: F401
from commendations.notifications import models as notifications_models  # noqa: F401
from commendations.signatures import models as signatures_models  # noqa: F401
from commendations.tokens import models as tokens_models  # noqa: F401
from commendations.units import models as units_models  # noqa: F401
