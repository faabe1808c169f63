"""Where blank forms and examples are kept: outside MEDIA_ROOT, so that nginx's /media/ never serves them. Every file
goes out through a view: published versions' files to anyone, a draft's only to the unit's staff and the office."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class GuideFileStorage(FileSystemStorage):
    """``<DATA_DIR>/private/services_guide`` (or the setting SERVICES_GUIDE_FILES_ROOT); no URL of its own."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        default = Path(settings.DATA_DIR) / "private" / "services_guide"
        return str(getattr(settings, "SERVICES_GUIDE_FILES_ROOT", default))

    @cached_property
    def location(self):
        return str(Path(self.base_location).resolve())

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in ("DATA_DIR", "SERVICES_GUIDE_FILES_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


_storage = GuideFileStorage()


def guide_files() -> GuideFileStorage:
    """The storage of FileField(storage=guide_files): a callable, so migrations name it rather than copy it."""
    return _storage
