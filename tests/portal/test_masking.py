"""Personal data never shown in full on public pages (DESIGN §8)."""

import pytest

from portal import masking


def test_phone_keeps_prefix_and_last_four():
    assert masking.mask_phone("13812345678") == "138****5678"
    assert masking.mask_phone("") == ""
    assert "1234" not in masking.mask_phone("81234")


def test_email_keeps_first_character_and_domain():
    assert masking.mask_email("zhangsan@example.com") == "z***@example.com"
    assert masking.mask_email("not-an-email") == "************"


def test_id_number_keeps_region_and_last_four():
    assert masking.mask_id_number("11010519491231002X") == "110105********002X"


def test_name_keeps_family_name():
    assert masking.mask_name("张三丰") == "张**"
    assert masking.mask_name("李") == "李"


def test_free_text_masks_every_identifier():
    text = "我叫张三，身份证11010519491231002X，电话13812345678，邮箱zhangsan@example.com，门牌号123号。"
    masked = masking.mask_text(text)
    assert "11010519491231002X" not in masked
    assert "110105********002X" in masked
    assert "138****5678" in masked
    assert "z***@example.com" in masked
    assert "门牌号123号" in masked


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("电话138-1234-5678", "电话138****5678"),
        ("电话+86 138 1234 5678", "电话+86 138****5678"),
        ("座机0954-2012345", "座机0954-*****45"),
        ("座机(0954)2012345", "座机(0954)*****45"),
        ("身份证 640422 19900101 123X", "身份证 640422********123X"),
        ("老身份证640422900101123", "老身份证640422******123"),
        ("已遮蔽的138****5678不再处理", "已遮蔽的138****5678不再处理"),
        ("文号城政发〔2025〕12号不受影响", "文号城政发〔2025〕12号不受影响"),
    ],
)
def test_free_text_masks_the_usual_spellings(written, shown):
    assert masking.mask_text(written) == shown
