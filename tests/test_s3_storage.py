"""Contracts stored in an S3-compatible bucket (CONTRACT_STORAGE=s3): written there, streamed back to their
owner only, or handed out as a short-lived presigned link after the owner check. The bucket is a real S3 API
on 127.0.0.1 (moto in server mode), not a mocked client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest

from contracts.models import GeneratedContract
from tests.factories import DraftFactory

ROOT = Path(__file__).resolve().parents[1]
BUCKET = "contracts-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """An S3-compatible server on 127.0.0.1 for this module, with an empty private bucket."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": CREDENTIALS["region_name"],
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "default_acl": None,
                "file_overwrite": False,
                "querystring_expire": 60,
            },
        },
    }
    return boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)


def generate(client, draft):
    response = client.post(f"/drafts/{draft.pk}/generate/", {"language": "en", "format": "html"})
    assert response.status_code == 302 and response["Location"].startswith("/contracts/"), response["Location"]
    return response["Location"]


@pytest.mark.django_db
def test_a_contract_is_stored_in_the_bucket_and_streamed_to_its_owner_only(s3_storage, client, alice, bob, library):
    draft = DraftFactory(owner=alice)
    client.force_login(alice)
    location = generate(client, draft)
    contract = GeneratedContract.objects.get(draft=draft)
    stored = s3_storage.get_object(Bucket=BUCKET, Key=contract.file.name)["Body"].read()
    assert draft.answers["parties"]["vendor_name_en"] in stored.decode()

    response = client.get(location)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"].endswith(f'{contract.number}-en.html"')

    client.force_login(bob)
    assert client.get(location).status_code == 404


@pytest.mark.django_db
def test_a_presigned_download_is_a_short_lived_link_given_after_the_owner_check(
    s3_storage, settings, client, alice, bob, library
):
    settings.S3_PRESIGNED_DOWNLOADS = True
    draft = DraftFactory(owner=alice)
    client.force_login(alice)
    location = generate(client, draft)
    response = client.get(location)
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"
    link = response["Location"]
    assert link.startswith(settings.STORAGES["default"]["OPTIONS"]["endpoint_url"]) and "Expires=" in link
    with urllib.request.urlopen(link) as fetched:  # noqa: S310 - the test's own server on 127.0.0.1
        assert draft.answers["parties"]["vendor_name_en"] in fetched.read().decode()
        assert "attachment" in fetched.headers["Content-Disposition"]

    client.force_login(bob)
    assert client.get(location).status_code == 404


def default_storage(**env) -> subprocess.CompletedProcess:
    """The default storage's backend of a fresh process with these environment variables."""
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    environment = {"DJANGO_SETTINGS_MODULE": "config.settings", **os.environ, **env}
    for name in ("CONTRACT_STORAGE", "S3_BUCKET", "DATABASE_URL", "MEDIA_ROOT"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_the_storage_is_chosen_by_environment_variable():
    assert default_storage().stdout.strip() == "django.core.files.storage.FileSystemStorage"
    chosen = default_storage(CONTRACT_STORAGE="s3", S3_BUCKET="contracts").stdout.strip()
    assert chosen == "storages.backends.s3.S3Storage"
    assert "needs S3_BUCKET" in default_storage(CONTRACT_STORAGE="s3").stderr


def test_the_production_settings_refuse_contracts_on_one_servers_disk():
    production = {"DJANGO_SETTINGS_MODULE": "config.production", "DATABASE_URL": "postgres://db/contracts"}
    assert "need shared storage" in default_storage(**production).stderr
    on_s3 = default_storage(**production, CONTRACT_STORAGE="s3", S3_BUCKET="contracts")
    assert on_s3.stdout.strip() == "storages.backends.s3.S3Storage", on_s3.stderr
    assert "DATABASE_URL is not set" in default_storage(DJANGO_SETTINGS_MODULE="config.production").stderr
