import pytest

from contracts.terms.data import effective_cross_border, pipl_route


def route(individuals=0, sensitive=0, ciio=False, cross_border=True):
    return pipl_route(
        cross_border=cross_border,
        cn_individuals_per_year=individuals,
        cn_sensitive_per_year=sensitive,
        is_ciio=ciio,
    )


@pytest.mark.parametrize(
    "individuals, expected",
    [
        (0, "exempt"),
        (99_999, "exempt"),
        (100_000, "standard_contract"),
        (999_999, "standard_contract"),
        (1_000_000, "cac_assessment"),
    ],
)
def test_route_by_non_sensitive_volume(individuals, expected):
    assert route(individuals=individuals) == expected


@pytest.mark.parametrize(
    "sensitive, expected",
    [
        (0, "exempt"),
        (1, "standard_contract"),
        (9_999, "standard_contract"),
        (10_000, "cac_assessment"),
    ],
)
def test_route_by_sensitive_volume(sensitive, expected):
    assert route(individuals=500, sensitive=sensitive) == expected


def test_ciio_always_needs_the_cac_assessment():
    assert route(individuals=10, ciio=True) == "cac_assessment"


def test_no_route_without_a_transfer():
    assert route(individuals=5_000_000, ciio=True, cross_border=False) == "none"


def test_missing_volumes_count_as_zero():
    assert (
        pipl_route(
            cross_border=True,
            cn_individuals_per_year=None,
            cn_sensitive_per_year=None,
            is_ciio=None,
        )
        == "exempt"
    )


@pytest.mark.parametrize(
    "location, answer, expected",
    [
        ("mainland_cn", False, False),
        ("mainland_cn", None, False),
        ("mainland_cn", True, True),
        ("eu", False, True),
        ("us", None, True),
        ("other", False, True),
        (None, None, False),
    ],
)
def test_effective_cross_border(location, answer, expected):
    assert effective_cross_border(location, answer) is expected
