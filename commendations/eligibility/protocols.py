"""What eligibility reads of a nomination, as a Protocol. The `Nomination` model (in
`commendations.nominations`, a layer above) satisfies it; eligibility never imports that model,
not even for type checkers, so nominations → eligibility is the only direction. The model class
answers the class-level questions (`type(nomination).QUOTA_STATES`, `.objects`)."""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol

from commendations.campaigns.models import AwardType, Campaign
from commendations.units.models import Unit


class NominationLike(Protocol):
    # The states in which a nomination holds its achievement and its initiatives.
    HOLDING_STATES: ClassVar[Sequence[str]]
    # By stage ("submission", "recommendation"): the states that use a unit's quota.
    QUOTA_STATES: ClassVar[Mapping[str, Sequence[str]]]
    objects: ClassVar[Any]

    pk: Any
    state: str
    campaign: Campaign
    campaign_id: int
    award_type: AwardType
    award_type_id: int
    unit: Unit
    unit_id: int
    nominee_unit_id: int | None
    nominee_name: str
    # A dossier with state secrets follows the simplified procedure (no achievement report).
    contains_state_secrets: bool
    # A sudden feat under the simplified procedure: the same short dossier.
    simplified_procedure: bool

    @property
    def is_individual(self) -> bool: ...

    @property
    def is_under_review(self) -> bool: ...
