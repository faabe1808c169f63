"""``import_documents`` of real texts (the laws corpus) followed by searches finds them."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.search.conftest import find

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "laws"
pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/laws")
def test_imported_real_texts_are_found_by_their_words(
    search_index, tmp_path, township, office_staff, django_capture_on_commit_callbacks
):
    folder = tmp_path / "import"
    folder.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:4]
    for path in files:
        shutil.copy(path, folder / path.name)
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_documents",
            str(folder),
            "--column",
            "qtwj",  # 其他文件: the laws carry no county 文号, which 规章 and 规范性文件 columns require
            "--org",
            township.code,
            "--user",
            office_staff.username,
            stdout=StringIO(),
        )
    from disclosure.models import Document

    imported = list(Document.objects.published())
    assert imported
    for document in imported[:5]:
        outcome = find(document.title, title_only=True)
        assert document.title in [hit.title for hit in outcome.hits]
    assert find("人民检察院").total >= 1
