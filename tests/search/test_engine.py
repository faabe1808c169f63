"""The engine's own fast paths: exact BM25 order from posting blocks, bounded phrase checks marked approximate, the
term cache's memory budget, and a found 文号 without noise."""

import random
from collections import Counter

import pytest
from haystack import connections
from whoosh import query as wq

from disclosure.models import Column, Document
from search import conf, engine, postings
from search.types import FACETS
from tests.search.conftest import find, make_document, titles

pytestmark = pytest.mark.django_db


def _index(docs):
    from search import services

    for doc in docs:
        services.sync_object("disclosure.document", doc.pk)


def _searcher():
    return engine.searcher_for(connections["default"].get_backend())


def test_the_ranking_is_whooshs_exact_bm25_order(search_index, township, officer):
    docs = [
        make_document(
            f"第{n}号通知" + ("预算" if n % 3 == 0 else ""),
            "预算" * (n % 5 + 1) + "说明" * (n % 7 + 1) + "管理" * (n % 4 + 1) + "其他内容" * n,
            organization=township,
            author=officer,
        )
        for n in range(14)
    ]
    _index(docs)
    outcome = find("预算 管理", page_size=10)
    fields = [("text", 1.0), ("title", engine.TITLE_BOOST)]
    whoosh_q = wq.And([wq.Or([wq.Term(f, w, boost=b) for f, b in fields]) for w in ("预算", "管理")])
    # limit=None scores every match (no block-quality shortcuts): the true order.
    scores = {hit["url"]: hit.score for hit in _searcher().search(whoosh_q, limit=None)}
    ours = [round(scores[hit.url], 5) for hit in outcome.hits]
    assert ours == sorted((round(s, 5) for s in scores.values()), reverse=True)[:10]
    assert outcome.total == 14


def test_a_quoted_phrase_beyond_the_check_limit_is_marked_approximate(corpus, township, officer, monkeypatch):
    extra = [
        make_document(
            f"通报{n}",
            "今年预算执行良好。" if n % 2 else "预算单独列出，执行另行安排。",
            organization=township,
            author=officer,
        )
        for n in range(6)
    ]
    _index(extra)
    exact = find('"预算执行"')
    assert not exact.approximate
    assert exact.total == 4  # the report and three of the six
    monkeypatch.setattr(conf, "SEARCH_PHRASE_VERIFY_LIMIT", 1)
    monkeypatch.setattr(conf, "SEARCH_RERANK_DEPTH", 0)
    outcome = find('"预算执行"', page_size=1)
    assert outcome.approximate and outcome.facets_approximate
    assert outcome.hits and all("预算执行" in hit.title + hit.snippet_html for hit in outcome.hits)
    assert 1 <= outcome.total <= 7


def test_a_one_token_phrase_needs_no_stored_text_check(corpus, monkeypatch):
    monkeypatch.setattr(conf, "SEARCH_PHRASE_VERIFY_LIMIT", 0)
    monkeypatch.setattr(conf, "SEARCH_RERANK_DEPTH", 0)
    outcome = find('"预算"', page_size=1)
    assert not outcome.approximate  # a document holding the token 预算 holds the text 预算
    assert outcome.total == 3


def test_a_found_doc_number_is_not_followed_by_documents_sharing_its_pieces(corpus):
    outcome = find("西政办发〔2018〕47号")
    assert titles(outcome) == ["示范县预算管理办法"]
    assert outcome.partial_from is None


def test_stored_fields_read_from_the_segments_equal_whooshs(corpus, township, officer):
    _index([make_document(f"补充通知{n}", "预算补充说明", organization=township, author=officer) for n in range(2)])
    searcher = _searcher()
    assert len(searcher.reader().leaf_readers()) > 1  # documents in more than one segment
    for docnum in searcher.reader().all_doc_ids():
        ours = engine.stored_fields(searcher, docnum)
        assert {k: v for k, v in ours.items() if k in searcher.schema} == searcher.stored_fields(docnum)
        assert ours["title"]


def test_shown_documents_are_kept_per_searcher_within_their_character_budget(corpus, township, officer, monkeypatch):
    searcher = _searcher()
    docnums = list(searcher.reader().all_doc_ids())
    reads = []
    real = engine.stored_fields
    monkeypatch.setattr(engine, "stored_fields", lambda s, d: reads.append(d) or real(s, d))
    sizes = {
        d: len(real(searcher, d).get("title") or "") + len(real(searcher, d).get("text") or "") + 100 for d in docnums
    }
    # Room for the two largest documents: showing every document keeps only the last ones shown.
    budget = sum(sorted(sizes.values())[-2:])
    monkeypatch.setattr(engine, "STORED_CACHE_CHARS", budget)
    for d in docnums:
        assert engine.shown_fields(searcher, d) == real(searcher, d)
    assert reads == docnums  # each read once
    kept = searcher._portal_stored
    assert kept.held == sum(size for _, size in kept.entries.values()) <= budget
    assert list(kept.entries) == docnums[-len(kept.entries) :]
    reads.clear()
    engine.shown_fields(searcher, docnums[-1])
    assert reads == []  # kept: not read again
    engine.shown_fields(searcher, docnums[0])
    assert reads == [docnums[0]]  # dropped when the budget ran out: read again


def test_an_edit_is_shown_at_once_though_the_old_text_was_kept(corpus, township, officer):
    doc = make_document("年度预算公开说明", "预算旧内容", organization=township, author=officer)
    _index([doc])
    assert titles(find("预算公开说明"))[0] == "年度预算公开说明"  # the document shown, its fields kept
    Document.objects.filter(pk=doc.pk).update(title="年度预算公开说明（修订）")
    _index([Document.objects.get(pk=doc.pk)])
    shown = titles(find("预算公开说明"))
    assert shown[0] == "年度预算公开说明（修订）"
    assert "年度预算公开说明" not in shown


def _also_list(docs, slugs):
    """List each document in the columns named besides its own, and index it again."""
    for doc, names in zip(docs, slugs, strict=True):
        doc.also_listed_in.set(Column.objects.filter(slug__in=names))
    _index(docs)


def test_facets_counted_by_combination_equal_counting_each_field(corpus, monkeypatch):
    # Some documents listed in other columns too: counted under each (their own column first).
    _also_list(corpus[:3], [["tzgg"], ["tzgg", "xzdt"], ["xzdt"]])
    searcher = _searcher()
    arrays = engine.facet_arrays(searcher)
    everything = set(searcher.reader().all_doc_ids())
    also = arrays[engine._ALSO]
    assert len(also) == 3
    rng = random.Random(3)
    for n in range(80):
        matched = everything if n == 0 else {d for d in everything if rng.random() < 0.6}
        fields = rng.sample(list(FACETS), rng.randrange(0, 3)) if n else []
        chosen = {f: rng.choice([*range(len(engine._values[f])), -1]) for f in fields}
        expected = {}
        for field in FACETS:
            counts = Counter()
            for d in engine._apply_filters(matched, arrays, chosen, skip=field):
                counts[arrays[field][d]] += 1
                if field == "column":
                    counts.update(o for o in also.get(d, ()) if o != arrays[field][d])
            pairs = [(engine._values[field][o], c) for o, c in counts.items() if engine._values[field][o]]
            expected[field] = sorted(pairs, key=lambda p: (-p[1], p[0]))
        if n == 0:
            assert all(expected[field] for field in ("kind", "unit", "year"))
        assert engine._count_facets(matched, arrays, chosen) == (expected, False)
    # Above the exact limit every n-th match is counted and the counts scaled.
    monkeypatch.setattr(conf, "SEARCH_FACET_EXACT_LIMIT", 4)
    facets, approximate = engine._count_facets(everything, arrays, {})
    step = -(-len(everything) // 4)
    assert approximate and all(n % step == 0 for _, n in facets["kind"])
    assert abs(sum(n for _, n in facets["kind"]) - len(everything)) <= step
    # The sampled documents count under their other columns too.
    sample = sorted(everything)[::step]
    listings = sum(len([o for o in also.get(d, ()) if o != arrays["column"][d]]) for d in sample)
    assert listings and sum(n for _, n in facets["column"]) == step * (len(sample) + listings)


def test_the_generation_is_listed_again_only_when_the_folder_changes(corpus, township, officer, monkeypatch):
    backend = connections["default"].get_backend()
    listed = []
    real = type(backend.index).latest_generation
    monkeypatch.setattr(type(backend.index), "latest_generation", lambda index: listed.append(1) or real(index))
    first = engine.latest_generation(backend)
    engine.latest_generation(backend)
    assert len(listed) == 2  # the folder changed in the last two seconds: listed each time
    monkeypatch.setattr(engine, "_RECENT_NS", 0)
    assert engine.latest_generation(backend) == first and engine.latest_generation(backend) == first
    assert len(listed) == 2  # kept while the folder's modification time stays
    _index([make_document("新发布的通知", "新发布的内容", organization=township, author=officer)])
    assert engine.latest_generation(backend) > first
    assert len(listed) == 3
    assert titles(find("新发布")) == ["新发布的通知"]


def test_the_term_cache_stays_within_its_memory_budget(corpus):
    searcher = _searcher()
    cache = postings.TermCache(searcher, budget=1)
    for word in ("预算", "财政", "公开"):
        assert cache.term("text", word).ids
    assert len(cache._terms) == 1  # only the last term is kept once over budget
    big = postings.TermCache(searcher, budget=10**9)
    first = big.term("text", "预算")
    assert big.term("text", "预算") is first
    assert first.ids == set(searcher.docs_for_query(wq.Term("text", "预算")))
    some = set(range(searcher.doc_count_all()))
    assert big.sparse("text", "预算", some) == {d: first.scores[d] for d in first.ids}


def test_bulk_writes_skip_merging_and_publishes_never_merge_big_segments(search_index, township, officer, monkeypatch):
    from search import backend as backend_module
    from search import services

    monkeypatch.setattr(backend_module, "_BULK", 2)
    monkeypatch.setattr(conf, "SEARCH_BULK_PROCS", 1)
    monkeypatch.setattr(conf, "SEARCH_SMALL_SEGMENT_DOCS", 3)
    engine_backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Document)

    def segments():
        return [seg.doc_count_all() for seg in engine_backend.index.refresh()._segments()]

    for batch in range(3):
        docs = [
            make_document(f"预算通知{batch}-{n}", "预算正文", organization=township, author=officer) for n in range(3)
        ]
        engine_backend.update(index, docs)
    assert segments() == [3, 3, 3]  # bulk commits: no merge
    for n in range(6):
        services.sync_object(
            "disclosure.document", make_document(f"预算公告{n}", "预算", organization=township, author=officer).pk
        )
    after = segments()
    assert after.count(3) == 3 and sum(after) == 15  # publishes merged only their own small segments
    assert find("预算").total == 15
    assert not engine_backend.compact()  # few segments, nothing deleted
    assert engine_backend.compact(force=True)
    assert segments() == [15]
    assert find("预算").total == 15


def test_the_nightly_task_compacts_an_index_with_many_deletions(corpus, monkeypatch):
    from search import tasks

    engine_backend = connections["default"].get_backend()
    Document.objects.filter(pk__in=[d.pk for d in corpus[:2]]).update(status=Document.Status.WITHDRAWN)
    assert tasks.reconcile() == {"added": 0, "removed": 2, "refreshed": 4, "checked": 4}  # all four made today
    segments = engine_backend.index.refresh()._segments()
    assert len(segments) == 1 and segments[0].deleted_count() == 0
    assert find("营商环境").total == 0


def test_results_are_stored_at_their_second_computation_in_a_process_and_looked_up_then(corpus, monkeypatch):
    from django.core.cache import cache

    from search import services

    monkeypatch.setattr(conf, "SEARCH_CACHE_ADMIT_AFTER", 2)  # the production default (the test settings say 1)
    runs, gets, sets = [], [], []
    engine_backend = services.backend()
    real_run, real_get, real_set = engine_backend.portal_search, cache.get, cache.set
    monkeypatch.setattr(engine_backend, "portal_search", lambda request: runs.append(1) or real_run(request))
    monkeypatch.setattr(services, "backend", lambda: engine_backend)
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: gets.append(key) or real_get(key, *a, **k))
    monkeypatch.setattr(cache, "set", lambda key, *a, **k: sets.append(key) or real_set(key, *a, **k))

    def results(keys):
        return [key for key in keys if key.startswith("search:page:")]

    first = find("预算")
    assert (len(runs), results(gets), results(sets)) == (1, [], [])  # asked once: neither looked up nor stored
    assert titles(find("预算")) == titles(first)  # asked again: computed and stored, not looked up (it would miss)
    assert (len(runs), len(results(gets)), len(results(sets))) == (2, 0, 1)
    assert titles(find("预算")) == titles(first)  # from the cache
    assert (len(runs), len(results(gets))) == (2, 1)
    find("财政")  # another query: computed, not looked up
    assert (len(runs), len(results(gets))) == (3, 1)


def test_a_document_listed_in_another_column_is_found_under_it(corpus, township, officer):
    budget_report, _opinion, rules = corpus[:3]
    own, other = budget_report.column.name, Column.objects.get(slug="tzgg").name
    assert own != other
    before = dict(find("预算").facets["column"])
    before_2024 = dict(find("预算", filters={"year": "2024"}).facets["column"])
    units_before = dict(find("预算", filters={"column": other}).facets["unit"])
    assert budget_report.title not in titles(find("预算", filters={"column": other}))
    _also_list([budget_report], [["tzgg", "gfxwj"]])  # its own column listed again changes nothing
    found = find("预算", filters={"column": other})
    assert budget_report.title in titles(found)
    assert rules.title not in titles(found)  # only in its own column
    everywhere = dict(find("预算").facets["column"])
    assert everywhere == {**before, other: before.get(other, 0) + 1}  # the report counted in both
    # With another filter chosen, the column counts still hold the listed document.
    by_year = dict(find("预算", filters={"year": "2024"}).facets["column"])
    assert by_year == {**before_2024, other: before_2024.get(other, 0) + 1}
    # And the other facets count it when its second column is the one chosen.
    units = dict(find("预算", filters={"column": other}).facets["unit"])
    assert units == {**units_before, township.name: units_before.get(township.name, 0) + 1}


def test_the_database_fallback_filters_by_the_other_columns_too(corpus):
    from search import services
    from search.query import parse
    from search.types import SearchRequest

    def fallback(column: str) -> list[str]:
        request = SearchRequest(query=parse("财政预算"), filters={"column": Column.objects.get(slug=column).name})
        return titles(services.database_search(request))

    assert fallback("tzgg") == []
    _also_list([corpus[0]], [["tzgg"]])
    assert fallback("tzgg") == [corpus[0].title]
    assert fallback("gfxwj") == [corpus[0].title]
