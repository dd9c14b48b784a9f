"""Celery settings changed for one test, and put back so that no later test inherits them."""

import contextlib


@contextlib.contextmanager
def celery_conf(**values):
    """Override Celery settings (``task_always_eager=True``…) for a block.

    ``app.conf`` reads Django's settings live; a value assigned to it lands in ``app.conf.changes``
    and overrides settings for good. Writing the "previous" value back (read while a test's
    ``settings`` fixture had switched eager on) therefore pinned eager mode for the rest of the run,
    and the real-worker tests ran their tasks in-process. So the override is removed, not rewritten.
    """
    from enbek.celery import app

    changes = app.conf.changes
    saved = {key: changes[key] for key in values if key in changes}
    for key, value in values.items():
        changes[key] = value
    try:
        yield app
    finally:
        for key in values:
            if key in saved:
                changes[key] = saved[key]
            else:
                changes.pop(key, None)


def eager():
    """Tasks run in-process and their errors propagate, as `make run` does without Redis."""
    return celery_conf(task_always_eager=True, task_eager_propagates=True)
