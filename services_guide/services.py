"""Every state change of the 办事服务 catalogue. Table transitions go through ``WORKFLOW.run`` (lock, check, change,
history row); creations are recorded with ``WORKFLOW.record``; the search index is updated after commit when an item
becomes public, changes or stops (``search.tasks.index_object`` indexes or removes it as its state says)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.errors import DomainError, InvalidTransition, NotAllowed, require_text
from portal.review import OPINION_REQUIRED, ReviewLevel
from portal.uploads import check_upload
from portal.workflow import after_commit, lock_row
from search.tasks import index_object
from services_guide import conf
from services_guide.models import (
    OPEN_STATES,
    GuideHistory,
    GuideVersion,
    Material,
    Online,
    ServiceItem,
    VersionTheme,
    validate_item_code,
)
from services_guide.workflows import WORKFLOW, may_draft_for

S = GuideVersion.Status
A = GuideHistory.Action
SEARCH_LABEL = "services_guide.serviceitem"

GUIDE_FIELDS = (
    "name", "kind", "level", "target", "basis", "conditions", "process", "legal_days", "promised_days", "charges",
    "fee_standard", "fee_basis", "place", "hours", "phone", "complaint_phone", "result", "online", "online_url",
    "intermediary",
)  # fmt: skip
MATERIAL_FIELDS = ("name", "form", "copies", "required", "note")
FILE_FIELDS = ("blank_form", "example")


@dataclass
class MaterialInput:
    """One row of the materials of a version as an editor left it. ``pk`` names an existing row of the version (None
    for a new one); an upload replaces the stored file, ``clear_*`` removes it; ``delete`` drops the row."""

    name: str
    form: str = Material.Form.ORIGINAL
    copies: int = 1
    required: bool = True
    note: str = ""
    pk: int | None = None
    blank_form: object = None
    example: object = None
    clear_blank_form: bool = False
    clear_example: bool = False
    delete: bool = False


# --- checks shared with the forms


def check_material_file(upload) -> str:
    """A blank form or example: a document or an image, type-sniffed and size-capped (portal.uploads)."""
    return check_upload(upload, conf.MATERIAL_FILE_KINDS, conf.MATERIAL_FILE_MAX_BYTES)


def check_code(code: str) -> str:
    code = (code or "").strip().upper()
    try:
        validate_item_code(code)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    if ServiceItem.objects.filter(code=code).exists():
        raise DomainError(f"事项编码“{code}”已被使用。")
    return code


def check_guide(version: GuideVersion) -> None:
    """Rules a saved draft must keep even while incomplete."""
    if (
        version.legal_days is not None
        and version.promised_days is not None
        and version.promised_days > version.legal_days
    ):
        raise DomainError("承诺办结时限不能长于法定办结时限。")
    if version.online == Online.NONE and version.online_url:
        raise DomainError("不支持网上办理的事项不填网上办理入口。")
    if not version.charges and (version.fee_standard.strip() or version.fee_basis.strip()):
        raise DomainError("不收费的事项不填收费标准和收费依据；收费的请勾选“收费”。")


# --- drafting


@transaction.atomic
def create_item(*, actor, organization, code: str, name: str, themes=(), materials=(), action: str = A.CREATE,
                **fields) -> GuideVersion:  # fmt: skip
    """A new item with its first version, a draft."""
    refusal = may_draft_for(actor, organization)
    if refusal:
        raise NotAllowed(refusal)
    item = ServiceItem.objects.create(organization=organization, code=check_code(code), created_by=actor)
    version = GuideVersion(item=item, number=1, name=name.strip(), created_by=actor)
    _apply_fields(version, fields)
    check_guide(version)
    version.save()
    _set_themes(version, themes)
    _set_materials(version, materials)
    WORKFLOW.record(version, action, actor=actor, from_state="")
    return version


@transaction.atomic
def draft_change(item: ServiceItem, *, actor) -> GuideVersion:
    """A new version of a published item, copied from the one in force; the public page keeps showing that one until
    the change is approved."""
    lock_row(item)
    refusal = may_draft_for(actor, item.organization)
    if refusal:
        raise NotAllowed(refusal)
    current = item.current
    if current is None or current.status != S.PUBLISHED:
        raise InvalidTransition("只有现行有效的事项可以起草变更。")
    if item.versions.filter(status__in=OPEN_STATES).exists():
        raise InvalidTransition("该事项已有一个未完成的版本，请先完成或作废它。")
    number = item.versions.order_by("-number").values_list("number", flat=True).first() + 1
    version = GuideVersion(item=item, number=number, created_by=actor, name=current.name)
    for name in GUIDE_FIELDS:
        setattr(version, name, getattr(current, name))
    version.save()
    _set_themes(version, current.theme_codes)
    Material.objects.bulk_create(
        Material(version=version, **{f: getattr(m, f) for f in (*MATERIAL_FIELDS, "order", *FILE_FIELDS,
                                                                  "blank_form_name", "example_name")})
        for m in current.materials.all()
    )  # fmt: skip
    WORKFLOW.record(version, A.CHANGE, actor=actor, from_state="", extra={"from_version": current.number})
    return version


def update_version(version: GuideVersion, *, actor, themes=None, materials=None, **fields) -> GuideVersion:
    """Save an editor's changes to a draft (or a version returned for changes)."""

    def step(obj: GuideVersion) -> dict:
        changed = _apply_fields(obj, fields)
        check_guide(obj)
        if themes is not None and sorted(set(themes)) != sorted(obj.theme_codes):
            _set_themes(obj, themes)
            changed.append("themes")
        if materials is not None and _set_materials(obj, materials):
            changed.append("materials")
        return {"fields": changed}

    return WORKFLOW.run(version, A.EDIT, actor=actor, step=step)


def _apply_fields(version: GuideVersion, fields: dict) -> list[str]:
    changed = []
    for name, value in fields.items():
        if name not in GUIDE_FIELDS:
            raise ValueError(f"not a guide field: {name}")
        if isinstance(value, str):
            value = value.strip()
        if getattr(version, name) != value:
            setattr(version, name, value)
            changed.append(name)
    return changed


def _set_themes(version: GuideVersion, themes) -> None:
    from services_guide.conf import Theme

    unknown = [t for t in themes if t not in Theme.values]
    if unknown:
        raise DomainError(f"未知的主题：{'、'.join(unknown)}。")
    version.themes.all().delete()
    VersionTheme.objects.bulk_create(VersionTheme(version=version, theme=t) for t in sorted(set(themes)))
    version._prefetched_objects_cache = {}


def _set_materials(version: GuideVersion, rows) -> bool:
    """Make the version's materials what ``rows`` say; True if anything changed."""
    rows = list(rows)
    kept = [r for r in rows if not r.delete]
    if len(kept) > conf.MAX_MATERIALS:
        raise DomainError(f"每个事项最多{conf.MAX_MATERIALS}项申请材料。")
    existing = {m.pk: m for m in version.materials.all()}
    changed = False
    for order, row in enumerate(rows):
        material = existing.pop(row.pk, None) if row.pk else None
        if row.pk and material is None:
            raise DomainError("申请材料已被修改，请刷新页面后重试。")
        if row.delete:
            if material is not None:
                _drop_files(material, FILE_FIELDS)
                material.delete()
                changed = True
            continue
        changed |= _save_material(version, material, row, order)
    # Rows the editor did not send back are left as they are (an import names only the rows it carries).
    return changed


def _save_material(version: GuideVersion, material: Material | None, row: MaterialInput, order: int) -> bool:
    name = row.name.strip()
    if not name:
        raise DomainError("请填写申请材料名称。")
    if row.form not in Material.Form.values:
        raise DomainError(f"申请材料“{name}”的材料形式无效。")
    if row.form != Material.Form.ELECTRONIC and not (1 <= int(row.copies or 0) <= 99):
        raise DomainError(f"申请材料“{name}”的份数应为1至99。")
    material = material or Material(version=version)
    before = {f: getattr(material, f) for f in (*MATERIAL_FIELDS, "order")} if material.pk else None
    material.name, material.form, material.copies = name, row.form, int(row.copies or 1)
    material.required, material.note, material.order = bool(row.required), row.note.strip(), order
    files_changed = False
    for which in FILE_FIELDS:
        upload = getattr(row, which)
        if upload:
            try:
                check_material_file(upload)
            except ValidationError as exc:
                raise DomainError(exc.messages[0]) from exc
            _drop_files(material, (which,))
            getattr(material, which).save(upload.name, upload, save=False)
            setattr(material, f"{which}_name", _display_name(upload.name))
            files_changed = True
        elif getattr(row, f"clear_{which}") and getattr(material, which):
            _drop_files(material, (which,))
            setattr(material, which, "")
            setattr(material, f"{which}_name", "")
            files_changed = True
    after = {f: getattr(material, f) for f in (*MATERIAL_FIELDS, "order")}
    if before == after and not files_changed:
        return False
    material.save()
    return True


def _display_name(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]


def _drop_files(material: Material, which: tuple[str, ...]) -> None:
    """Delete a material's stored files unless another version's row still uses them (a change shares the files of
    the version it was copied from, and published versions keep theirs for good)."""
    for name in which:
        stored = getattr(material, name)
        if not stored:
            continue
        shared = Material.objects.filter(**{name: stored.name}).exclude(pk=material.pk).exists()
        if not shared:
            stored.delete(save=False)


# --- review and publication


def submit(version: GuideVersion, *, actor) -> GuideVersion:
    def step(obj: GuideVersion) -> None:
        obj.review_round += 1
        obj.submitted_by = actor
        obj.submitted_at = timezone.now()

    return WORKFLOW.run(version, A.SUBMIT, actor=actor, step=step)


def pass_review(version: GuideVersion, *, actor, level: str, opinion: str = "") -> GuideVersion:
    """初审 (``level="first"``) or 复审 (``"second"``) passed: on to the next level. The level is the one the
    reviewer saw: if the version has moved on meanwhile, the action is refused rather than taken at another level."""
    action = {ReviewLevel.FIRST: A.PASS_FIRST, ReviewLevel.SECOND: A.PASS_SECOND}[level]
    return WORKFLOW.run(version, action, actor=actor, opinion=opinion.strip())


def approve(version: GuideVersion, *, actor, opinion: str = "") -> GuideVersion:
    """终审: the version applies from now; the one it replaces is kept as a 历史版本 with the dates it applied."""

    def step(obj: GuideVersion) -> dict:
        item = obj.item
        lock_row(item)
        now = timezone.now()
        previous = item.current
        obj.published_at, obj.published_by = now, actor
        extra = {}
        if previous is not None and previous.pk != obj.pk and previous.status == S.PUBLISHED:
            previous.status, previous.superseded_at = S.SUPERSEDED, now
            previous.save(update_fields=["status", "superseded_at", "updated_at"])
            WORKFLOW.record(
                previous, A.SUPERSEDE, actor=actor, from_state=S.PUBLISHED, extra={"by_version": obj.number}
            )
            extra["replaces_version"] = previous.number
        item.current = obj
        item.save(update_fields=["current"])
        after_commit(index_object, SEARCH_LABEL, item.pk)
        return extra

    return WORKFLOW.run(version, A.APPROVE, actor=actor, step=step, opinion=opinion.strip())


def return_for_changes(version: GuideVersion, *, actor, opinion: str) -> GuideVersion:
    return WORKFLOW.run(version, A.RETURN, actor=actor, opinion=require_text(opinion, OPINION_REQUIRED))


def reject(version: GuideVersion, *, actor, opinion: str) -> GuideVersion:
    return WORKFLOW.run(version, A.REJECT, actor=actor, opinion=require_text(opinion, OPINION_REQUIRED))


def discard(version: GuideVersion, *, actor, opinion: str = "") -> GuideVersion:
    return WORKFLOW.run(version, A.DISCARD, actor=actor, opinion=opinion.strip())


@transaction.atomic
def stop(version: GuideVersion, *, actor, reason: str, stopped_on: date) -> GuideVersion:
    """停止办理 of the item whose version in force is ``version``: the item leaves the lists and the search; its page
    stays, saying since when and why. A change that was being drafted or reviewed is void with it."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写停止办理的原因。")
    if stopped_on is None:
        raise DomainError("请填写停止办理日期。")
    if stopped_on > timezone.localdate():
        raise DomainError("停止办理日期不能晚于今天；请在停止之日办理。")
    lock_row(version)
    refusal = WORKFLOW.problem(version, actor, A.STOP)
    if refusal is not None:
        raise refusal
    for open_version in version.item.versions.filter(status__in=OPEN_STATES):
        discard(open_version, actor=actor, opinion="事项停止办理，未完成的版本随之作废。")

    def step(obj: GuideVersion) -> None:
        obj.stopped_on, obj.stop_reason = stopped_on, reason
        after_commit(index_object, SEARCH_LABEL, obj.item_id)

    return WORKFLOW.run(version, A.STOP, actor=actor, step=step, opinion=reason, extra={"stopped_on": stopped_on})


# --- import of a unit's catalogue


@dataclass
class ImportOutcome:
    created: int = 0
    changed: int = 0
    errors: list[str] = field(default_factory=list)


def import_rows(rows, *, actor, organization) -> ImportOutcome:
    """Save checked rows (services_guide.catalogue.parse) as drafts: a new code becomes a new item, a code of the
    unit's item in force becomes a change of it, a code whose draft is open updates that draft. Any row that cannot
    be saved refuses the whole file: nothing is saved."""
    refusal = may_draft_for(actor, organization)
    if refusal:
        return ImportOutcome(errors=[refusal])
    items = {i.code: i for i in ServiceItem.objects.filter(code__in=[r.code for r in rows]).select_related("current")}
    open_versions = {v.item_id: v for v in GuideVersion.objects.filter(item__in=items.values(), status__in=OPEN_STATES)}
    errors = [f"第{row.line}行：{problem}" for row in rows if (problem := _import_problem(row, items, open_versions,
                                                                                        organization))]  # fmt: skip
    if errors:
        return ImportOutcome(errors=errors)
    outcome = ImportOutcome()
    try:
        with transaction.atomic():
            for row in rows:
                outcome.created += _import_row(row, items.get(row.code), open_versions, actor, organization)
            outcome.changed = len(rows) - outcome.created
    except DomainError as exc:
        return ImportOutcome(errors=[f"第{row.line}行：{exc}"])
    return outcome


def _import_problem(row, items, open_versions, organization) -> str | None:
    item = items.get(row.code)
    if item is None:
        return None
    if item.organization_id != organization.pk:
        return f"事项编码“{row.code}”已被其他单位使用。"
    version = open_versions.get(item.pk)
    if version is not None and version.status not in (S.DRAFT, S.RETURNED):
        return f"事项“{row.code}”正在审核中（{version.get_status_display()}），不能导入修改。"
    if version is None and (item.current is None or item.current.status != S.PUBLISHED):
        return f"事项“{row.code}”已停止办理，不能导入修改。"
    return None


def _import_row(row, item, open_versions, actor, organization) -> bool:
    """True when the row made a new item."""
    fields = dict(row.fields)
    name = fields.pop("name")
    if item is None:
        create_item(actor=actor, organization=organization, code=row.code, name=name, themes=row.themes,
                    materials=row.materials, action=A.IMPORT, **fields)  # fmt: skip
        return True
    version = open_versions.get(item.pk) or draft_change(item, actor=actor)
    update_version(version, actor=actor, name=name, themes=row.themes, materials=_matched(version, row.materials),
                   **fields)  # fmt: skip
    return False


def _matched(version: GuideVersion, rows: list[MaterialInput]) -> list[MaterialInput]:
    """The file's materials matched to the version's rows by name, so that their uploaded files stay; rows the file
    no longer names are dropped."""
    existing = {m.name: m for m in version.materials.all()}
    matched = []
    for row in rows:
        material = existing.pop(row.name, None)
        matched.append(MaterialInput(**{**row.__dict__, "pk": material.pk if material else None}))
    matched.extend(MaterialInput(name=m.name, pk=m.pk, delete=True) for m in existing.values())
    return matched
