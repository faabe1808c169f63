from portal.home import Block
from portal.workbench import Section


def workbench_sections(user) -> list[Section]:
    return []


def home_block(request) -> Block | None:
    return None
