"""A test-only e-mail backend for a real worker process: each message is a file in $SLOW_MAIL_DIR, and the
first send ever made there stops for a while first (the test kills the worker in that pause)."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

PAUSE_SECONDS = 60


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["SLOW_MAIL_DIR"])
        attempt = len(list(folder.glob("attempt-*"))) + 1
        (folder / f"attempt-{attempt}").write_text(str(os.getpid()))
        if attempt == 1:
            time.sleep(PAUSE_SECONDS)
        for message in email_messages:
            (folder / f"mail-{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
