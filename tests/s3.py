"""An S3 server for the tests (moto in server mode, a process of its own on 127.0.0.1), and
the settings or environment that point the app at one of its buckets, as `STORAGE=s3`
would in production."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

KEY_ID, SECRET = "test-key-id", "test-secret-key"  # moto accepts any pair
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def s3_server(log: Path) -> Iterator[str]:
    """Start moto's S3 server; yield its endpoint URL; stop it at the end."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONWARNINGS": ""})
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(f"moto did not start: {log.read_text()}") from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@dataclass
class Bucket:
    endpoint: str
    name: str = field(default_factory=lambda: f"hiring-{uuid.uuid4().hex[:12]}")

    def client(self) -> Any:
        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=KEY_ID,
                            aws_secret_access_key=SECRET, region_name=REGION)

    def create(self) -> Bucket:
        self.client().create_bucket(Bucket=self.name)
        return self

    def object_keys(self, prefix: str = "") -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def env(self) -> dict[str, str]:
        """What a process is started with to use this bucket (README, .env.example)."""
        return {"STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": self.name,
                "AWS_S3_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": KEY_ID,
                "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_S3_REGION_NAME": REGION}

    def settings(self) -> dict[str, Any]:
        """The same, for override_settings in this process (settings.py reads the
        environment only at start), made by the settings' own s3_settings()."""
        from django.conf import settings

        from hiring.settings import S3_FILES, s3_settings

        env = self.env()
        return {**s3_settings(lambda name, default: env.get(name, default)), "STORAGE": "s3",
                "STORAGES": {**S3_FILES, "staticfiles": settings.STORAGES["staticfiles"]}}
