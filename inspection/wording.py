"""The 错敏 check: wrong forms from the dictionary (wrong characters in fixed phrases, outdated organ names, wrong forms
of the country's and the Party's names), and leaders' names and posts against each unit's 领导信息.

A leader's post is right when the title written next to the name (before it: 副镇长张三; or after it: 张三副镇长) is the
title one of the person's recorded posts ends with: 局长 fits 县财政局局长, 局长 does not fit 副局长. A name one
character off a leader's, written after that leader's title (镇长张国化), is taken for a misspelt name.

Findings are ``portal.review_warnings.ReviewWarning`` rows: shown at 初审 in the review form, and stored nightly for
everything published."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from portal.review_warnings import ReviewWarning

CONTEXT = 12
# The titles a post is written with, longest first when matched (副局长 before 局长).
TITLES = (
    "书记", "副书记", "党委书记", "党委副书记", "党组书记", "党组副书记", "党工委书记", "县委书记", "县委副书记",
    "县长", "副县长", "常务副县长", "镇长", "副镇长", "乡长", "副乡长", "局长", "副局长", "主任", "副主任",
    "常务副主任", "部长", "副部长", "主席", "副主席", "院长", "副院长", "检察长", "副检察长", "秘书长", "副秘书长",
    "所长", "副所长", "站长", "副站长", "队长", "副队长", "调研员", "四级调研员",
)  # fmt: skip
LEADER_LABEL = "领导职务"
LEADER_NAME_LABEL = "领导姓名"
KIND_LABELS = {"typo": "错别字", "phrase": "固定用语", "organ": "过时机构名称", "name": "国家和党的名称及规范表述"}


@dataclass(frozen=True)
class Rule:
    wrong: str
    correct: str
    label: str
    serious: bool


@dataclass(frozen=True)
class Person:
    name: str
    titles: frozenset[str]  # the title each recorded post ends with
    posts: tuple[str, ...]


@dataclass
class Dictionary:
    rules: dict[str, Rule]
    people: dict[str, Person]
    rule_pattern: re.Pattern | None = None
    name_pattern: re.Pattern | None = None
    title_pattern: re.Pattern | None = None
    by_title: dict[str, list[Person]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rule_pattern = _alternation(self.rules)
        self.name_pattern = _alternation(self.people)
        self.by_title = defaultdict(list)
        for person in self.people.values():
            if len(person.name) >= 3:  # a two-character name one character off is any namesake of the family
                for title in person.titles:
                    self.by_title[title].append(person)
        self.title_pattern = _alternation(self.by_title)


def _alternation(words) -> re.Pattern | None:
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def title_of(post: str) -> str:
    """The title a post ends with (县财政局局长 → 局长; 副镇长 → 副镇长), or the post itself."""
    return max((t for t in TITLES if post.endswith(t)), key=len, default=post)


def _titles(posts: list[str]) -> set[str]:
    """Every title a person holds: a post written as 党委副书记、镇长 holds two."""
    return {title_of(part) for post in posts for part in re.split(r"[、，,；;/\s]+", post) if part}


def build(rules: list[tuple[str, str, str, bool]], leaders: list[tuple[str, str]]) -> Dictionary:
    """From (wrong, correct, kind, serious) rows and (name, post) rows."""
    posts: dict[str, list[str]] = defaultdict(list)
    for name, post in leaders:
        if len(name) >= 2 and post:
            posts[name].append(post)
    people = {name: Person(name, frozenset(_titles(p)), tuple(p)) for name, p in posts.items()}
    table = {w: Rule(w, c, KIND_LABELS.get(k, k), s) for w, c, k, s in rules if w}
    return Dictionary(table, people)


def load() -> Dictionary:
    """The active dictionary and every unit's leaders (two queries)."""
    from inspection.models import WordingRule
    from portal.models import Leader

    rules = WordingRule.objects.filter(is_active=True).values_list("wrong", "correct", "kind", "is_serious")
    return build(list(rules), list(Leader.objects.values_list("name", "post")))


def _warning(label: str, text: str, start: int, end: int, source: str, suggestion: str, serious: bool):
    return ReviewWarning(
        label=label,
        match=text[start:end],
        suggestion=suggestion,
        source=source,
        before=text[max(0, start - CONTEXT) : start],
        after=text[end : end + CONTEXT],
        serious=serious,
    )


def _inside_correct_form(text: str, start: int, rule: Rule) -> bool:
    """The wrong form is part of the right one here (中共中央国务院 is not wrong inside a longer right phrase)."""
    offset = rule.correct.find(rule.wrong) if rule.correct else -1
    return offset >= 0 and start >= offset and text.startswith(rule.correct, start - offset)


def _dictionary_hits(text: str, source: str, d: Dictionary) -> list[ReviewWarning]:
    found = []
    for m in d.rule_pattern.finditer(text) if d.rule_pattern else ():
        rule = d.rules[m.group()]
        if not _inside_correct_form(text, m.start(), rule):
            found.append(_warning(rule.label, text, m.start(), m.end(), source, rule.correct, rule.serious))
    return found


def _title_at(text: str, start: int, end: int) -> str | None:
    """The title written right before the name, else right after it (the longest one that fits)."""
    before = [t for t in TITLES if text.endswith(t, 0, start)]
    if before:
        return max(before, key=len)
    after = [t for t in TITLES if text.startswith(t, end)]
    return max(after, key=len) if after else None


def _leader_hits(text: str, source: str, d: Dictionary) -> list[ReviewWarning]:
    found = []
    for m in d.name_pattern.finditer(text) if d.name_pattern else ():
        person = d.people[m.group()]
        title = _title_at(text, m.start(), m.end())
        if title and title not in person.titles:
            start = m.start() - len(title) if text.endswith(title, 0, m.start()) else m.start()
            end = m.end() if start < m.start() else m.end() + len(title)
            suggestion = f"{person.name}的职务为{'、'.join(person.posts)}"
            found.append(_warning(LEADER_LABEL, text, start, end, source, suggestion, True))
    for m in d.title_pattern.finditer(text) if d.title_pattern else ():
        for person in d.by_title[m.group()]:
            written = text[m.end() : m.end() + len(person.name)]
            if _one_off(written, person.name) and written not in d.people:
                suggestion = f"应为{m.group()}{person.name}"
                found.append(
                    _warning(LEADER_NAME_LABEL, text, m.end(), m.end() + len(written), source, suggestion, True)
                )
    return found


def _one_off(written: str, name: str) -> bool:
    """Same length, same family name, exactly one other character different."""
    if len(written) != len(name) or written[0] != name[0]:
        return False
    return sum(a != b for a, b in zip(written, name, strict=True)) == 1


def check_texts(texts: list[tuple[str, str]], d: Dictionary) -> list[ReviewWarning]:
    found: list[ReviewWarning] = []
    for source, text in texts:
        if text:
            found.extend(_dictionary_hits(text, source, d))
            found.extend(_leader_hits(text, source, d))
    return found


def check_document(document) -> list[ReviewWarning]:
    """The review form's check (portal.review_warnings): the document as its review shows it."""
    from disclosure import selectors

    return check_texts(selectors.document_texts(document), load())
