"""Settings and fixed lists of the 办事服务 app."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Public lists.
PAGE_SIZE = 20
ORGANIZATION_ITEMS_SHOWN = 50

# Materials: blank forms and examples are documents or images a citizen downloads and prints.
MAX_MATERIALS = 40
MATERIAL_FILE_KINDS = {"pdf", "ofd", "doc", "docx", "xlsx", "jpeg", "png"}
MATERIAL_FILE_MAX_BYTES = getattr(settings, "SERVICES_GUIDE_FILE_MAX_BYTES", 10 * 1024 * 1024)

# Import: a unit's catalogue is a few hundred items at most; larger files are refused before they are parsed.
IMPORT_MAX_ROWS = 1000
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a ZIP: refuse one that would unpack beyond this


class Theme(models.TextChoices):
    """Life events (个人办事) and business events (法人办事) the catalogue is browsed by, as on the national 政务服务
    平台: a citizen looks for 生育 or 养老, a company for 开办企业 or 工程建设."""

    BIRTH = "birth", "生育收养"
    SCHOOL = "school", "上学"
    JOB = "job", "就业创业"
    MARRIAGE = "marriage", "婚姻登记"
    HOUSING = "housing", "住房"
    SOCIAL_SECURITY = "social_security", "社会保障"
    HEALTH = "health", "医疗卫生"
    ASSISTANCE = "assistance", "社会救助"
    DISABILITY = "disability", "残疾人服务"
    RESIDENCE = "residence", "户籍身份"
    VEHICLE = "vehicle", "交通出行"
    FARMING = "farming", "农业农村"
    RETIREMENT = "retirement", "退休养老"
    FUNERAL = "funeral", "殡葬"
    START_BUSINESS = "start_business", "开办企业"
    QUALIFICATION = "qualification", "资质认定"
    CONSTRUCTION = "construction", "工程建设"
    TAX = "tax", "财税金融"
    TRADE = "trade", "商贸流通"
    FOOD = "food", "食品药品"
    ENVIRONMENT = "environment", "环保审批"
    SAFETY = "safety", "安全生产"
    EMPLOYMENT = "employment", "人力资源"
    CLOSE_BUSINESS = "close_business", "注销清算"


PERSONAL_THEMES = (
    Theme.BIRTH, Theme.SCHOOL, Theme.JOB, Theme.MARRIAGE, Theme.HOUSING, Theme.SOCIAL_SECURITY, Theme.HEALTH,
    Theme.ASSISTANCE, Theme.DISABILITY, Theme.RESIDENCE, Theme.VEHICLE, Theme.FARMING, Theme.RETIREMENT,
    Theme.FUNERAL,
)  # fmt: skip
BUSINESS_THEMES = (
    Theme.START_BUSINESS, Theme.QUALIFICATION, Theme.CONSTRUCTION, Theme.TAX, Theme.TRADE, Theme.FOOD,
    Theme.ENVIRONMENT, Theme.SAFETY, Theme.EMPLOYMENT, Theme.CLOSE_BUSINESS,
)  # fmt: skip
