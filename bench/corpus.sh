#!/usr/bin/env bash
# Times `migrate upgrade head` and Liquibase 4.33.0 `update` on each corpus entry, each on a fresh
# database of the same server. Needs: the jar (mvn -B package), psql, and a PostgreSQL server.
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/corpus.sh [../shared/corpus]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$here/../shared/corpus}" && pwd)"
export PGOPTIONS="-c client_min_messages=warning" PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
cp_file="$here/target/bench-classpath.txt"
if [ ! -s "$cp_file" ]; then
  (cd "$here" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
fi
classpath="$(cat "$cp_file")"

entries=(
  "autoscaler-servicebroker|servicebroker.db.changelog.yaml|"
  "autoscaler-scheduler|scheduler.changelog-master.yaml|"
  "spinnaker-orca|db/changelog-master.yml|"
  "spinnaker-clouddriver|db/changelog-master.yml|"
  "spinnaker-front50|db/changelog-master.yml|"
  "simplereport|db/changelog/db.changelog-master.yaml|-DnoPhiUsername=bench_no_phi -DnoPhiPassword=x"
  "gravitee-apim|liquibase/master.yml|-Dgravitee_prefix= -Dgravitee_rate_limit_prefix="
)

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
fresh() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; psql -qX -d postgres -c "DROP ROLE IF EXISTS bench_no_phi" >/dev/null 2>&1 || true; }

printf '| entry | changesets recorded | migrate (s) | migrate rerun (s) | Liquibase (s) | Liquibase rerun (s) |\n|---|---:|---:|---:|---:|---:|\n'
for line in "${entries[@]}"; do
  IFS='|' read -r name master params <<<"$line"
  db="bench_$(echo "$name" | tr '-' '_')"
  fresh "${db}_m"
  cd "$corpus/$name"
  t0=$(seconds); "$here/bin/migrate" -q --url "postgresql://$PGUSER@$PGHOST:$PGPORT/${db}_m" --changelog "$master" $params upgrade head >/dev/null; t1=$(seconds)
  "$here/bin/migrate" -q --url "postgresql://$PGUSER@$PGHOST:$PGPORT/${db}_m" --changelog "$master" $params upgrade head >/dev/null; t2=$(seconds)
  rows=$(psql -qXAt -d "${db}_m" -c "SELECT count(*) FROM migrate_revisions")
  psql -qX -d "${db}_m" -c "DROP OWNED BY bench_no_phi" >/dev/null 2>&1 || true
  fresh "${db}_l"
  t3=$(seconds)
  java -cp "$classpath" liquibase.integration.commandline.LiquibaseCommandLine --search-path=. --changelog-file="$master" \
    --url "jdbc:postgresql://$PGHOST:$PGPORT/${db}_l" --username "$PGUSER" --log-level=severe --show-banner=false update $params >/dev/null 2>&1
  t4=$(seconds)
  java -cp "$classpath" liquibase.integration.commandline.LiquibaseCommandLine --search-path=. --changelog-file="$master" \
    --url "jdbc:postgresql://$PGHOST:$PGPORT/${db}_l" --username "$PGUSER" --log-level=severe --show-banner=false update $params >/dev/null 2>&1
  t5=$(seconds)
  psql -qX -d "${db}_l" -c "DROP OWNED BY bench_no_phi" >/dev/null 2>&1 || true
  python3 -c "print(f'| $name | $rows | {$t1-$t0:.2f} | {$t2-$t1:.2f} | {$t4-$t3:.2f} | {$t5-$t4:.2f} |')"
  psql -qX -d postgres -c "DROP DATABASE ${db}_m" -c "DROP DATABASE ${db}_l" >/dev/null
done
