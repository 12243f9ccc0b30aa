"""The CAMEO code table: the values outputs rely on (contract: root, quad_class, goldstein, plover)."""

from __future__ import annotations

import pytest

from detente import cameo


def test_known_codes_have_gdelt_values() -> None:
    phone = cameo.lookup("041")
    assert phone.name == "Discuss by telephone"
    assert phone.root == "04"
    assert phone.quad_class == 1
    assert phone.goldstein == pytest.approx(1.0)
    assert (phone.plover_type, phone.plover_mode) == ("CONSULT", "phone")
    assert cameo.lookup("163").goldstein == pytest.approx(-8.0)
    assert cameo.lookup("057").plover_type == "SUPPORT"


@pytest.mark.parametrize(
    ("code", "quad"),
    [
        ("010", 1),
        ("0256", 1),
        ("057", 1),
        ("061", 2),
        ("09", 2),
        ("111", 3),
        ("145", 3),
        ("15", 4),
        ("1663", 4),
    ],
)
def test_quad_class_follows_gdelt_convention(code: str, quad: int) -> None:
    assert cameo.quad_class(code) == quad
    assert cameo.lookup(code).quad_class == quad


def test_every_code_is_consistent() -> None:
    codes = cameo.codes()
    assert len(codes) > 300
    for code in codes:
        entry = cameo.lookup(code)
        assert entry.root == code[:2]
        assert 1 <= int(entry.root) <= 20
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.quad_class == cameo.quad_class(code)
        if entry.parent is not None:
            assert cameo.is_valid(entry.parent), code


def test_codes_missing_from_gdelt_get_a_goldstein() -> None:
    # 1834 (location bombing) is not in GDELT's lookup: it inherits its parent's value.
    assert cameo.lookup("1834").goldstein == cameo.lookup("183").goldstein


def test_invalid_codes() -> None:
    assert not cameo.is_valid("999")
    assert not cameo.is_valid("")
    assert not cameo.is_valid("40")
    with pytest.raises(KeyError, match="'999'"):
        cameo.lookup("999")
