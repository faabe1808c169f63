"""Demo 办事服务: 41 service items of six units of 清河县, built through the services (drafted by each unit's
officer, passed by its reviewer and leader, approved by the office), with themes, materials and downloadable blank
forms. One item has a change waiting at 复审 (its page still shows the approved guide), one was stopped, one is a
draft and one was returned for changes. Idempotent: items whose code exists are left alone."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.models import Organization, Role, User
from services_guide import services
from services_guide.models import GuideVersion, ServiceItem
from services_guide.services import MaterialInput

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Unit:
    name: str
    prefix: str
    place: str
    phone: str
    complaint: str
    level: str = "county"


UNITS = {
    "城关镇": Unit(
        "城关镇人民政府", "CG", "清河县城关镇便民服务中心（解放路12号）", "0319-8102171", "0319-8102170", "township"
    ),
    "龙泉乡": Unit("龙泉乡人民政府", "LQ", "清河县龙泉乡便民服务中心", "0319-8109631", "0319-8109630", "township"),
    "财政局": Unit("清河县财政局", "CZ", "清河县政务服务中心二楼财政窗口", "0319-8115121", "0319-8115120"),
    "市场监管局": Unit("清河县市场监督管理局", "SC", "清河县政务服务中心一楼市场准入窗口", "0319-8132861", "12315"),
    "人社局": Unit("清河县人力资源和社会保障局", "RS", "清河县政务服务中心三楼人社窗口", "0319-8118661", "12333"),
    "民政局": Unit("清河县民政局", "MZ", "清河县政务服务中心二楼民政窗口", "0319-8117491", "0319-8117490"),
}
HOURS = "周一至周五 上午8:30—12:00，下午14:30—17:30（法定节假日除外）"
ID_CARD = ("居民身份证", "copy", 1, "")
HOUSEHOLD = ("居民户口簿", "copy", 1, "户主页和本人页")
LICENCE = ("营业执照", "copy", 1, "加盖公章")


@dataclass(frozen=True)
class Item:
    unit: str
    code: str
    name: str
    kind: str
    target: str
    themes: tuple[str, ...]
    basis: str
    conditions: str
    materials: tuple[tuple[str, str, int, str], ...]  # (name, form, copies, note); the first gets a blank form
    process: str
    days: tuple[int, int]  # (法定, 承诺)
    result: str
    online: str = "partly"
    fee: tuple[str, str] | None = None  # (标准, 依据)
    intermediary: str = ""
    blank_form: bool = True
    state: str = "published"  # published, change, stopped, draft, returned


ITEMS = [
    # 城关镇人民政府
    Item(
        "城关镇",
        "001",
        "农村村民宅基地审批",
        "license",
        "person",
        ("housing", "farming"),
        "《中华人民共和国土地管理法》第六十二条\n《示范省农村宅基地管理办法》第十二条",
        "本镇农村集体经济组织成员\n符合一户一宅规定，因分户等确需新建住宅\n符合国土空间规划和村庄规划",
        (
            ("农村宅基地和建房（规划许可）申请表", "original", 1, "申请人签字并按手印"),
            HOUSEHOLD,
            ID_CARD,
            ("农村宅基地使用承诺书", "original", 1, ""),
        ),
        "村民向村民小组提出申请\n村民小组会议讨论并公示5个工作日\n村委会审查\n镇政府联审并审批\n发放农村宅基地批准书",
        (20, 15),
        "《农村宅基地批准书》《乡村建设规划许可证》",
        state="change",
    ),
    Item(
        "城关镇",
        "002",
        "城乡居民基本养老保险参保登记",
        "public_service",
        "person",
        ("retirement", "social_security"),
        "《中华人民共和国社会保险法》第二十条、第二十二条",
        "年满16周岁（不含在校学生）\n非国家机关和事业单位工作人员\n不属于职工基本养老保险制度覆盖范围的本镇户籍居民",
        (("城乡居民基本养老保险参保登记表", "original", 1, ""), ID_CARD),
        "申请\n受理审核\n录入信息系统\n办结",
        (5, 0),
        "参保登记成功，发放社会保障卡",
        online="fully",
    ),
    Item(
        "城关镇",
        "003",
        "最低生活保障申请受理",
        "benefit",
        "person",
        ("assistance",),
        "《社会救助暂行办法》第九条至第十一条\n《示范省最低生活保障审核确认办法》",
        "共同生活的家庭成员人均收入低于本县最低生活保障标准\n家庭财产状况符合规定",
        (
            ("最低生活保障申请书", "original", 1, ""),
            ("家庭经济状况核对授权书", "original", 1, "全体家庭成员签字"),
            HOUSEHOLD,
            ID_CARD,
        ),
        "申请\n镇政府受理\n入户调查\n民主评议\n公示7天\n报县民政局确认",
        (30, 20),
        "纳入最低生活保障，按月发放保障金",
    ),
    Item(
        "城关镇",
        "004",
        "高龄津贴申请",
        "benefit",
        "person",
        ("retirement",),
        "《示范省老年人权益保障条例》第二十二条",
        "本县户籍年满80周岁的老年人",
        (("高龄津贴申请表", "original", 1, ""), ID_CARD, ("银行卡或存折", "copy", 1, "本人名下")),
        "申请\n村（社区）初审\n镇政府审核\n县民政局审批发放",
        (20, 10),
        "按月发放高龄津贴",
        online="fully",
    ),
    Item(
        "城关镇",
        "005",
        "残疾人两项补贴申请",
        "benefit",
        "person",
        ("disability", "assistance"),
        "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
        "持有第二代残疾人证\n困难残疾人或一、二级重度残疾人",
        (("残疾人两项补贴申请审批表", "original", 1, ""), ("残疾人证", "copy", 1, ""), ID_CARD),
        "申请\n镇政府初审\n县残联审核\n县民政局审定",
        (15, 10),
        "按月发放生活补贴或护理补贴",
    ),
    Item(
        "城关镇",
        "006",
        "独生子女父母光荣证办理",
        "public_service",
        "person",
        ("birth",),
        "《示范省人口与计划生育条例》第三十条",
        "终身只生育一个子女并自愿不再生育的夫妻",
        (
            ("独生子女父母光荣证申请表", "original", 1, ""),
            ("结婚证", "copy", 1, ""),
            HOUSEHOLD,
            ("子女出生医学证明", "copy", 1, ""),
        ),
        "申请\n村（社区）核实\n镇政府审批发证",
        (10, 3),
        "《独生子女父母光荣证》",
        online="none",
    ),
    Item(
        "城关镇",
        "007",
        "农村危房改造补助申请",
        "benefit",
        "person",
        ("housing", "assistance"),
        "《农村危房改造基本安全技术导则》\n《示范省农村危房改造实施办法》",
        "住房经鉴定为C级或D级危房\n属于低保户、分散供养特困人员、低保边缘家庭等重点对象",
        (("农村危房改造申请表", "original", 1, ""), HOUSEHOLD, ("房屋危险性鉴定报告", "original", 1, "")),
        "户申请\n村评议公示\n镇审核\n县住建局审批\n竣工验收后拨付补助",
        (30, 20),
        "拨付危房改造补助资金",
        online="none",
    ),
    Item(
        "城关镇",
        "008",
        "殡葬补助申领",
        "benefit",
        "person",
        ("funeral",),
        "《殡葬管理条例》\n《清河县惠民殡葬政策实施办法》",
        "本县户籍居民去世后在本县殡仪馆火化",
        (
            ("殡葬补助申领表", "original", 1, ""),
            ("火化证明", "copy", 1, ""),
            ("死亡证明", "copy", 1, ""),
            ("经办人身份证", "copy", 1, ""),
        ),
        "申请\n镇民政办审核\n补助资金打卡发放",
        (10, 5),
        "发放基本殡葬服务补助",
    ),
    # 龙泉乡人民政府
    Item(
        "龙泉乡",
        "001",
        "农村土地承包经营权流转合同备案",
        "confirmation",
        "both",
        ("farming",),
        "《中华人民共和国农村土地承包法》第三十六条\n《农村土地经营权流转管理办法》第二十条",
        "流转双方已签订书面流转合同\n流转期限不超过承包期剩余期限",
        (("农村土地经营权流转合同", "original", 2, "双方签字"), ("土地承包经营权证", "copy", 1, ""), ID_CARD),
        "提交合同\n乡农经站审查\n登记备案",
        (10, 5),
        "流转合同备案回执",
        online="none",
    ),
    Item(
        "龙泉乡",
        "002",
        "特困人员救助供养申请",
        "benefit",
        "person",
        ("assistance", "retirement"),
        "《社会救助暂行办法》第十四条至第二十条",
        "老年人、残疾人或未满16周岁的未成年人\n无劳动能力、无生活来源\n无法定赡养、抚养、扶养义务人或其无履行能力",
        (("特困人员救助供养申请书", "original", 1, ""), HOUSEHOLD, ID_CARD),
        "申请\n乡政府审核\n公示\n县民政局确认",
        (30, 20),
        "纳入特困人员救助供养",
    ),
    Item(
        "龙泉乡",
        "003",
        "耕地地力保护补贴申报",
        "benefit",
        "person",
        ("farming",),
        "《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）",
        "拥有耕地承包权的种地农民\n耕地未改变用途、未撂荒",
        (("耕地地力保护补贴面积确认表", "original", 1, ""), ID_CARD, ("一卡通存折", "copy", 1, "")),
        "村级申报\n乡镇审核公示\n县农业农村局汇总\n补贴资金直达农户",
        (30, 30),
        "补贴资金发放到一卡通",
        online="none",
    ),
    Item(
        "龙泉乡",
        "004",
        "生育登记",
        "public_service",
        "person",
        ("birth",),
        "《中华人民共和国人口与计划生育法》\n《示范省人口与计划生育条例》第二十一条",
        "夫妻一方户籍在本乡",
        (("生育登记表", "original", 1, ""), ("结婚证", "copy", 1, ""), ID_CARD),
        "申请\n现场或网上登记\n发放生育服务登记卡",
        (3, 0),
        "生育服务登记",
        online="fully",
    ),
    Item(
        "龙泉乡",
        "005",
        "临时救助申请",
        "benefit",
        "person",
        ("assistance",),
        "《社会救助暂行办法》第四十七条至第五十条",
        "因火灾、交通事故、重大疾病等导致基本生活暂时出现严重困难的家庭或个人",
        (("临时救助申请书", "original", 1, ""), ("困难情况证明材料", "copy", 1, "如医疗费用票据"), ID_CARD),
        "申请\n乡政府审核\n公示\n审批发放",
        (15, 10),
        "发放临时救助金",
        state="draft",
    ),
    Item(
        "龙泉乡",
        "006",
        "老年人优待证办理",
        "public_service",
        "person",
        ("retirement",),
        "《中华人民共和国老年人权益保障法》第五十七条",
        "本乡户籍年满60周岁的老年人",
        (("老年人优待证申请表", "original", 1, ""), ID_CARD, ("一寸免冠照片", "original", 1, "近期彩色照片")),
        "申请\n现场审核\n制证发放",
        (5, 1),
        "《老年人优待证》",
        state="returned",
    ),
    # 清河县财政局
    Item(
        "财政局",
        "001",
        "代理记账机构审批",
        "license",
        "business",
        ("qualification", "tax"),
        "《中华人民共和国会计法》第三十六条\n《代理记账管理办法》（财政部令第98号）第三条",
        "为依法设立的企业\n专职从业人员不少于3名\n主管代理记账业务的负责人具有会计师以上专业技术职务资格或者从事会计工作不少于3年\n有健全的代理记账业务内部规范",
        (
            ("代理记账机构审批申请表", "original", 1, ""),
            LICENCE,
            ("专职从业人员名单及劳动合同", "copy", 1, ""),
            ("代理记账业务内部规范", "original", 1, ""),
        ),
        "申请\n受理\n审查\n作出决定\n颁发许可证书",
        (10, 5),
        "《代理记账许可证书》",
        online="fully",
    ),
    Item(
        "财政局",
        "002",
        "政府采购供应商投诉处理",
        "other",
        "business",
        ("trade",),
        "《中华人民共和国政府采购法》第五十五条、第五十六条\n《政府采购质疑和投诉办法》（财政部令第94号）",
        "已依法提出质疑且对答复不满意或未在规定时间内得到答复\n在答复期满后15个工作日内提起",
        (("投诉书", "original", 1, "按财政部规定格式"), ("质疑及答复材料", "copy", 1, ""), LICENCE),
        "提交投诉书\n审查受理\n调查取证\n作出处理决定\n送达",
        (30, 30),
        "《投诉处理决定书》",
        online="none",
    ),
    Item(
        "财政局",
        "003",
        "非税收入票据领购",
        "public_service",
        "business",
        ("tax",),
        "《财政票据管理办法》（财政部令第104号）",
        "已办理财政票据领用证的执收单位",
        (("财政票据领用证", "original", 1, ""), ("票据领购申请单", "original", 1, "")),
        "申请\n核验上次票据使用情况\n发放票据",
        (1, 0),
        "领取财政票据",
        blank_form=False,
    ),
    Item(
        "财政局",
        "004",
        "会计人员信息采集",
        "public_service",
        "person",
        ("job",),
        "《会计人员管理办法》（财会〔2018〕33号）",
        "在本县从事会计工作或持有会计专业技术资格证书的人员",
        (("会计人员信息采集表", "electronic", 1, "网上填报"), ("学历证书", "electronic", 1, "上传扫描件")),
        "网上填报\n财政局审核\n信息入库",
        (10, 5),
        "会计人员信息采集完成",
        online="fully",
    ),
    # 清河县市场监督管理局
    Item(
        "市场监管局",
        "001",
        "食品经营许可",
        "license",
        "business",
        ("food", "start_business"),
        "《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》（市场监管总局令第78号）",
        "有与经营的食品品种、数量相适应的经营场所\n有食品安全管理人员和管理制度\n设备布局和工艺流程合理",
        (
            ("食品经营许可申请书", "original", 1, ""),
            LICENCE,
            ("经营场所平面图和设备布局图", "original", 1, ""),
            ("食品安全管理制度", "original", 1, ""),
        ),
        "申请\n受理\n审查（必要时现场核查）\n决定\n发证",
        (10, 5),
        "《食品经营许可证》",
        online="fully",
    ),
    Item(
        "市场监管局",
        "002",
        "个体工商户设立登记",
        "confirmation",
        "person",
        ("start_business", "job"),
        "《促进个体工商户发展条例》\n《中华人民共和国市场主体登记管理条例》第八条",
        "有经营能力的自然人\n有固定的经营场所",
        (("个体工商户登记（备案）申请书", "original", 1, ""), ID_CARD, ("经营场所使用证明", "copy", 1, "")),
        "网上或窗口申请\n审核\n核准登记\n发放营业执照",
        (3, 1),
        "个体工商户营业执照",
        online="fully",
    ),
    Item(
        "市场监管局",
        "003",
        "有限责任公司设立登记",
        "confirmation",
        "business",
        ("start_business",),
        "《中华人民共和国公司法》第二十九条\n《中华人民共和国市场主体登记管理条例》",
        "股东符合法定人数\n有符合公司章程规定的出资\n有公司名称和住所",
        (
            ("公司登记（备案）申请书", "original", 1, ""),
            ("公司章程", "original", 1, "全体股东签署"),
            ("股东主体资格文件", "copy", 1, ""),
            ("住所使用证明", "copy", 1, ""),
        ),
        "名称申报\n设立登记申请\n审核\n发放营业执照和电子营业执照",
        (3, 1),
        "营业执照",
        online="fully",
    ),
    Item(
        "市场监管局",
        "004",
        "企业注销登记",
        "confirmation",
        "business",
        ("close_business",),
        "《中华人民共和国市场主体登记管理条例》第三十一条至第三十四条",
        "已完成清算\n无未结清债权债务",
        (("注销登记申请书", "original", 1, ""), ("清算报告", "original", 1, ""), ("营业执照正副本", "original", 1, "")),
        "公告\n申请\n审核\n核准注销",
        (3, 1),
        "《准予注销登记通知书》",
        online="fully",
    ),
    Item(
        "市场监管局",
        "005",
        "小餐饮登记",
        "license",
        "person",
        ("food", "start_business"),
        "《示范省食品小作坊小餐饮和食品摊贩管理条例》第二十一条",
        "有固定经营场所\n从业人员持有健康证明",
        (("小餐饮登记申请表", "original", 1, ""), ID_CARD, ("从业人员健康证明", "copy", 1, "")),
        "申请\n现场核查\n发放登记证",
        (10, 5),
        "《小餐饮登记证》",
    ),
    Item(
        "市场监管局",
        "006",
        "特种设备使用登记",
        "license",
        "business",
        ("safety", "qualification"),
        "《中华人民共和国特种设备安全法》第三十三条",
        "特种设备已经监督检验合格",
        (("特种设备使用登记表", "original", 2, ""), ("产品合格证", "copy", 1, ""), ("监督检验证明", "copy", 1, "")),
        "申请\n受理\n审查\n发证",
        (15, 5),
        "《特种设备使用登记证》",
    ),
    Item(
        "市场监管局",
        "007",
        "药品零售企业许可",
        "license",
        "business",
        ("food", "qualification"),
        "《中华人民共和国药品管理法》第五十一条\n《药品经营许可证管理办法》",
        "有依法经过资格认定的药师或其他药学技术人员\n有与所经营药品相适应的营业场所和设备",
        (
            ("药品经营许可证申请表", "original", 1, ""),
            LICENCE,
            ("执业药师注册证", "copy", 1, ""),
            ("营业场所平面图", "original", 1, ""),
        ),
        "申请\n受理\n现场检查\n审批发证",
        (30, 15),
        "《药品经营许可证》",
    ),
    Item(
        "市场监管局",
        "008",
        "计量器具强制检定",
        "inspection",
        "business",
        ("qualification", "trade"),
        "《中华人民共和国计量法》第九条",
        "使用列入强制检定目录的工作计量器具",
        (("强制检定申请书", "original", 1, ""), ("计量器具清单", "original", 1, "")),
        "申请\n检定\n出具证书",
        (20, 10),
        "检定证书或检定结果通知书",
        fee=("按《计量检定收费标准》执行，如电子台秤每台20元", "《国家发展改革委 财政部关于计量检定收费的通知》"),
        state="stopped",
    ),
    # 清河县人力资源和社会保障局
    Item(
        "人社局",
        "001",
        "就业创业证申领",
        "public_service",
        "person",
        ("job",),
        "《就业服务与就业管理规定》第六十三条",
        "法定劳动年龄内有劳动能力和就业要求的本县劳动者",
        (("就业创业证申请表", "original", 1, ""), ID_CARD),
        "申请\n审核\n发证",
        (5, 0),
        "《就业创业证》",
        online="fully",
    ),
    Item(
        "人社局",
        "002",
        "失业保险金申领",
        "benefit",
        "person",
        ("job", "social_security"),
        "《中华人民共和国社会保险法》第四十五条\n《失业保险条例》第十四条",
        "失业前用人单位和本人已缴纳失业保险费满一年\n非因本人意愿中断就业\n已进行失业登记并有求职要求",
        (("失业保险金申领登记表", "electronic", 1, ""), ID_CARD, ("解除或终止劳动关系证明", "copy", 1, "")),
        "申请\n审核\n发放",
        (10, 3),
        "按月发放失业保险金",
        online="fully",
    ),
    Item(
        "人社局",
        "003",
        "创业担保贷款申请",
        "public_service",
        "both",
        ("job", "start_business", "tax"),
        "《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）",
        "城镇登记失业人员、就业困难人员、返乡创业农民工等\n已办理营业执照",
        (("创业担保贷款申请表", "original", 1, ""), ID_CARD, LICENCE, ("创业计划书", "original", 1, "")),
        "申请\n人社部门资格审核\n担保机构审核\n经办银行放贷",
        (20, 15),
        "发放创业担保贷款并贴息",
    ),
    Item(
        "人社局",
        "004",
        "职业技能培训补贴申领",
        "benefit",
        "person",
        ("job",),
        "《职业技能提升行动专账资金使用管理办法》",
        "参加政府补贴性职业技能培训并取得职业资格证书或职业技能等级证书",
        (("培训补贴申请表", "original", 1, ""), ("职业技能等级证书", "copy", 1, ""), ID_CARD),
        "申请\n审核公示\n拨付补贴",
        (20, 15),
        "拨付职业技能培训补贴",
    ),
    Item(
        "人社局",
        "005",
        "劳动用工备案",
        "confirmation",
        "business",
        ("employment",),
        "《劳动和社会保障部关于建立劳动用工备案制度的通知》（劳社部发〔2006〕46号）",
        "用人单位招用或与劳动者解除、终止劳动关系",
        (("劳动用工备案花名册", "electronic", 1, ""), LICENCE),
        "网上申报\n备案",
        (5, 0),
        "劳动用工备案回执",
        online="fully",
    ),
    Item(
        "人社局",
        "006",
        "劳动人事争议仲裁申请",
        "other",
        "both",
        ("employment", "job"),
        "《中华人民共和国劳动争议调解仲裁法》第二十八条",
        "发生劳动人事争议\n在仲裁时效期间内提出",
        (("仲裁申请书", "original", 3, "按被申请人人数提交副本"), ID_CARD, ("劳动关系证明材料", "copy", 1, "")),
        "申请\n受理\n开庭审理\n裁决",
        (45, 45),
        "《仲裁裁决书》或《调解书》",
        online="none",
    ),
    Item(
        "人社局",
        "007",
        "退休待遇核准",
        "confirmation",
        "person",
        ("retirement", "social_security"),
        "《中华人民共和国社会保险法》第十六条",
        "达到法定退休年龄\n累计缴费满15年",
        (("退休审批表", "original", 2, ""), ID_CARD, ("职工档案", "original", 1, "")),
        "申请\n审核档案\n核定待遇\n发放养老金",
        (20, 10),
        "按月领取基本养老金",
    ),
    Item(
        "人社局",
        "008",
        "工伤认定",
        "confirmation",
        "both",
        ("employment", "health"),
        "《工伤保险条例》第十七条至第二十条",
        "职工发生事故伤害或被诊断、鉴定为职业病",
        (("工伤认定申请表", "original", 1, ""), ("劳动关系证明", "copy", 1, ""), ("医疗诊断证明", "copy", 1, "")),
        "申请\n受理\n调查核实\n作出认定决定",
        (60, 30),
        "《认定工伤决定书》或《不予认定工伤决定书》",
    ),
    # 清河县民政局
    Item(
        "民政局",
        "001",
        "内地居民婚姻登记",
        "confirmation",
        "person",
        ("marriage",),
        "《中华人民共和国民法典》第一千零四十九条\n《婚姻登记条例》第四条至第七条",
        "男年满22周岁、女年满20周岁\n双方完全自愿\n双方均无配偶\n没有直系血亲和三代以内旁系血亲关系",
        (
            ("申请结婚登记声明书", "original", 1, "双方现场签字"),
            ID_CARD,
            HOUSEHOLD,
            ("2寸近期半身免冠合影照片", "original", 3, ""),
        ),
        "双方共同到场申请\n审查\n登记\n颁发结婚证",
        (1, 0),
        "《结婚证》",
        fee=("每对9元", "《国家发展改革委 财政部关于婚姻登记收费标准的通知》"),
    ),
    Item(
        "民政局",
        "002",
        "社会团体成立登记",
        "license",
        "business",
        ("qualification",),
        "《社会团体登记管理条例》第九条至第十二条",
        "有50个以上的个人会员或30个以上的单位会员\n有规范的名称和相应的组织机构\n有合法的资产和经费来源",
        (
            ("社会团体成立登记申请书", "original", 1, ""),
            ("章程草案", "original", 1, ""),
            ("验资报告", "original", 1, ""),
            ("住所使用权证明", "copy", 1, ""),
        ),
        "申请\n受理\n审查\n准予登记并发证",
        (60, 30),
        "《社会团体法人登记证书》",
        intermediary="验资报告：由会计师事务所出具，服务时限约5个工作日，依据《社会团体登记管理条例》第十一条",
    ),
    Item(
        "民政局",
        "003",
        "养老机构备案",
        "confirmation",
        "business",
        ("retirement", "qualification"),
        "《中华人民共和国老年人权益保障法》第四十三条\n《养老机构管理办法》第九条",
        "已依法办理法人登记",
        (("养老机构备案书", "original", 1, ""), ("养老机构备案承诺书", "original", 1, ""), LICENCE),
        "提交备案材料\n核对\n出具备案回执",
        (5, 1),
        "养老机构备案回执",
        online="fully",
    ),
    Item(
        "民政局",
        "004",
        "困难群众医疗救助",
        "benefit",
        "person",
        ("assistance", "health"),
        "《社会救助暂行办法》第二十八条至第三十一条",
        "最低生活保障家庭成员、特困供养人员等",
        (("医疗救助申请表", "original", 1, ""), ("医疗费用票据", "copy", 1, ""), ID_CARD),
        "申请\n审核\n救助金发放",
        (20, 10),
        "发放医疗救助金",
    ),
    Item(
        "民政局",
        "005",
        "收养登记",
        "confirmation",
        "person",
        ("birth",),
        "《中华人民共和国民法典》第一千一百零五条\n《中国公民收养子女登记办法》",
        "收养人无子女或只有一名子女\n有抚养、教育和保护被收养人的能力\n年满30周岁",
        (("收养登记申请书", "original", 1, ""), ID_CARD, HOUSEHOLD, ("收养人体检证明", "original", 1, "")),
        "申请\n审查\n公告（必要时）\n登记发证",
        (30, 30),
        "《收养登记证》",
        online="none",
    ),
    Item(
        "民政局",
        "006",
        "地名命名更名审批",
        "license",
        "business",
        ("construction",),
        "《地名管理条例》第十条至第十二条",
        "拟命名或更名的地名符合地名规划和命名规则",
        (("地名命名（更名）申请书", "original", 1, ""), ("规划批准文件", "copy", 1, "")),
        "申请\n专家论证和征求意见\n审批\n公告",
        (30, 20),
        "地名批复文件",
        online="none",
    ),
    Item(
        "民政局",
        "007",
        "慈善组织公开募捐资格审核",
        "license",
        "business",
        ("qualification",),
        "《中华人民共和国慈善法》第二十二条\n《慈善组织公开募捐管理办法》",
        "依法登记满一年的慈善组织\n内部治理结构健全",
        (
            ("公开募捐资格申请书", "original", 1, ""),
            ("近两年年度工作报告", "original", 1, ""),
            ("财务审计报告", "original", 1, ""),
        ),
        "申请\n受理\n审核\n颁发证书",
        (20, 15),
        "《公开募捐资格证书》",
    ),
]


def _blank_form(title: str, example: bool = False) -> SimpleUploadedFile:
    """A printable form as an Excel sheet: the title, then labelled rows to fill in (filled in for the example)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "表格"
    sheet.append([title + ("（填写示例）" if example else "")])
    sheet["A1"].font = Font(bold=True, size=14)
    rows = [("申请人姓名", "张三"), ("身份证号码", "130599************"), ("联系电话", "139****0000"),
            ("联系地址", "清河县城关镇解放路8号"), ("申请事项", title), ("申请日期", "2025年3月1日")]  # fmt: skip
    for label, sample in rows:
        sheet.append([label, sample if example else ""])
    sheet.append(["申请人签字", "张三" if example else ""])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 18, 40
    for row in sheet.iter_rows(min_row=2):
        row[0].alignment = Alignment(vertical="center")
    out = io.BytesIO()
    book.save(out)
    name = f"{title}{'（示例）' if example else ''}.xlsx"
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def _materials(item: Item) -> list[MaterialInput]:
    rows = []
    for n, (name, form, copies, note) in enumerate(item.materials):
        with_form = n == 0 and item.blank_form and form != "electronic"
        rows.append(MaterialInput(
            name=name, form=form, copies=copies, note=note,
            blank_form=_blank_form(name) if with_form else None,
            example=_blank_form(name, example=True) if with_form else None,
        ))  # fmt: skip
    return rows


def _people(unit: Organization) -> tuple[User | None, User | None, User | None]:
    def first(role: str) -> User | None:
        return User.objects.with_role(role).filter(organization=unit).order_by("id").first()

    return first(Role.OFFICER), first(Role.REVIEWER), first(Role.LEADER)


def _fields(item: Item, unit: Unit) -> dict:
    fields = {
        "kind": item.kind, "level": unit.level, "target": item.target, "basis": item.basis,
        "conditions": item.conditions, "process": item.process, "legal_days": item.days[0],
        "promised_days": item.days[1], "place": unit.place, "hours": HOURS, "phone": unit.phone,
        "complaint_phone": unit.complaint, "result": item.result,
        "online": item.online, "intermediary": item.intermediary,
    }  # fmt: skip
    if item.online != "none":
        fields["online_url"] = f"https://zwfw.qinghe.example.gov.cn/item/{unit.prefix}-{item.code}"
    if item.fee:
        fields.update(charges=True, fee_standard=item.fee[0], fee_basis=item.fee[1])
    return fields


def seed(stdout) -> None:
    office = User.objects.with_role(Role.OFFICE).order_by("id").first()
    made = skipped = 0
    for item in ITEMS:
        unit = UNITS[item.unit]
        code = f"QH-{unit.prefix}-{item.code}"
        organization = Organization.objects.filter(name=unit.name).first()
        officer, reviewer, leader = _people(organization) if organization else (None, None, None)
        if ServiceItem.objects.filter(code=code).exists() or not (officer and reviewer and leader and office):
            skipped += 1
            continue
        version = services.create_item(actor=officer, organization=organization, code=code, name=item.name,
                                       themes=list(item.themes), materials=_materials(item), **_fields(item, unit))  # fmt: skip
        _advance(version, item, officer, reviewer, leader, office)
        made += 1
    stdout.write(f"办事服务：新建 {made} 个事项，跳过 {skipped} 个（已存在或缺少演示用户）。")


def _advance(version: GuideVersion, item: Item, officer, reviewer, leader, office) -> None:
    if item.state == "draft":
        return
    services.submit(version, actor=officer)
    if item.state == "returned":
        services.return_for_changes(version, actor=reviewer, opinion="受理条件和申请材料请对照省级实施清单补充完整。")
        return
    services.pass_review(version, actor=reviewer, level="first", opinion="要素齐全，同意。")
    services.pass_review(version, actor=leader, level="second", opinion="同意报县政府办公室终审。")
    services.approve(version, actor=office, opinion="同意发布。")
    if item.state == "stopped":
        services.stop(version, actor=office, reason="该事项已按省级通知调整为由检定机构直接受理，本单位不再办理。",
                      stopped_on=timezone.localdate() - timedelta(days=3))  # fmt: skip
    elif item.state == "change":
        change = services.draft_change(version.item, actor=officer)
        services.update_version(change, actor=officer, promised_days=10,
                                process=version.process + "\n（新增）审批结果网上同步推送")  # fmt: skip
        services.submit(change, actor=officer)
        services.pass_review(change, actor=reviewer, level="first", opinion="同意压缩承诺时限。")
