import datetime

import pytest

from commendations.units.models import Person, ServiceRecord

D = datetime.date


@pytest.fixture
def person_with(db):
    """A person with service records: person_with("male", (from, to, {fields}), …)."""
    counter = iter(range(1, 100_000))

    def build(sex: str, *records: tuple, **fields) -> Person:
        person = Person.objects.create(
            code=f"LS-{next(counter)}", full_name=fields.pop("full_name", "Nguyễn Văn A"), sex=sex
        )
        for start, end, *extra in records:
            ServiceRecord.objects.create(
                person=person, valid_from=start, valid_to=end, **(extra[0] if extra else {})
            )
        return person

    return build
