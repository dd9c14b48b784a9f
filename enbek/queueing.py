"""Queueing background work when the broker may be down: nothing is lost silently.

`.delay()` raises kombu's OperationalError when Redis (the broker) cannot be reached; inside
transaction.on_commit that would be a 500 answered after the change was committed, and the task would
be gone. `enqueue(task, ...)` decides instead, per task:

- `inline=True` (short work that must not be lost, such as a decision e-mail): the task runs now, in
  this process, through the same code and its idempotency key; the outage is logged;
- `inline=False` (heavy work: runs, batches): QueueUnavailable is raised with a translated message that
  the view shows to the user ("try again in a few minutes"), so that they know nothing was started.
"""

import logging

from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

logger = logging.getLogger("enbek.queueing")


class QueueUnavailable(Exception):
    message = _("Background work cannot be started right now. Please try again in a few minutes.")

    def __str__(self) -> str:
        return str(self.message)


def enqueue(task, *args, inline: bool, **kwargs):
    """Queue `task` with these arguments; when the broker is unreachable, run it now (`inline`) or raise
    QueueUnavailable. Returns the AsyncResult (or EagerResult when run inline)."""
    try:
        return task.apply_async(args=args, kwargs=kwargs)
    except (OperationalError, OSError) as error:
        if not inline:
            logger.error("Broker unavailable (%s): %s refused.", error, task.name)
            raise QueueUnavailable from error
        logger.warning("Broker unavailable (%s): %s runs in this process instead.", error, task.name)
        return task.apply(args=args, kwargs=kwargs)
