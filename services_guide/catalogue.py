"""A unit's catalogue as a spreadsheet: one row per item, the materials as a list in one cell (one per line, each
``材料名称（原件，2份）``, optionally ``，非必须`` inside the brackets and ``：说明`` after them). The export writes the
items in force; the import reads the same layout back (CSV in UTF-8 or GBK, or XLSX), checks every row, and saves
nothing unless every row is right (services.import_rows), each item becoming a draft for review."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from services_guide import conf
from services_guide.conf import Theme
from services_guide.models import GuideVersion, Kind, Level, Material, Online, Target, validate_item_code
from services_guide.services import MaterialInput

# (header, key): the guide's fields, and the columns that need translating.
COLUMNS = [
    ("事项编码", "code"),
    ("事项名称", "name"),
    ("事项类型", "kind"),
    ("行使层级", "level"),
    ("服务对象", "target"),
    ("主题", "themes"),
    ("设定依据", "basis"),
    ("受理条件", "conditions"),
    ("申请材料", "materials"),
    ("办理流程", "process"),
    ("法定办结时限（工作日）", "legal_days"),
    ("承诺办结时限（工作日）", "promised_days"),
    ("是否收费", "charges"),
    ("收费标准", "fee_standard"),
    ("收费依据", "fee_basis"),
    ("办理地点", "place"),
    ("办理时间", "hours"),
    ("咨询电话", "phone"),
    ("监督投诉电话", "complaint_phone"),
    ("办理结果", "result"),
    ("网上办理", "online"),
    ("网上办理入口", "online_url"),
    ("中介服务", "intermediary"),
]
HEADERS = [header for header, _ in COLUMNS]
CHOICES = {"kind": Kind, "level": Level, "target": Target, "online": Online}
FORM_LABELS = dict(Material.Form.choices)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_MATERIAL = re.compile(
    r"^(?P<name>.+?)[（(](?P<form>原件和复印件|原件|复印件|电子材料)(?:[，,]\s*(?P<copies>\d+)\s*份)?"
    r"(?:[，,]\s*(?P<required>必须|非必须))?[）)](?:[：:]\s*(?P<note>.*))?$"
)


def material_text(material: Material) -> str:
    if material.form == Material.Form.ELECTRONIC:
        inside = FORM_LABELS[material.form]
    else:
        inside = f"{FORM_LABELS[material.form]}，{material.copies}份"
    if not material.required:
        inside += "，非必须"
    return f"{material.name}（{inside}）" + (f"：{material.note}" if material.note else "")


def row_for(version: GuideVersion) -> list:
    values = {
        "code": version.item.code,
        "themes": "、".join(version.theme_labels),
        "materials": "\n".join(material_text(m) for m in version.materials.all()),
        "charges": "是" if version.charges else "否",
    }
    row = []
    for _, key in COLUMNS:
        if key in values:
            row.append(values[key])
        elif key in CHOICES:
            value = getattr(version, key)
            row.append(CHOICES[key](value).label if value else "")
        else:
            value = getattr(version, key)
            row.append("" if value is None else value)
    return row


def export_xlsx(versions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("政务服务事项目录")
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.append([_text_cell(sheet, h, WriteOnlyCell, font=bold) for h in HEADERS])
    for version in versions:
        sheet.append([_text_cell(sheet, value, WriteOnlyCell, alignment=wrap) for value in row_for(version)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cell(sheet, value, cell_class, **style):
    cell = cell_class(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


# --- import


@dataclass
class ImportRow:
    line: int
    code: str
    fields: dict
    themes: list[str]
    materials: list[MaterialInput]


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class UnreadableFile(Exception):
    """The file as a whole cannot be read (not a table, wrong columns, too large)."""


def read_table(name: str, data: bytes) -> list[list[str]]:
    """The file's rows as text cells, header first."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("无法识别文件编码，请另存为 UTF-8 编码的 CSV 文件。")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadableFile(f"CSV 文件格式有误：{exc}") from exc


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile("文件不是有效的 Excel（.xlsx）文件。") from exc
    if unpacked > conf.IMPORT_MAX_UNPACKED_BYTES:
        raise UnreadableFile("Excel 文件解压后过大，请删除无关的工作表和图片后重试。")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFile("文件不是有效的 Excel（.xlsx）文件。") from exc
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_xlsx_text(v) for v in values])
            if len(rows) > conf.IMPORT_MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(name: str, data: bytes) -> ParseResult:
    """Every row checked; ``errors`` holds one Chinese sentence per problem, naming the row as the sheet numbers it."""
    try:
        table = read_table(name, data)
    except UnreadableFile as exc:
        return ParseResult(errors=[str(exc)])
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        return ParseResult(errors=["文件是空的。"])
    header = [_unquote(cell).strip() for cell in table[0]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        return ParseResult(errors=[f"缺少列：{'、'.join(missing)}。请使用导出的文件作为模板。"])
    if len(table) - 1 > conf.IMPORT_MAX_ROWS:
        return ParseResult(errors=[f"一次最多导入{conf.IMPORT_MAX_ROWS}个事项。"])
    positions = {key: header.index(h) for h, key in COLUMNS}
    result = ParseResult()
    seen: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        cells = [_unquote(c) for c in cells] + [""] * len(header)
        values = {key: cells[pos].strip() for key, pos in positions.items()}
        row, problems = _parse_row(line, values)
        if row is not None and row.code in seen:
            problems.append(f"事项编码“{row.code}”与第{seen[row.code]}行重复。")
        if problems:
            result.errors.extend(f"第{line}行：{p}" for p in problems)
        elif row is not None:
            seen[row.code] = line
            result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append("文件中没有事项。")
    return result


def _unquote(value: str) -> str:
    """Undo the export's formula guard (a ``'`` before a formula character)."""
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _parse_row(line: int, values: dict) -> tuple[ImportRow | None, list[str]]:
    problems: list[str] = []
    code = values["code"].upper()
    if not code:
        problems.append("请填写事项编码。")
    else:
        try:
            validate_item_code(code)
        except ValidationError as exc:
            problems.append(exc.messages[0])
    fields: dict = {}
    for header, key in COLUMNS:
        if key in ("code", "themes", "materials"):
            continue
        value = values[key]
        try:
            fields[key] = _convert(key, value)
        except ValueError as exc:
            problems.append(f"“{header}”{exc}")
    if not values["name"]:
        problems.append("请填写事项名称。")
    problems.extend(_cross_checks(fields))
    themes, theme_problems = _themes(values["themes"])
    materials, material_problems = _materials(values["materials"])
    problems.extend(theme_problems + material_problems)
    if problems:
        return None, problems
    return ImportRow(line=line, code=code, fields=fields, themes=themes, materials=materials), []


def _convert(key: str, value: str):
    model_field = GuideVersion._meta.get_field(key)
    if key in CHOICES:
        if not value:
            return Online.NONE if key == "online" else ""
        by_label = {label: v for v, label in CHOICES[key].choices}
        if value not in by_label:
            raise ValueError(f"应为以下之一：{'、'.join(by_label)}。")
        return by_label[value]
    if key in ("legal_days", "promised_days"):
        if not value:
            return None
        if not value.isdigit() or int(value) > 3650:
            raise ValueError("应为工作日天数（0或正整数）。")
        return int(value)
    if key == "charges":
        if value not in ("", "是", "否"):
            raise ValueError("应填“是”或“否”。")
        return value == "是"
    if key == "online_url" and value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as exc:
            raise ValueError("不是有效的网址（以 http:// 或 https:// 开头）。") from exc
    max_length = getattr(model_field, "max_length", None)
    if max_length and len(value) > max_length:
        raise ValueError(f"不能超过{max_length}个字。")
    return value


def _cross_checks(fields: dict) -> list[str]:
    problems = []
    legal, promised = fields.get("legal_days"), fields.get("promised_days")
    if legal is not None and promised is not None and promised > legal:
        problems.append("承诺办结时限不能长于法定办结时限。")
    if fields.get("online") == Online.NONE and fields.get("online_url"):
        problems.append("“网上办理”为不支持网上办理时，不填网上办理入口。")
    if not fields.get("charges") and (fields.get("fee_standard") or fields.get("fee_basis")):
        problems.append("“是否收费”为否时，不填收费标准和收费依据。")
    return problems


def _themes(text: str) -> tuple[list[str], list[str]]:
    by_label = {label: value for value, label in Theme.choices}
    names = [n.strip() for n in re.split(r"[、，,；;\n]", text) if n.strip()]
    unknown = [n for n in names if n not in by_label]
    if unknown:
        return [], [f"“主题”中的“{'、'.join(unknown)}”不是可选主题（可选：{'、'.join(by_label)}）。"]
    return [by_label[n] for n in names], []


def _materials(text: str) -> tuple[list[MaterialInput], list[str]]:
    entries = [e.strip() for e in (text.splitlines() if "\n" in text else re.split(r"[；;]", text)) if e.strip()]
    materials, problems = [], []
    if len(entries) > conf.MAX_MATERIALS:
        return [], [f"“申请材料”最多{conf.MAX_MATERIALS}项。"]
    for n, entry in enumerate(entries, start=1):
        match = _MATERIAL.match(entry)
        if not match:
            problems.append(f"“申请材料”第{n}项“{entry[:30]}”格式应为：材料名称（原件，1份），每行一项。")
            continue
        form = {label: value for value, label in FORM_LABELS.items()}[match["form"]]
        copies = int(match["copies"] or 1)
        if form != Material.Form.ELECTRONIC and not 1 <= copies <= 99:
            problems.append(f"“申请材料”第{n}项的份数应为1至99。")
            continue
        name, note = match["name"].strip(), (match["note"] or "").strip()
        if len(name) > 200 or len(note) > 300:
            problems.append(f"“申请材料”第{n}项的名称或说明过长。")
            continue
        materials.append(MaterialInput(name=name, form=form, copies=copies, required=match["required"] != "非必须",
                                       note=note))  # fmt: skip
    return materials, problems
