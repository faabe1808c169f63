"""The letters (告知书) of each reply category, with the articles of the 2019 regulation (Order 711) they rest on.

Articles of the 2019 regulation: Art. 14-16 (grounds for not disclosing), 30 (补正), 32 (third parties),
33 (deadline and extension), 35 (unreasonable volume), 36 (reply types), 37 (partial disclosure), 38 (no new
information is produced), 39 (petitions; confirming information already held), 42 (fees)."""

from __future__ import annotations

from dataclasses import dataclass

from requests_app.models import Application, Letter, Result

ART_36_3 = "第三十六条第（三）项"


@dataclass(frozen=True)
class LetterSpec:
    title: str
    template: str
    articles: tuple[str, ...]
    lead: str  # the decision, in one sentence, that opens the letter body


_T = "requests_app/letters/"

REPLY_LETTERS: dict[str, LetterSpec] = {
    Result.DISCLOSED: LetterSpec(
        "政府信息公开告知书",
        _T + "disclosed.html",
        ("第三十六条第（二）项",),
        "您申请获取的政府信息属于公开范围，本机关予以公开。",
    ),
    Result.PARTIAL: LetterSpec(
        "政府信息部分公开告知书",
        _T + "partial.html",
        ("第三十七条", ART_36_3),
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关对可以公开的部分予以公开。",
    ),
    Result.WITHHELD_SECRET: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十四条", ART_36_3),
        "您申请获取的政府信息属于国家秘密，依法不予公开。",
    ),
    Result.WITHHELD_LAW: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十四条", ART_36_3),
        "您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。",
    ),
    Result.WITHHELD_SAFETY: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十四条", ART_36_3),
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
    ),
    Result.WITHHELD_THIRD_PARTY: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十五条", "第三十二条", ART_36_3),
        "您申请获取的政府信息涉及商业秘密、个人隐私等公开后会对第三方合法权益造成损害的内容，依法不予公开。",
    ),
    Result.WITHHELD_INTERNAL: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十六条第一款", ART_36_3),
        "您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开。",
    ),
    Result.WITHHELD_PROCESS: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十六条第二款", ART_36_3),
        "您申请获取的信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开。",
    ),
    Result.WITHHELD_ENFORCEMENT: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第十六条第二款", ART_36_3),
        "您申请获取的信息属于行政执法案卷信息，不予公开。",
    ),
    Result.WITHHELD_QUERY: LetterSpec(
        "政府信息不予公开告知书",
        _T + "withheld.html",
        ("第三十六条第（七）项",),
        "您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，请依照有关规定办理查询。",
    ),
    Result.UNAVAILABLE_NOT_HELD: LetterSpec(
        "政府信息不存在告知书",
        _T + "not_held.html",
        ("第三十六条第（四）项",),
        "经检索，本机关没有您申请公开的政府信息，该政府信息不存在。",
    ),
    Result.UNAVAILABLE_NEEDS_CREATION: LetterSpec(
        "无法提供政府信息告知书",
        _T + "unavailable.html",
        ("第三十八条",),
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析或另行制作，本机关不予提供。",
    ),
    Result.UNAVAILABLE_UNCLEAR: LetterSpec(
        "无法提供政府信息告知书",
        _T + "unavailable.html",
        ("第三十条",),
        "经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
    ),
    Result.NOT_HANDLED_PETITION: LetterSpec(
        "不予处理告知书",
        _T + "not_handled.html",
        ("第三十九条第一款",),
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，请通过相应渠道提出。",
    ),
    Result.NOT_HANDLED_REPEAT: LetterSpec(
        "重复申请告知书",
        _T + "repeat.html",
        ("第三十六条第（六）项",),
        "本机关已就您此前提出的政府信息公开申请作出答复，您重复申请公开相同的政府信息，本机关不予重复处理。",
    ),
    Result.NOT_HANDLED_PUBLICATION: LetterSpec(
        "不予处理告知书",
        _T + "not_handled.html",
        ("第三十六条第（一）项",),
        "您要求提供的是公开出版物，不作为政府信息公开申请处理，请通过公开发行渠道或图书馆、档案馆等查阅获取。",
    ),
    Result.NOT_HANDLED_EXCESSIVE: LetterSpec(
        "不予处理告知书",
        _T + "not_handled.html",
        ("第三十五条",),
        "您申请公开政府信息的数量、频次明显超过合理范围，且所说明的理由不合理，本机关不予处理。",
    ),
    Result.NOT_HANDLED_CONFIRM: LetterSpec(
        "不予处理告知书",
        _T + "not_handled.html",
        ("第三十九条第二款",),
        "您以政府信息公开申请的形式要求本机关确认或者重新出具已获取的信息，本机关不作为政府信息公开申请处理。",
    ),
    Result.OTHER_NO_CORRECTION: LetterSpec(
        "终止办理告知书",
        _T + "other.html",
        ("第三十条",),
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Result.OTHER_NO_FEE: LetterSpec(
        "终止办理告知书",
        _T + "other.html",
        ("第四十二条",),
        "您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。",
    ),
    Result.OTHER: LetterSpec(
        "政府信息公开申请处理告知书", _T + "other.html", ("第三十六条",), "本机关对您的政府信息公开申请处理如下。"
    ),
}

# 本机关不掌握 with a known right agency: the 非本机关 letter (Art. 36 (5)) instead of 信息不存在 (Art. 36 (4)).
NOT_OURS = LetterSpec(
    "非本机关政府信息告知书", _T + "not_ours.html", ("第三十六条第（五）项",),
    "您申请获取的政府信息不属于本机关负责公开的范围。",
)  # fmt: skip

RECEIPT = LetterSpec("政府信息公开申请登记回执", _T + "receipt.html", ("第二十九条", "第三十一条", "第三十三条"), "")
CORRECTION = LetterSpec("补正申请通知书", _T + "correction.html", ("第三十条",), "")
THIRD_PARTY = LetterSpec("政府信息公开征求第三方意见书", _T + "third_party.html", ("第三十二条",), "")
EXTENSION = LetterSpec("延期答复告知书", _T + "extension.html", ("第三十三条第二款",), "")
FEE = LetterSpec("政府信息公开信息处理费收费通知书", _T + "fee.html", ("第四十二条",), "")

_BY_KIND = {
    Letter.Kind.RECEIPT: RECEIPT,
    Letter.Kind.CORRECTION: CORRECTION,
    Letter.Kind.THIRD_PARTY: THIRD_PARTY,
    Letter.Kind.EXTENSION: EXTENSION,
    Letter.Kind.FEE: FEE,
}


def reply_spec(application: Application) -> LetterSpec:
    if application.result == Result.UNAVAILABLE_NOT_HELD and application.referral_agency:
        return NOT_OURS
    return REPLY_LETTERS[application.result]


def spec_for(letter: Letter) -> LetterSpec:
    if letter.kind == Letter.Kind.REPLY:
        return reply_spec(letter.application)
    return _BY_KIND[letter.kind]


def has_appeal_rights(letter: Letter) -> bool:
    """Decisions the applicant may contest carry the 行政复议 / 行政诉讼 notice (the receipt and the 征求意见书 do not)."""
    return letter.kind in (Letter.Kind.REPLY, Letter.Kind.EXTENSION, Letter.Kind.CORRECTION)
