#!/usr/bin/env bash
# Backup: pg_dump (custom format) of DATABASE_URL plus a tar of MEDIA_ROOT, into one folder.
#   scripts/backup.sh [DEST_DIR]   (default backups/<UTC timestamp>)
# Restore with scripts/restore.sh DEST_DIR [TARGET_DATABASE_URL].
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL=postgres://...}"
MEDIA_ROOT="${MEDIA_ROOT:-$(dirname "$0")/../media}"
dest="${1:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
if [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
( cd "$dest" && sha256sum database.dump media.tar.gz > SHA256SUMS )
echo "$dest"
