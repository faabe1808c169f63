"""Every state change of the new-media app, in two parts: ``filings`` (the 备案 workflow of accounts: opening,
change, closure) and ``activity`` (weekly posts reported by the units and the weekly activity check). Callers use
``newmedia.services.<function>``; the names below are the whole public surface."""

from newmedia.services.activity import (
    flags_to_notify,
    import_activity_csv,
    last_complete_week,
    record_activity,
    run_activity_check,
)
from newmedia.services.filings import (
    ClosureDetails,
    create_account,
    grant_exception,
    leader_approve,
    leader_return,
    office_approve,
    office_return,
    open_filing_for,
    recompute_due_dates,
    start_change,
    start_closure,
    submit_to_leader,
    update_change,
    update_closure,
    update_opening,
    withdraw,
)

__all__ = [
    "ClosureDetails",
    "create_account",
    "flags_to_notify",
    "grant_exception",
    "import_activity_csv",
    "last_complete_week",
    "leader_approve",
    "leader_return",
    "office_approve",
    "office_return",
    "open_filing_for",
    "recompute_due_dates",
    "record_activity",
    "run_activity_check",
    "start_change",
    "start_closure",
    "submit_to_leader",
    "update_change",
    "update_closure",
    "update_opening",
    "withdraw",
]
