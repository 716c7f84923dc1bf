"""“Lập Tờ trình và trình”: one action makes the Tờ trình (to the Minister for Bằng khen, to the
Director for Giấy khen) and forwards the nominations it lists, all or nothing.

The letter's checks (its number, date and signer; one authority; every nominee's dossier
complete) run before any document is made, so a refused letter leaves nothing behind; the
forward transitions run in the transaction that stores the letter, through the same
`nominations_forward` as the “Trình” button (guards, locks, audit rows, notifications), so a
forward refused (a nomination moved meanwhile) keeps no letter either. Nominations the letter
lists that were already forwarded stay where they are."""

import datetime
from collections.abc import Collection
from typing import Any

from commendations.actions.nominations import nominations_forward
from commendations.decisions.letters import submission_letter_create
from commendations.decisions.models import SubmissionLetter
from commendations.documents.signer import Signer
from commendations.nominations.models import Nomination, NominationState


def submission_letter_submit(
    *,
    actor: Any,
    nomination_ids: Collection[int],
    number: str,
    date: datetime.date,
    signer: Signer,
    comment: str = "",
) -> tuple[SubmissionLetter, list[Nomination]]:
    """The letter as stored, and the nominations forwarded with it."""
    forwarded: list[Nomination] = []

    def forward(letter: SubmissionLetter, chosen: list[Nomination]) -> None:
        waiting = [n for n in chosen if n.state == NominationState.RECOMMENDED]
        if waiting:
            forwarded.extend(
                nominations_forward(
                    nominations=waiting,
                    actor=actor,
                    comment=comment or str(letter),
                    expected_state=NominationState.RECOMMENDED,
                )
            )

    letter = submission_letter_create(
        actor=actor,
        nomination_ids=nomination_ids,
        number=number,
        date=date,
        signer=signer,
        then=forward,
    )
    return letter, forwarded
