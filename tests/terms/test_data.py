from datetime import date

import pytest

from contracts.terms.data import (
    certification_due,
    certifications_to_obtain,
    certifications_warranted,
    effective_cross_border,
    pipl_route,
)


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


def test_a_required_certification_is_to_obtain_unless_held_at_that_level_or_higher():
    assert certifications_to_obtain(("iso27001", "mlps_level3"), ("iso27001", "mlps_level3")) == ()
    missing = certifications_to_obtain(("iso27001", "mlps_level3"), ("mlps_level2", "soc2"))
    assert missing == ("iso27001", "mlps_level3")
    # level 2 held beside a duty to reach level 3 is not warranted: it would read as accepting level 2
    assert certifications_warranted(("mlps_level2", "soc2"), missing) == ("soc2",)
    assert certifications_warranted(("mlps_level2",), ()) == ("mlps_level2",)


def test_a_missing_certification_is_due_by_the_answer_else_go_live_else_the_start():
    start, go_live, answer = date(2027, 1, 1), date(2027, 3, 31), date(2027, 2, 15)
    assert certification_due(answer, has_implementation=True, go_live_date=go_live, start_date=start) == answer
    assert certification_due(None, has_implementation=True, go_live_date=go_live, start_date=start) == go_live
    assert certification_due(None, has_implementation=False, go_live_date=None, start_date=start) == start
