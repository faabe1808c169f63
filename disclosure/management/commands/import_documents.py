"""Import a folder of old documents (.txt, .html, .docx; the first non-empty line is the title) and publish each
through the same service as a reviewed document: it gets its 索引号, a history row marked as an import, and is
queued for indexing. How a county moves its old site in. Bad files are reported by name and skipped."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure import scan, services
from disclosure.models import DOC_NUMBER_RE, Column, Genre, Topic
from portal.errors import DomainError
from portal.models import Organization, Role, User
from portal.sanitize import clean_html, html_to_text

SUFFIXES = {".txt", ".html", ".htm", ".docx"}
_DOC_NUMBER_IN_TEXT = re.compile(r"\S{1,20}〔(?:19|20)\d{2}〕\d{1,5}号")


class BadFile(Exception):
    pass


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadFile("无法识别文字编码（支持 UTF-8、GB18030/GBK）")


def _paragraphs_html(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip())


def read_file(path: Path) -> tuple[str, str]:
    """(title, sanitised body HTML) of one file; raises BadFile with a Chinese reason."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        try:
            with path.open("rb") as fh:
                lines = scan.docx_text(fh).splitlines()
        except Exception as exc:  # noqa: BLE001 - any damage to the zip/XML is the same for the user
            raise BadFile("不是有效的 Word（.docx）文件") from exc
    elif suffix in (".html", ".htm"):
        markup = _decode(path.read_bytes())
        markup = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", "", markup)
        lines = html.unescape(
            html_to_text(re.sub(r"(?i)<(br|/p|/div|/h\d|/li|/tr)\b[^>]*>", "\n", markup))
        ).splitlines()
        title = next((line.strip() for line in lines if line.strip()), "")
        body = clean_html(markup)
        body = re.sub(rf"^\s*<(h\d|p|div)[^>]*>\s*{re.escape(html.escape(title, quote=False))}\s*</\1>", "", body)
        return _checked(title, body)
    else:
        lines = _decode(path.read_bytes()).splitlines()
    content = [line for line in lines if line.strip()]
    if not content:
        raise BadFile("文件为空")
    return _checked(content[0].strip(), _paragraphs_html(content[1:]))


def _checked(title: str, body: str) -> tuple[str, str]:
    if not title:
        raise BadFile("文件为空")
    if len(title) > 200:
        raise BadFile("第一行过长，不像标题（超过200字）")
    if not html_to_text(body).strip():
        raise BadFile("只有标题，没有正文")
    return title, body


class Command(BaseCommand):
    help = "导入一个文件夹中的 .txt / .html / .docx 文件（首个非空行为标题），按正常流程发布到指定栏目。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="文件夹路径")
        parser.add_argument("--column", required=True, help="栏目代码（slug），如 gfxwj")
        parser.add_argument("--org", required=True, help="发布机构的机构代码")
        parser.add_argument("--written-date", type=date.fromisoformat, help="成文日期 YYYY-MM-DD")
        parser.add_argument("--user", help="以哪位政务公开办人员的名义导入（用户名）；默认第一位")
        parser.add_argument("--topic", default=Topic.GENERAL, choices=Topic.values, help="主题分类")
        parser.add_argument("--genre", default=Genre.OTHER, choices=Genre.values, help="体裁")

    def handle(self, *args, **options):
        folder = Path(options["path"])
        if not folder.is_dir():
            raise CommandError(f"找不到文件夹：{folder}")
        column = Column.objects.filter(slug=options["column"]).first()
        if column is None:
            raise CommandError(f"没有代码为“{options['column']}”的栏目。")
        org = Organization.objects.filter(code=options["org"].upper()).first()
        if org is None:
            raise CommandError(f"没有机构代码为“{options['org']}”的单位。")
        actor = self._actor(options["user"])
        imported, skipped = 0, 0
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            try:
                document = self._import(path, column, org, actor, options)
            except (BadFile, DomainError) as exc:
                skipped += 1
                self.stderr.write(f"跳过 {path.name}：{exc}")
                continue
            imported += 1
            self.stdout.write(f"已导入 {path.name} → {document.index_number}")
        self.stdout.write(self.style.SUCCESS(f"完成：导入 {imported} 个，跳过 {skipped} 个。"))

    def _actor(self, username: str | None) -> User:
        users = User.objects.with_role(Role.OFFICE) | User.objects.filter(is_superuser=True, is_active=True)
        users = users.distinct().order_by("pk")
        actor = users.filter(username=username).first() if username else users.first()
        if actor is None:
            raise CommandError("需要一位政务公开办人员（--user）来执行导入。")
        return actor

    def _import(self, path: Path, column: Column, org: Organization, actor: User, options: dict):
        if path.suffix.lower() not in SUFFIXES:
            raise BadFile(f"不支持的文件类型“{path.suffix or '无扩展名'}”（支持 .txt、.html、.docx）")
        title, body = read_file(path)
        fields: dict = {"body": body}
        if column.carries_metadata:
            text = html_to_text(body)
            number = _DOC_NUMBER_IN_TEXT.search(text[:300])
            fields.update(
                summary=" ".join(text.split())[:120],
                topic=options["topic"],
                genre=options["genre"],
                written_date=options["written_date"],
                doc_number=number.group() if number and DOC_NUMBER_RE.match(number.group()) else "",
            )
        return services.import_document(
            actor=actor, column=column, organization=org, title=title, source_name=path.name, **fields
        )
