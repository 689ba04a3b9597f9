from __future__ import annotations

from django.core.mail import get_connection, send_mail


def test_embedded_default_keeps_and_prints_each_email(tmp_path, capsys):
    connection = get_connection("hiring.mail.FileAndConsoleBackend", file_path=str(tmp_path))

    send_mail("Join Riverside", "Open https://example.test/accept/", "from@example.test",
              ["nurse@example.test"], connection=connection)

    [saved] = list(tmp_path.iterdir())
    assert "Join Riverside" in saved.read_text()
    printed = capsys.readouterr().out
    assert "nurse@example.test" in printed
    assert "https://example.test/accept/" in printed
