"""The embedded default's e-mail: each message is kept under var/mail/ and shown in the
terminal running `make run`, so a demo user can follow invitation and reset links."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from django.core.mail.backends.filebased import EmailBackend
from django.core.mail.message import EmailMessage


class FileAndConsoleBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        for message in email_messages:
            sys.stdout.write(f"\n--- e-mail to {', '.join(message.to)}: {message.subject}\n"
                             f"{message.body}\n--- (saved in {self.file_path})\n")
        sys.stdout.flush()
        return sent
