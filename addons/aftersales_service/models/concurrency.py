# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Concurrency infrastructure shared by the suite's documents (issue 12).

``atomic``: all or nothing inside one request. ``lock_rows``: the guard of the
state changes that create stock or sale documents (start, ship, receive …), so
that two users acting on the same document at once never create them twice.
"""
import time
from contextlib import contextmanager

import psycopg2
from psycopg2.errorcodes import LOCK_NOT_AVAILABLE

from odoo import _
from odoo.exceptions import UserError


@contextmanager
def atomic(env):
    """All or nothing: a failure rolls back what the action created so far
    (savepoint) and drops the ORM caches of the rolled-back work, so the
    caller never sees half-created pickings or sale orders."""
    with env.clear_upon_failure():
        with env.cr.savepoint():
            yield


# lock_rows: how often and how long to try again while another transaction holds the rows
LOCK_ATTEMPTS = 15
LOCK_PAUSE = 0.2  # seconds: 3 s in all, longer than a cron's batch on these documents


def lock_rows(records):
    """Lock the documents a state change is about to act on.

    Two users shipping, starting or receiving the same document at once: the
    second one is told to retry instead of creating pickings or orders a second
    time. A short hold (a cron's transaction on the same document, e.g. the
    daily loading lists) is waited out, for up to LOCK_ATTEMPTS x LOCK_PAUSE:
    each try is NOWAIT, so the wait is bounded without PostgreSQL's timers. When
    the holder has changed the rows meanwhile, PostgreSQL raises a serialization
    failure, which propagates: Odoo retries the whole request, on the new state.
    The savepoints keep the cursor usable after a refusal.
    """
    if not records.ids:
        return
    for attempt in range(LOCK_ATTEMPTS):
        try:
            with records.env.cr.savepoint():
                records.env.cr.execute(
                    'SELECT id FROM "%s" WHERE id IN %%s FOR UPDATE NOWAIT' % records._table,
                    (tuple(records.ids),))
            return
        except psycopg2.OperationalError as exc:
            if exc.pgcode != LOCK_NOT_AVAILABLE:
                raise
        if attempt < LOCK_ATTEMPTS - 1:
            time.sleep(LOCK_PAUSE)
    raise UserError(_("%s is being processed by someone else right now; try again in a moment.")
                    % ", ".join(records.mapped("display_name")))
