"""Ceremony order: Vietnamese letter order (a ă â b c d đ e ê …), given name first."""

from types import SimpleNamespace

from commendations.campaigns.models import Authority
from commendations.documents.vietnamese import person_name_key, vietnamese_key
from commendations.nominations.ordering import ceremony_key


def test_letters_follow_the_vietnamese_alphabet_not_code_points():
    words = [
        "Zét",
        "Đức",
        "Dũng",
        "Ân",
        "Ăn",
        "An",
        "Bình",
        "Ơn",
        "Ôn",
        "On",
        "Ưng",
        "Ung",
        "Ê",
        "E",
    ]
    assert sorted(words, key=vietnamese_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Dũng",
        "Đức",
        "E",
        "Ê",
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
        "Zét",
    ]


def test_tones_break_ties_in_dictionary_order_and_case_is_ignored():
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "MA"]
    assert sorted(words, key=vietnamese_key) == ["MA", "ma", "mà", "mả", "mã", "má", "mạ"]


def test_people_sort_by_given_name_first_then_the_rest():
    names = ["Nguyễn Văn Đức", "Trần Văn Dũng", "Lê Thị Dũng", "Phạm An", "Nguyễn Thị Ánh Tuyết"]
    assert sorted(names, key=person_name_key) == [
        "Phạm An",
        "Lê Thị Dũng",
        "Trần Văn Dũng",
        "Nguyễn Văn Đức",
        "Nguyễn Thị Ánh Tuyết",
    ]


def _nomination(pk, authority, kind, name):
    return SimpleNamespace(
        pk=pk,
        award_type=SimpleNamespace(authority=authority),
        nominee_kind=kind,
        nominee_name=name,
    )


def test_ceremony_order_bang_khen_first_then_collectives_then_people():
    gk, bk = Authority.PROVINCIAL_DIRECTOR, Authority.MINISTRY
    items = [
        _nomination(1, gk, "individual", "Nguyễn Văn An"),
        _nomination(2, gk, "collective", "Công an xã Đak Yă"),
        _nomination(3, bk, "individual", "Lê Văn Zũ"),
        _nomination(4, bk, "collective", "Công an xã Zơ"),
        _nomination(5, gk, "collective", "Công an xã Dak"),
        _nomination(6, bk, "collective", "Công an xã Ă"),
    ]
    assert [n.pk for n in sorted(items, key=ceremony_key)] == [6, 4, 3, 5, 2, 1]
