"""The data migrations: every column of the tree the disclosure app creates gets its default update class, and the
starter 错敏 dictionary is there; both undo cleanly."""

import importlib

import pytest
from django.apps import apps

from disclosure.models import Column
from inspection.models import ColumnRule, UpdateClass, WordingRule

pytestmark = pytest.mark.django_db

column_rules = importlib.import_module("inspection.migrations.0003_column_rules")
dictionary = importlib.import_module("inspection.migrations.0002_wording_dictionary")


def classes() -> dict[str, tuple[str, bool]]:
    return {r.column.slug: (r.update_class, r.per_unit) for r in ColumnRule.objects.select_related("column")}


def test_every_column_taking_documents_has_its_default_class():
    rules = classes()
    assert {c.slug for c in Column.objects.all() if c.accepts_documents} <= set(rules)
    assert rules["zwyw"] == (UpdateClass.NEWS, False)
    assert rules["xzdt"] == rules["bmdt"] == (UpdateClass.NEWS, True)
    assert rules["tzgg"] == (UpdateClass.NOTICE, False)
    assert rules["gfxwj"] == rules["zcjd"] == (UpdateClass.POLICY, False)
    assert rules["gkzd"] == (UpdateClass.NONE, False)
    assert rules["fd-14"] == (UpdateClass.PERSONNEL, False)
    assert rules["ndbg"] == rules["jc-01"] == (UpdateClass.PLANNING, False)
    assert rules["xz-01"] == rules["xj-01"] == (UpdateClass.NOTICE, False)


def test_the_column_rules_undo_and_redo():
    ColumnRule.objects.filter(column__slug="tzgg").update(update_class=UpdateClass.NEWS)  # the office changed one
    column_rules.remove_rules(apps, None)
    assert not ColumnRule.objects.exists()
    column_rules.create_rules(apps, None)
    assert classes()["tzgg"] == (UpdateClass.NOTICE, False)
    column_rules.create_rules(apps, None)  # again: nothing doubled
    assert ColumnRule.objects.filter(column__slug="tzgg").count() == 1


def test_the_starter_dictionary_is_there_and_undoes():
    assert WordingRule.objects.count() == len(dictionary.RULES)
    assert WordingRule.objects.get(wrong="台湾政府").is_serious
    assert not WordingRule.objects.get(wrong="国土资源局").is_serious
    WordingRule.objects.create(wrong="某县自定义", correct="正确")
    dictionary.remove_rules(apps, None)
    assert list(WordingRule.objects.values_list("wrong", flat=True)) == ["某县自定义"]
