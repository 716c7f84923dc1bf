"""Where files live, from the environment: the filesystem (MEDIA_ROOT) by default, an S3-protocol
object store (AWS S3, MinIO, ...) when STORAGE_URL or AWS_STORAGE_BUCKET_NAME is set.

STORAGE_URL forms:
    s3://KEY:SECRET@s3.ap-southeast-1.amazonaws.com/bucket?region=ap-southeast-1
    s3+http://KEY:SECRET@minio:9000/bucket           (plain HTTP endpoint, e.g. MinIO in compose)
    s3:///bucket                                      (AWS, credentials from the usual chain)
or the usual variables: AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME.

Objects are private (no ACL, signed URLs only), written under their deterministic names (the
writers delete the old object first; any other taken name gets a suffix, as on disk), and
downloads go through the app's access check: streamed by the app, or (STORAGE_DOWNLOADS=redirect)
answered with a presigned URL valid STORAGE_URL_EXPIRE seconds, issued only after the check.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def default_storage_from_env(env: Mapping[str, str]) -> dict[str, Any]:
    """The STORAGES["default"] entry the environment asks for."""
    url = env.get("STORAGE_URL", "").strip()
    expire = int(env.get("STORAGE_URL_EXPIRE", "60"))
    if url and not url.startswith("s3"):
        if url.startswith(("file:", "filesystem:")):
            return {"BACKEND": FILESYSTEM_BACKEND}
        raise ValueError(f"STORAGE_URL: unknown scheme in {url.split(':', 1)[0]!r}")
    if url:
        parts = urlsplit(url)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        bucket = parts.path.strip("/")
        options: dict[str, Any] = {"bucket_name": bucket}
        if parts.hostname:
            scheme = "http" if parts.scheme == "s3+http" else "https"
            port = f":{parts.port}" if parts.port else ""
            options["endpoint_url"] = f"{scheme}://{parts.hostname}{port}"
        if parts.username:
            options["access_key"] = unquote(parts.username)
            options["secret_key"] = unquote(parts.password or "")
        if query.get("region"):
            options["region_name"] = query["region"]
        if query.get("prefix"):
            options["location"] = query["prefix"].strip("/")
    elif env.get("AWS_STORAGE_BUCKET_NAME"):
        options = {"bucket_name": env["AWS_STORAGE_BUCKET_NAME"]}
        for option, name in (
            ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
            ("access_key", "AWS_ACCESS_KEY_ID"),
            ("secret_key", "AWS_SECRET_ACCESS_KEY"),
            ("region_name", "AWS_S3_REGION_NAME"),
            ("location", "AWS_LOCATION"),
        ):
            if env.get(name):
                options[option] = env[name]
    else:
        return {"BACKEND": FILESYSTEM_BACKEND}
    if not options["bucket_name"]:
        raise ValueError("STORAGE_URL: no bucket name")
    options.update(
        default_acl=None,  # the bucket's own policy: private
        querystring_auth=True,
        querystring_expire=expire,
        file_overwrite=False,  # as on disk: a taken name gets a suffix (the writers of fixed
        # names delete the old object first, see certificates/services.py _file_write)
        addressing_style="path",  # MinIO and other S3-compatible stores
        signature_version="s3v4",
    )
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
