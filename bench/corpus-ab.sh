#!/usr/bin/env bash
# Times `check` and an upgrade after the revision rows are deleted, with two builds of migrate, on
# each corpus entry (../shared/corpus/entries.tsv), each on a database of its own made by B's first
# upgrade. Needs psql and a PostgreSQL server.
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/corpus-ab.sh A/bin/migrate B/bin/migrate [corpus]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
a="$(realpath "$1")"
b="$(realpath "$2")"
corpus="$(cd "${3:-$here/../shared/corpus}" && pwd)"
export PGOPTIONS="-c client_min_messages=warning" PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

printf '| entry | fresh s | check A s | check B s | recovery A s | recovery B s |\n|---|---:|---:|---:|---:|---:|\n'
tail -n +2 "$corpus/entries.tsv" | while IFS=$'\t' read -r name _ master args cleanup; do
  db="bench_ab_${name//-/_}"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  [ -z "$cleanup" ] || psql -qX -d postgres -c "$cleanup" >/dev/null
  url="postgresql://$PGUSER@$PGHOST:$PGPORT/$db"
  # Wall seconds of one command, run from the entry's folder as Liquibase was (entries.tsv).
  timed() {
    local start end
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the entry's arguments are words
    (cd "$corpus/$name" && "$1" --url "$url" --search-path . --changelog "$master" $args "${@:2}" >/dev/null 2>&1)
    end=$(date +%s.%N)
    printf '%.2f' "$(echo "$end - $start" | bc)"
  }
  fresh=$(timed "$b" upgrade head)
  check_a=$(timed "$a" check)
  check_b=$(timed "$b" check)
  psql -qX -d "$db" -c "DELETE FROM migrate_revisions" >/dev/null
  rec_a=$(timed "$a" upgrade head)
  psql -qX -d "$db" -c "DELETE FROM migrate_revisions" >/dev/null
  rec_b=$(timed "$b" upgrade head)
  echo "| $name | $fresh | $check_a | $check_b | $rec_a | $rec_b |"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
  [ -z "$cleanup" ] || psql -qX -d postgres -c "$cleanup" >/dev/null
done
