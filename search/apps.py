from portal.apps import ProductAppConfig


class SearchConfig(ProductAppConfig):
    """The site-wide search: its page (search.urls) and its nightly reconcile (search.schedule). Each app's content
    joins through ``<app>/search_indexes.py``, which haystack discovers in every installed app."""

    name = "search"
    verbose_name = "全站搜索"

    def ready(self) -> None:
        from search import conf, mapped, pinyin, segment

        mapped.install()

        # jieba and the pinyin map with its readings take about 100 MB: a web worker that only serves pages never
        # loads them (the first search or index write does, in about 0.5 s with the model and the map cached in
        # DATA_DIR/cache). SEARCH_PRELOAD=1 loads them here instead, before a pre-forking server forks its
        # workers, which then share those pages (deploy/systemd/portal-search.service).
        if conf.SEARCH_PRELOAD:
            segment.init()
            pinyin.preload()
            # The search code with Whoosh (some seventy modules) and every app's search index, imported once for all
            # workers instead of by each at its first search.
            from haystack import connections

            from search import engine  # noqa: F401

            connections["default"].get_unified_index().build()
