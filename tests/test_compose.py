"""docker-compose.yml and the Dockerfile, read as Compose and Docker would read them.

No Docker engine runs here, so these tests check the files themselves: web, worker and beat
see the same storage, beat runs once, every service reports its health, the `s3` profile
points the app at its MinIO, and the image carries what the app calls (LibreOffice, fonts,
a pg_dump that can dump the compose database).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()

DJANGO_SERVICES = ("web", "worker", "beat")
S3_PROFILE_SERVICES = {"minio", "createbuckets"}
AWS_SETTINGS = ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_S3_REGION_NAME")
# The Postgres major each Debian release ships as postgresql-client-N. Add a row when the
# Dockerfile moves to another release.
DEBIAN_POSTGRES_CLIENT = {"bookworm": 15, "trixie": 17}

# $$ (a literal $), ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error},
# ${VAR:+other}, ${VAR+other}, $VAR: the forms of Compose's interpolation
_VARIABLE = re.compile(
    r"\$\$|\$\{(?P<braced>[A-Za-z_]\w*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}|\$(?P<bare>[A-Za-z_]\w*)"
)


def _substitute(text: str, env: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("braced") or match.group("bare")
        op, arg = match.group("op"), match.group("arg")
        value = env.get(name)
        # with a colon (`:-`, `:?`, `:+`) an empty value counts as unset; without one
        # (`-`, `?`, `+`) only an unset variable does
        present = bool(value) if op is None or op.startswith(":") else value is not None
        if op in {"-", ":-"}:
            return value if present else arg
        if op in {"?", ":?"}:
            if not present:
                raise ValueError(f"{name}: {arg}")
            return value
        if op in {"+", ":+"}:
            return arg if present else ""
        return value or ""

    return _VARIABLE.sub(one, text)


def _interpolate(node: Any, env: dict[str, str]) -> Any:
    """Substitute ${...} in every string of the parsed file, as Compose does (not in comments)."""
    if isinstance(node, dict):
        return {key: _interpolate(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [_interpolate(value, env) for value in node]
    if isinstance(node, str):
        return _substitute(node, env)
    return node


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return [node] if isinstance(node, str) else []


def compose(**env: str) -> dict[str, Any]:
    """The compose file as Compose sees it with this environment (SECRET_KEY set unless given)."""
    return _interpolate(yaml.safe_load(COMPOSE_TEXT), {"SECRET_KEY": "s" * 50, **env})


def services(**env: str) -> dict[str, dict[str, Any]]:
    return compose(**env)["services"]


def _dependencies(service: dict[str, Any]) -> dict[str, dict[str, Any]]:
    depends_on = service.get("depends_on", {})
    if isinstance(depends_on, list):
        return {name: {"condition": "service_started"} for name in depends_on}
    return depends_on


def _one_shot_jobs(all_services: dict[str, dict[str, Any]]) -> set[str]:
    """Services others wait on to finish: they exit, so they have no health to report."""
    return {name for service in all_services.values()
            for name, dependency in _dependencies(service).items()
            if dependency.get("condition") == "service_completed_successfully"}


def _named_volume_mounts(service: dict[str, Any]) -> dict[str, str]:
    """Mount path → named volume, for the short `name:/path` form used in this file."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        if not source.startswith((".", "/", "~")):
            mounts[target] = source
    return mounts


def _command(service: dict[str, Any]) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else command


# --- web, worker and beat: one image, one configuration, one storage ----------------------


def test_web_worker_and_beat_share_build_environment_and_volumes():
    django = [services()[name] for name in DJANGO_SERVICES]

    assert all(service["build"] == django[0]["build"] for service in django)
    assert all(service["environment"] == django[0]["environment"] for service in django)
    assert all(service["volumes"] == django[0]["volumes"] for service in django)
    # one image name: built once from ./, run by all three
    assert {service["image"] for service in django} == {"hiring:local"}


@pytest.mark.parametrize("setting", ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"])
def test_every_file_folder_is_on_a_named_volume_shared_by_web_worker_and_beat(setting):
    declared_volumes = compose()["volumes"]

    for name in DJANGO_SERVICES:
        service = services()[name]
        folder = PurePosixPath(service["environment"][setting])
        mounts = _named_volume_mounts(service)
        holding = [target for target in mounts
                   if folder == PurePosixPath(target) or PurePosixPath(target) in folder.parents]

        assert holding, f"{name}: {setting}={folder} is on no named volume (mounts: {mounts})"
        assert all(mounts[target] in declared_volumes for target in holding)


def test_media_and_private_folders_are_distinct():
    environment = services()["web"]["environment"]
    media = PurePosixPath(environment["MEDIA_ROOT"])
    private = PurePosixPath(environment["PRIVATE_MEDIA_ROOT"])

    assert media != private
    assert media not in private.parents  # private files never under the served folder
    assert private not in media.parents


def _created_folders() -> set[PurePosixPath]:
    """Folders the Dockerfile makes with mkdir -p, and their parents."""
    made = {PurePosixPath(path) for line in re.findall(r"mkdir -p ([^\n&\\]+)", DOCKERFILE)
            for path in line.split()}
    return made | {parent for path in made for parent in path.parents}


def _owned_by_app(folder: PurePosixPath) -> bool:
    owned = [PurePosixPath(path) for path in re.findall(r"chown -R app:app (\S+)", DOCKERFILE)]
    return any(folder == path or path in folder.parents for path in owned)


def test_the_image_creates_the_mounted_folders_owned_by_the_app_user():
    # a named volume starts as a copy of the image's folder: it must exist and belong to app
    for target in map(PurePosixPath, _named_volume_mounts(services()["web"])):
        assert target in _created_folders(), f"the image does not create {target}"
        assert _owned_by_app(target)


def test_web_runs_the_migrations_and_worker_and_beat_wait_for_it():
    all_services = services()

    assert "migrate" in all_services["web"]["command"]
    for name in ("worker", "beat"):
        assert _dependencies(all_services[name])["web"]["condition"] == "service_healthy"


# --- beat --------------------------------------------------------------------------------


def test_beat_is_one_service_never_replicated():
    all_services = services()
    running_beat = [name for name, service in all_services.items()
                    if "command" in service and "beat" in _command(service)]

    assert running_beat == ["beat"]
    assert all_services["beat"].get("deploy", {}).get("replicas", 1) == 1
    assert "scale" not in all_services["beat"]


def test_beat_keeps_its_schedule_where_the_image_lets_it_write_and_checks_it():
    beat = services()["beat"]
    command = _command(beat)
    schedule = PurePosixPath(command[command.index("--schedule") + 1])

    assert schedule.parent in _created_folders()
    assert _owned_by_app(schedule.parent)
    assert str(schedule) in " ".join(beat["healthcheck"]["test"])


# --- health checks -----------------------------------------------------------------------


def test_every_long_running_service_has_a_healthcheck():
    all_services = services(STORAGE="s3")
    jobs = _one_shot_jobs(all_services)

    assert jobs == {"createbuckets"}
    for name, service in all_services.items():
        if name not in jobs:
            assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
            assert not service["healthcheck"].get("disable")


def test_the_worker_healthcheck_pings_this_worker_through_the_broker():
    test = services()["worker"]["healthcheck"]["test"]

    assert test[0] == "CMD-SHELL"  # the shell expands $HOSTNAME, the worker's node name
    assert "inspect ping" in test[1]
    assert "celery@$HOSTNAME" in test[1]


def test_the_web_healthcheck_asks_healthz():
    assert "/healthz" in " ".join(services()["web"]["healthcheck"]["test"])


# --- the s3 profile ----------------------------------------------------------------------


def test_minio_and_its_bucket_job_exist_only_under_the_s3_profile():
    all_services = services()

    for name, service in all_services.items():
        if name in S3_PROFILE_SERVICES:
            assert service["profiles"] == ["s3"]
        else:
            assert "profiles" not in service, f"{name} would not start with a plain `up`"
    assert all_services["minio"]["image"].startswith("minio/minio")
    assert all_services["createbuckets"]["image"].startswith("minio/mc")


def test_services_started_without_the_profile_do_not_require_its_services():
    # Compose refuses to start when a service requires one whose profile is off
    for name, service in services().items():
        if name in S3_PROFILE_SERVICES:
            continue
        for dependency, options in _dependencies(service).items():
            if dependency in S3_PROFILE_SERVICES:
                assert options.get("required") is False, f"{name} requires {dependency}"


def test_the_app_uses_local_folders_by_default():
    for name in DJANGO_SERVICES:
        assert services()[name]["environment"]["STORAGE"] == "local"


def test_with_storage_s3_web_worker_and_beat_get_the_profiles_minio_and_bucket():
    all_services = services(STORAGE="s3")
    minio, bucket_job = all_services["minio"], all_services["createbuckets"]

    for name in DJANGO_SERVICES:
        environment = all_services[name]["environment"]
        assert environment["STORAGE"] == "s3"
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"  # MinIO's API port
        assert all(environment.get(setting) for setting in AWS_SETTINGS), name
        assert environment["AWS_ACCESS_KEY_ID"] == minio["environment"]["MINIO_ROOT_USER"]
        assert environment["AWS_SECRET_ACCESS_KEY"] == minio["environment"]["MINIO_ROOT_PASSWORD"]
        assert environment["AWS_S3_REGION_NAME"] == minio["environment"]["MINIO_SITE_REGION"]
        assert environment["AWS_STORAGE_BUCKET_NAME"] == bucket_job["environment"]["BUCKET"]
    assert "http://minio:9000" in bucket_job["command"][0]
    assert "mb --ignore-existing" in bucket_job["command"][0]
    assert _dependencies(all_services["web"])["createbuckets"]["condition"] == (
        "service_completed_successfully")


def test_the_operator_s_own_bucket_and_keys_reach_the_app_and_minio_alike():
    all_services = services(STORAGE="s3", AWS_STORAGE_BUCKET_NAME="clinic-files",
                            AWS_ACCESS_KEY_ID="operator", AWS_SECRET_ACCESS_KEY="long-secret")

    for name in DJANGO_SERVICES:
        environment = all_services[name]["environment"]
        assert environment["AWS_STORAGE_BUCKET_NAME"] == "clinic-files"
        assert environment["AWS_ACCESS_KEY_ID"] == "operator"
    assert all_services["createbuckets"]["environment"]["BUCKET"] == "clinic-files"
    assert all_services["minio"]["environment"]["MINIO_ROOT_PASSWORD"] == "long-secret"


def test_empty_aws_values_reach_the_app_empty_so_it_uses_aws_s3_and_its_own_credentials():
    # AWS S3 has no endpoint to name; without keys boto3 finds the host's IAM role
    all_services = services(STORAGE="s3", AWS_S3_ENDPOINT_URL="", AWS_ACCESS_KEY_ID="",
                            AWS_SECRET_ACCESS_KEY="")

    for name in DJANGO_SERVICES:
        environment = all_services[name]["environment"]
        assert environment["AWS_S3_ENDPOINT_URL"] == ""
        assert environment["AWS_ACCESS_KEY_ID"] == ""
        assert environment["AWS_SECRET_ACCESS_KEY"] == ""


# --- variables ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "env", "expected"), [
    ("${X:-d}", {}, "d"), ("${X:-d}", {"X": ""}, "d"), ("${X:-d}", {"X": "v"}, "v"),
    ("${X-d}", {}, "d"), ("${X-d}", {"X": ""}, ""), ("${X-d}", {"X": "v"}, "v"),
    ("${X:+o}", {"X": ""}, ""), ("${X+o}", {"X": ""}, "o"), ("$$X", {"X": "v"}, "$X"),
])
def test_substitution_treats_an_empty_variable_as_compose_does(text, env, expected):
    assert _substitute(text, env) == expected


def test_substitution_refuses_a_required_variable_that_is_empty_only_with_a_colon():
    assert _substitute("${X?missing}", {"X": ""}) == ""
    with pytest.raises(ValueError, match="missing"):
        _substitute("${X:?missing}", {"X": ""})


def test_compose_refuses_to_start_without_a_secret_key():
    with pytest.raises(ValueError, match="SECRET_KEY"):
        _interpolate(yaml.safe_load(COMPOSE_TEXT), {})


def test_every_variable_compose_reads_is_documented_in_env_example():
    used = {match.group("braced") or match.group("bare")
            for text in _strings(yaml.safe_load(COMPOSE_TEXT))
            for match in _VARIABLE.finditer(text) if match.group(0) != "$$"}

    assert {"SECRET_KEY", "STORAGE", *AWS_SETTINGS} <= used
    undocumented = sorted(name for name in used
                          if not re.search(rf"^#? ?{name}=", ENV_EXAMPLE, re.MULTILINE))
    assert not undocumented, f"not in .env.example: {undocumented}"


# --- the image ---------------------------------------------------------------------------


def _apt_packages() -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")  # continuation lines as Docker reads them
    install = re.search(r"apt-get install -y --no-install-recommends ([^&\n]+)", joined)
    assert install, "no `apt-get install -y --no-install-recommends` in the Dockerfile"
    return install.group(1).split()


def test_the_image_installs_libreoffice_fonts_and_the_postgres_client():
    packages = _apt_packages()
    client_major = re.search(r"^ARG POSTGRES_CLIENT_MAJOR=(\d+)$", DOCKERFILE, re.MULTILINE)

    assert "libreoffice-writer-nogui" in packages
    assert "fonts-liberation" in packages
    assert "postgresql-client-${POSTGRES_CLIENT_MAJOR}" in packages
    assert client_major
    assert "rm -rf /var/lib/apt/lists/*" in DOCKERFILE


def test_the_image_runs_as_a_non_root_user_with_a_writable_home():
    assert re.search(r"^USER app$", DOCKERFILE, re.MULTILINE)
    assert "--create-home --home-dir /home/app" in DOCKERFILE
    # made before any package can take its id: the files volume keeps app's owner id
    assert DOCKERFILE.index("useradd") < DOCKERFILE.index("apt-get install")
    assert "collectstatic --noinput" in DOCKERFILE


def test_the_image_s_pg_dump_can_dump_the_compose_database():
    base = re.search(r"^FROM python:[\d.]+-slim-(\w+)$", DOCKERFILE, re.MULTILINE)
    client_major = int(re.search(r"^ARG POSTGRES_CLIENT_MAJOR=(\d+)$", DOCKERFILE,
                                 re.MULTILINE).group(1))
    server = re.fullmatch(r"postgres:(\d+)(?:[.-].*)?", services()["db"]["image"])

    assert base, "the Dockerfile's base must name its Debian release (python:X.Y-slim-<codename>)"
    assert DEBIAN_POSTGRES_CLIENT[base.group(1)] == client_major  # the release ships that client
    assert server, "the db image must name its Postgres major (postgres:N)"
    assert int(server.group(1)) <= client_major  # pg_dump refuses a newer server
