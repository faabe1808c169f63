from portal.apps import ProductAppConfig


class SearchConfig(ProductAppConfig):
    """The site-wide search: its page (search.urls) and its nightly reconcile (search.schedule). Each app's content
    joins through ``<app>/search_indexes.py``, which haystack discovers in every installed app."""

    name = "search"
    verbose_name = "全站搜索"

    def ready(self) -> None:
        from search import segment

        # Load jieba and the user dictionary once per process (about 0.5 s with the model cached in DATA_DIR/cache),
        # before Celery or a pre-forking web server forks its workers.
        segment.init()
