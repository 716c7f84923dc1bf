#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder.
#   scripts/restore.sh BACKUP_DIR [TARGET_DATABASE_URL]   (default: DATABASE_URL)
# The database must exist and be empty (createdb first); MEDIA_ROOT receives the files.
set -euo pipefail
src="${1:?usage: scripts/restore.sh BACKUP_DIR [TARGET_DATABASE_URL]}"
target="${2:-${DATABASE_URL:?set DATABASE_URL or pass the target URL}}"
MEDIA_ROOT="${MEDIA_ROOT:-$(dirname "$0")/../media}"
( cd "$src" && sha256sum --check --quiet SHA256SUMS )
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$target" "$src/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"
echo "restored $src"
