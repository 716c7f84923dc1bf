import datetime

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from commendations.campaigns.models import Authority, AwardType, Campaign, NomineeKind
from commendations.decisions.models import Decision
from commendations.nominations.models import Nomination
from commendations.units.models import Unit, UnitKind, UserProfile


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Công an xã Thử Nghiệm {n}")
    kind = UnitKind.DISTRICT
    headcount = 50


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        django_get_or_create = ("code",)

    code = "GK-GD"
    name = "Giấy khen của Giám đốc Công an tỉnh"
    short_name = "Giấy khen"
    authority = Authority.PROVINCIAL_DIRECTOR


def ministry_award_type() -> AwardType:
    return AwardTypeFactory(
        code="BK-BCA",
        name="Bằng khen của Bộ trưởng Bộ Công an",
        short_name="Bằng khen",
        authority=Authority.MINISTRY,
    )


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Phong trào toàn dân bảo vệ an ninh Tổ quốc đợt {n}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    citation = "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc"

    @factory.post_generation
    def award_types(self, create, extracted, **kwargs):
        if not create:
            return
        self.award_types.add(*(extracted or [AwardTypeFactory(), ministry_award_type()]))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "matkhau-thu-nghiem")
        if create:
            self.save(update_fields=["password"])


def make_user(role: str | None = None, unit: Unit | None = None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    UserProfile.objects.update_or_create(user=user, defaults={"unit": unit})
    return User.objects.get(pk=user.pk)  # fresh: no stale permission cache


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    award_type = factory.SubFactory(AwardTypeFactory)
    nominee_kind = NomineeKind.COLLECTIVE
    nominee_name = factory.Sequence(lambda n: f"Công an xã Mẫu {n}")
    achievement_summary = "Thành tích xuất sắc trong phong trào."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    authority = Authority.PROVINCIAL_DIRECTOR
    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-CAT-PV05")
    date = factory.LazyFunction(timezone.localdate)
    signer_name = "Nguyễn Ngọc Sơn"
    signer_title = "Phó Giám đốc"
