"""Chinese identifiers with their national-standard check characters."""

import pytest
from django.core.exceptions import ValidationError

from portal import validators as v


@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", "440524188001010014"])
def test_valid_id_numbers_pass(value):
    assert v.is_valid_id_number(value)
    v.validate_id_number(value)


@pytest.mark.parametrize(
    "value",
    [
        "110105194912310021",  # wrong check character
        "110105194902300024",  # February 30th
        "11010519491231002",  # 17 characters
        "1101051949123100XX",
        "",
        "abcdefghijklmnopqr",
    ],
)
def test_invalid_id_numbers_are_refused_in_chinese(value):
    assert not v.is_valid_id_number(value)
    with pytest.raises(ValidationError, match="身份证号码"):
        v.validate_id_number(value)


def test_id_check_character_follows_gb_11643():
    assert v.id_number_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("value", ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"])
def test_valid_unified_social_credit_codes_pass(value):
    assert v.is_valid_uscc(value)
    assert v.is_valid_uscc(value.lower())
    v.validate_uscc(value)


@pytest.mark.parametrize(
    "value",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100I43",  # I is not in the alphabet
        "9135010OM000100Y43",  # letter in the region code
        "91350100M000100Y4",  # 17 characters
        "",
    ],
)
def test_invalid_unified_social_credit_codes_are_refused(value):
    assert not v.is_valid_uscc(value)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        v.validate_uscc(value)


def test_uscc_check_character_is_computed_over_the_31_character_alphabet():
    assert v.uscc_check_char("91350100M000100Y4") == "3"


def test_organization_codes_accept_either_form_with_a_valid_check_character():
    v.validate_organization_code("D2143569X")  # the example of GB 11714
    v.validate_organization_code("d2143569x")
    v.validate_organization_code("91350100M000100Y43")
    for bad in ("D21435690", "D2143569-X", "12345678", "91350100M000100Y44", ""):
        with pytest.raises(ValidationError, match="机构代码"):
            v.validate_organization_code(bad)


def test_mobile_and_postcode():
    v.validate_mobile("13812345678")
    v.validate_postcode("054899")
    for bad in ("12812345678", "1381234567", "138-1234-5678"):
        with pytest.raises(ValidationError, match="手机号码"):
            v.validate_mobile(bad)
    with pytest.raises(ValidationError, match="邮政编码"):
        v.validate_postcode("05489")
