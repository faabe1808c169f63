"""Chinese full-text search over the whole portal (django-haystack + Whoosh + jieba): one results page for every
kind of public content, kept current after each commit, repaired nightly, answered from the database when the index
is unavailable.

Adding an app's content to the search
-------------------------------------
1. Write ``<app>/search_indexes.py`` (haystack finds it by that name in every installed app)::

       from haystack import indexes
       from search.indexes import PortalSearchIndex

       class MessageReplyIndex(PortalSearchIndex, indexes.Indexable):
           kind_label = "政民互动"

           def get_model(self):
               return Message

           def index_queryset(self, using=None):
               return Message.objects.published().select_related("unit")   # only what the public may see

           def get_updated_field(self):
               return "updated_at"              # optional: the nightly reconcile re-indexes recent edits

           def prepare_title(self, obj): ...
           def prepare_unit(self, obj): ...     # 发布机构 / 答复单位 (a facet)
           def prepare_column(self, obj): ...   # the category shown as 栏目 (a facet)
           def prepare_doc_type(self, obj): ... # 类型 (a facet)
           def prepare_pub_date(self, obj): ... # aware datetime; the year facet derives from it

   and ``templates/search/indexes/<app>/<model>_text.txt`` with the searchable text (body first, then title and
   metadata, because snippets start at the top). The model needs ``get_absolute_url``.
2. In the service that publishes, edits or withdraws the row, queue the one index task after commit::

       after_commit(search.tasks.index_object, "<app>.<model>", pk)   # portal.workflow.after_commit

   ``index_object`` indexes the row when ``index_queryset`` holds it and removes it otherwise, so the same call
   serves publishing, editing and withdrawal.
3. Nothing else: the nightly ``search.reconcile`` task compares every registered index with its ``index_queryset``
   and repairs differences (a broker that was down loses nothing); ``manage.py rebuild_index`` rebuilds everything.
   Rebuild after changing the user dictionary (``search/userdict.txt``).

Engines
-------
``SEARCH_URL=whoosh:///path`` (default) uses ``search.backend.PortalWhooshEngine``; an Elasticsearch URL uses
haystack's Elasticsearch engine with the same index classes (jieba is not needed there: install the IK or smartcn
analyzer plugin). The results page works on both; the fast facets, phrase re-rank and pinyin are Whoosh-side.
"""
