"""Import and export of a unit's catalogue: the same layout both ways (CSV and XLSX), per-row errors in Chinese, and
nothing saved when any row fails."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from services_guide import catalogue, services
from services_guide.models import GuideHistory, GuideVersion, ServiceItem
from tests.services_guide.conftest import draft_item, review_through

pytestmark = pytest.mark.django_db
S = GuideVersion.Status

ROW = {
    "事项编码": "QH-IMP-1", "事项名称": "城乡居民养老保险参保登记", "事项类型": "公共服务", "行使层级": "乡镇（街道）级",
    "服务对象": "自然人", "主题": "退休养老、社会保障", "设定依据": "《中华人民共和国社会保险法》第二十条",
    "受理条件": "年满16周岁的本地户籍居民", "申请材料": "城乡居民基本养老保险参保登记表（原件，1份）\n居民身份证（复印件，1份，非必须）：正反面",
    "办理流程": "申请\n受理\n登记", "法定办结时限（工作日）": "5", "承诺办结时限（工作日）": "0", "是否收费": "否",
    "收费标准": "", "收费依据": "", "办理地点": "城关镇便民服务中心", "办理时间": "工作日", "咨询电话": "0319-8123111",
    "监督投诉电话": "0319-8123400", "办理结果": "参保登记", "网上办理": "全程网上办理",
    "网上办理入口": "https://zwfw.example.gov.cn/yl", "中介服务": "",
}  # fmt: skip


def csv_bytes(rows: list[dict], headers=catalogue.HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(catalogue.HEADERS)
    for row in rows:
        sheet.append([int(v) if v.isdigit() and "时限" in h else v for h, v in ((h, row.get(h, "")) for h in
                                                                          catalogue.HEADERS)])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_file(name, data, officer):
    parsed = catalogue.parse(name, data)
    if parsed.errors:
        return parsed.errors
    return services.import_rows(parsed.rows, actor=officer, organization=officer.organization).errors


@pytest.mark.parametrize(("name", "build"), [("目录.csv", csv_bytes), ("目录.xlsx", xlsx_bytes)])
def test_a_good_file_makes_drafts_with_their_materials(officer, name, build):
    assert import_file(name, build([ROW, {**ROW, "事项编码": "QH-IMP-2", "事项名称": "城乡居民养老保险待遇领取"}]),
                       officer) == []  # fmt: skip

    version = GuideVersion.objects.get(item__code="QH-IMP-1")
    assert (version.status, version.kind, version.level, version.promised_days, version.online) == (
        S.DRAFT, "public_service", "township", 0, "fully",
    )  # fmt: skip
    assert sorted(version.theme_codes) == ["retirement", "social_security"]
    materials = list(version.materials.order_by("order"))
    assert [(m.name, m.form, m.copies, m.required, m.note) for m in materials] == [
        ("城乡居民基本养老保险参保登记表", "original", 1, True, ""),
        ("居民身份证", "copy", 1, False, "正反面"),
    ]
    assert GuideHistory.objects.filter(version=version).get().action == "import"
    assert ServiceItem.objects.count() == 2


def test_each_bad_row_is_named_in_chinese_and_nothing_is_saved(officer, outsider):
    draft_item(outsider, code="HX-TAKEN")
    rows = [
        ROW,
        {**ROW, "事项编码": "", "事项名称": ""},
        {**ROW, "事项编码": "QH-IMP-3", "事项类型": "许可", "法定办结时限（工作日）": "三天"},
        {**ROW, "事项编码": "QH-IMP-4", "申请材料": "身份证一张"},
        {**ROW, "事项编码": "QH-IMP-5", "主题": "上学、旅游"},
        {**ROW, "事项编码": "QH-IMP-1"},
        {**ROW, "事项编码": "QH-IMP-6", "是否收费": "否", "收费标准": "10元"},
    ]
    errors = import_file("目录.csv", csv_bytes(rows), officer)
    text = "\n".join(errors)

    assert "第3行：请填写事项编码。" in errors and "第3行：请填写事项名称。" in errors
    assert "第4行：“事项类型”应为以下之一：行政许可、行政确认" in text
    assert "第4行：“法定办结时限（工作日）”应为工作日天数" in text
    assert "第5行：“申请材料”第1项“身份证一张”格式应为：材料名称（原件，1份）" in text
    assert "第6行：“主题”中的“旅游”不是可选主题" in text
    assert "第7行：事项编码“QH-IMP-1”与第2行重复。" in errors
    assert "第8行：“是否收费”为否时，不填收费标准和收费依据。" in errors
    assert not ServiceItem.objects.filter(organization=officer.organization).exists()

    errors = import_file("目录.csv", csv_bytes([ROW, {**ROW, "事项编码": "HX-TAKEN"}]), officer)
    assert errors == ["第3行：事项编码“HX-TAKEN”已被其他单位使用。"]
    assert not ServiceItem.objects.filter(organization=officer.organization).exists()


def test_a_file_without_the_columns_is_refused_as_a_whole(officer):
    assert import_file("目录.csv", csv_bytes([ROW], headers=["事项编码", "事项名称"]), officer)[0].startswith("缺少列")
    assert import_file("目录.xlsx", b"not a zip", officer) == ["文件不是有效的 Excel（.xlsx）文件。"]
    assert import_file("目录.csv", "事项编码\n".encode("utf-16"), officer)  # not UTF-8 or GBK text


def test_a_gbk_csv_from_excel_is_read(officer):
    data = csv_bytes([ROW]).decode("utf-8-sig").encode("gb18030")
    assert import_file("目录.csv", data, officer) == []


def test_export_then_import_round_trips_and_makes_a_change_of_the_item_in_force(
    officer, reviewer, leader, office_staff, client
):
    published = review_through(draft_item(officer, code="QH-HL-1", name="=HYPERLINK(\"http://x\")"), reviewer,
                               leader, office_staff)  # fmt: skip
    client.force_login(officer)
    exported = client.get(f"/staff/services/export/?unit={officer.organization_id}&format=csv").getvalue()

    text = exported.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text  # a formula is neutralised
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["申请材料"].splitlines() == [
        "农村宅基地和建房（规划许可）申请表（原件，1份）", "申请人身份证（复印件，2份）：正反面复印在同一页",
    ]  # fmt: skip
    rows[0]["承诺办结时限（工作日）"] = "8"
    assert import_file("目录.csv", csv_bytes(rows), officer) == []

    change = GuideVersion.objects.get(item=published.item, number=2)
    assert (change.status, change.promised_days, change.name) == (S.DRAFT, 8, published.name)
    kept = change.materials.order_by("order").first()
    assert kept.blank_form.name == published.materials.order_by("order").first().blank_form.name
    assert published.item.current_id == published.pk  # the public still sees version 1


def test_the_xlsx_export_never_writes_a_formula(officer, reviewer, leader, office_staff, client):
    review_through(draft_item(officer, code="QH-F", name="=1+1"), reviewer, leader, office_staff)
    client.force_login(officer)
    data = client.get(f"/staff/services/export/?unit={officer.organization_id}&format=xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_a_version_under_review_is_not_changed_by_an_import(officer, reviewer, leader, office_staff):
    published = review_through(draft_item(officer, code="QH-R"), reviewer, leader, office_staff)
    change = services.draft_change(published.item, actor=officer)
    services.submit(change, actor=officer)
    errors = import_file("目录.csv", csv_bytes([{**ROW, "事项编码": "QH-R"}]), officer)
    assert errors == ["第2行：事项“QH-R”正在审核中（待初审），不能导入修改。"]


def test_the_import_page_shows_the_errors_and_an_outsider_cannot_export_another_unit(client, officer, outsider):
    client.force_login(officer)
    upload = io.BytesIO(csv_bytes([{**ROW, "事项名称": ""}]))
    upload.name = "目录.csv"
    response = client.post("/staff/services/import/", {"organization": officer.organization_id, "file": upload})
    page = response.content.decode()
    assert "第2行：请填写事项名称。" in page and "未导入任何事项" in page
    upload = io.BytesIO(csv_bytes([ROW]))
    upload.name = "目录.csv"
    response = client.post("/staff/services/import/", {"organization": officer.organization_id, "file": upload})
    assert response.status_code == 302 and ServiceItem.objects.filter(code="QH-IMP-1").exists()

    client.force_login(outsider)
    assert client.get(f"/staff/services/export/?unit={officer.organization_id}").status_code == 404
