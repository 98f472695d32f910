#!/usr/bin/env bash
# Times whole processes of migrate against `psql -1` (the floor) on the workloads bench/gen.py
# writes, on a PostgreSQL server named by PG* variables; and against the floor of each scenario's
# own work: psql-cs runs the same SQL with each changeset in a transaction of its own, committed as
# migrate commits it, and psql-partial the statements the partial scenario makes again. Each round runs every scenario once, in
# the same order (A B C … A B C …), each on a database of its own, so the ratios to psql compare
# runs made minutes apart under the same load.
#
#   PGHOST=127.0.0.1 PGPORT=55432 PGUSER=postgres bench/run.sh [-r ROUNDS] [--workload chain|mixed|sql]
#       [--migrate PATH] [--peers] [--lag MS] [--out DIR] [N ...]  (defaults: -r 5, chain, 100 1000)
#
# --peers adds the peers, fresh and no-op each: Liquibase 4.33.0 (a test dependency of the
# project), Flyway 13 (its engine from Maven Central, run by bench/peers/FlywayMigrate.java as an
# application runs it) and Alembic 1.8 (Debian's packages, unpacked into DIR/alembic; no root).
# Writes DIR/results-WORKLOAD.tsv (one line per run) and prints a Markdown table. DIR (default
# bench/out) is ignored by git; it also holds the generated workloads and the output of the last
# run of each scenario, to look at when a run fails. Exits 1 when a timed run ended otherwise than
# expected, after the table.
#
# --lag MS puts the server MS milliseconds further away each way (a round trip costs twice that)
# for the timed processes, psql and the peers included: they connect to bench/lag.py on 127.0.0.1,
# port PGPORT + 1000, which passes everything on to the server. The statements that make and copy
# the databases between them go to the server directly; the templates are built through the
# proxy, as they are built by the tools timed. The server must be reachable over TCP.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=5 workload=chain peers=0 lag=0 migrate="$here/bin/migrate" out="$here/bench/out" sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    -r) rounds="$2"; shift 2 ;;
    --workload) workload="$2"; shift 2 ;;
    --migrate) migrate="$2"; shift 2 ;;
    --peers) peers=1; shift ;;
    --lag) lag="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,24p "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="-c client_min_messages=warning"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
# migrate keeps the changelogs it read here (docs/options.md, "The parse cache"): every scenario
# after the template's build reads from it, as a second run on a developer's machine or CI runner
# does; no-op-cold keeps nothing, as the first run on a new machine.
export MIGRATE_CACHE_DIR="$out/parse-cache"
results="$out/results-$workload.tsv"
printf 'workload\tn\tround\tscenario\tseconds\tuser_s\tsys_s\tmax_rss_kb\texit\n' >"$results"
# Where the timed processes connect: the server, or the proxy in front of it.
host=$PGHOST port=$PGPORT
if [ "$lag" != 0 ]; then
  host=127.0.0.1 port=$((PGPORT + 1000))
  python3 "$here/bench/lag.py" "$lag" "$port" "$PGHOST" "$PGPORT" &
  proxy=$!
  trap 'kill $proxy 2>/dev/null' EXIT
  sleep 0.5
fi
url() { echo "postgresql://$PGUSER@$host:$port/$1"; }
sql() { psql -qXAt -v ON_ERROR_STOP=1 -d "${2:-postgres}" -c "$1" >/dev/null; }

if [ "$peers" = 1 ]; then
  cp_file="$out/liquibase-classpath.txt"
  # Not offline: the dependency plugin itself may not be in the local repository yet.
  [ -s "$cp_file" ] || (cd "$here" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file") || { echo "cannot build the Liquibase classpath" >&2; exit 2; }
  fw_cp="$out/flyway-classpath.txt"
  [ -s "$fw_cp" ] || (cd "$here/bench/peers" && mvn -B -q dependency:build-classpath \
    -Dmdep.outputFile="$fw_cp") || { echo "cannot fetch Flyway" >&2; exit 2; }
  mkdir -p "$out/flyway-classes"
  javac -d "$out/flyway-classes" -cp "$(cat "$fw_cp")" "$here/bench/peers/FlywayMigrate.java" ||
    { echo "cannot compile FlywayMigrate.java" >&2; exit 2; }
  al_dir="$out/alembic"
  if [ ! -d "$al_dir/usr" ]; then
    mkdir -p "$al_dir/deb" && (cd "$al_dir/deb" && apt-get download -q python3-alembic \
      python3-sqlalchemy python3-sqlalchemy-ext python3-mako python3-markupsafe python3-greenlet \
      python3-psycopg2 >/dev/null 2>&1) && for d in "$al_dir"/deb/*.deb; do dpkg -x "$d" "$al_dir"; done ||
      { echo "cannot fetch Alembic's Debian packages" >&2; exit 2; }
  fi
fi
# liquibase DB: the words of Liquibase's own command line, `update` of changelog-liquibase.yaml
liquibase() {
  lb=(java -cp "$(cat "$cp_file")" liquibase.integration.commandline.LiquibaseCommandLine --search-path=.
    --changelog-file=changelog-liquibase.yaml --url "jdbc:postgresql://$host:$port/$1"
    --username "$PGUSER" --log-level=severe --show-banner=false update)
}
# flyway DB, alembic DB: each peer's migrate or upgrade of the same changesets (gen.py writes them)
flyway() {
  fw=(java -cp "$out/flyway-classes:$(cat "$fw_cp")" FlywayMigrate
    "jdbc:postgresql://$host:$port/$1" "$PGUSER" flyway)
}
alembic() {
  al=(env BENCH_ALEMBIC_URL="postgresql+psycopg2://$PGUSER@$host:$port/$1"
    PYTHONPATH="$al_dir/usr/lib/python3/dist-packages" python3 -m alembic -c alembic/alembic.ini upgrade head)
}

# GNU time gives CPU and peak RSS of the process it waits for (bin/migrate execs java, so that is
# the JVM). Without it, peak RSS is VmHWM sampled from /proc every 20 ms, and CPU is not known.
if [ -x /usr/bin/time ]; then
  timed() { /usr/bin/time -f '%U\t%S\t%M' -o "$out/time.txt" "$@"; }
else
  timed() {
    "$@" & local pid=$! hwm=0 v
    while v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$v" ]; do
      hwm=$v; sleep 0.02
    done
    wait $pid; local rc=$?
    printf -- '-\t-\t%s\n' "$hwm" >"$out/time.txt"; return $rc
  }
fi

# run SCENARIO EXPECTED_EXIT CMD…: one timed process, one line of the results file. The checkpoint
# first writes out what the setup (and the run before) left in the server's buffers, which the
# server would otherwise flush while the timed process runs (a role that may not ask for one skips
# it); the sync has the kernel finish with the files the setup wrote and removed. Without them, the
# first process after a large database was dropped often ran twice as slow (`psql -1` at N=1000:
# 10-12 s against 3.4-5.2 s, on an ext4 root mounted with `discard`), and which scenario met that
# depended on the order of the round; with them, 17 of 19 such runs by hand were fast
# (docs/benchmarks.md, "A sync after each setup").
run() {
  local name=$1 want=$2; shift 2
  local t0 t1 rc
  sql "CHECKPOINT" 2>/dev/null || true
  sync
  t0=$(date +%s%N)
  timed "$@" >"$out/$name.out" 2>"$out/$name.err"; rc=$?
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$n" "$round" "$name" \
    "$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.3f", ns / 1e9}')" "$(tail -1 "$out/time.txt")" "$rc" >>"$results"
  if [ "$rc" != "$want" ]; then
    failures=$((failures + 1))
    echo "  ! $name N=$n round $round: exit $rc (expected $want); last lines of its stderr:" >&2
    tail -5 "$out/$name.err" | sed 's/^/      /' >&2
  fi
}

failures=0

# fresh DB [TEMPLATE]: a new database, empty or a copy of a fully migrated one (setup, not timed)
fresh() { sql "DROP DATABASE IF EXISTS $1"; sql "CREATE DATABASE $1 ${2:+TEMPLATE $2}"; }

for n in "${sizes[@]}"; do
  wdir="$out/$n/$workload"
  python3 "$here/bench/gen.py" "$n" "$out/$n" || exit 2
  cd "$wdir" || exit 2
  # Templates: the schema applied once by migrate (and by Liquibase), copied for each scenario
  # that starts from a migrated database.
  tpl="bench_tpl_${workload}_$n"
  fresh "$tpl" && "$migrate" -q --url "$(url "$tpl")" --changelog changelog.yaml upgrade head >/dev/null ||
    { echo "migrate could not build $tpl" >&2; exit 1; }
  if [ "$peers" = 1 ]; then
    liquibase "${tpl}_lb"; fresh "${tpl}_lb" && "${lb[@]}" >/dev/null 2>&1 ||
      { echo "Liquibase could not build ${tpl}_lb" >&2; exit 1; }
    flyway "${tpl}_fw"; fresh "${tpl}_fw" && "${fw[@]}" >/dev/null 2>&1 ||
      { echo "Flyway could not build ${tpl}_fw" >&2; exit 1; }
    alembic "${tpl}_al"; fresh "${tpl}_al" && "${al[@]}" >/dev/null 2>&1 ||
      { echo "Alembic could not build ${tpl}_al" >&2; exit 1; }
  fi
  db="bench_run_${workload}_$n"
  m=("$migrate" -q --url "$(url "$db")" --changelog changelog.yaml)
  for round in $(seq 1 "$rounds"); do
    echo "N=$n round $round/$rounds ($(date -u +%H:%M:%S))" >&2
    fresh "$db";         run psql-1 0 psql -qX -1 -v ON_ERROR_STOP=1 -h "$host" -p "$port" -d "$db" -f schema.sql
    fresh "$db";         run psql-cs 0 psql -qX -v ON_ERROR_STOP=1 -h "$host" -p "$port" -d "$db" -f per-changeset.sql
    fresh "$db";         run fresh 0 "${m[@]}" upgrade head
    fresh "$db" "$tpl";  run no-op 0 "${m[@]}" upgrade head
    fresh "$db" "$tpl";  run no-op-cold 0 env MIGRATE_CACHE_DIR=off "${m[@]}" upgrade head
    fresh "$db" "$tpl";  sql "DELETE FROM migrate_revisions" "$db"
                         run recovery 0 "${m[@]}" upgrade head
    fresh "$db" "$tpl";  sql "DELETE FROM migrate_revisions" "$db"; psql -qX -d "$db" -f drop-half.sql >/dev/null
                         run partial 0 "${m[@]}" upgrade head
    fresh "$db" "$tpl";  psql -qX -d "$db" -f drop-half.sql >/dev/null
                         run psql-partial 0 psql -qX -1 -v ON_ERROR_STOP=1 -h "$host" -p "$port" -d "$db" -f partial.sql
    fresh "$db" "$tpl";  run check 0 "${m[@]}" check
    fresh "$db" "$tpl";  run current-v 0 "${m[@]}" current -v
    # Offline: no server at all (PG* unset), the script for an empty database.
    run sql-script 0 env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE \
      "$migrate" -q --changelog changelog.yaml upgrade --sql
    if [ "$peers" = 1 ]; then
      liquibase "$db"
      fresh "$db";               run liquibase-fresh 0 "${lb[@]}"
      fresh "$db" "${tpl}_lb";   run liquibase-no-op 0 "${lb[@]}"
      flyway "$db"
      fresh "$db";               run flyway-fresh 0 "${fw[@]}"
      fresh "$db" "${tpl}_fw";   run flyway-no-op 0 "${fw[@]}"
      alembic "$db"
      fresh "$db";               run alembic-fresh 0 "${al[@]}"
      fresh "$db" "${tpl}_al";   run alembic-no-op 0 "${al[@]}"
    fi
  done
  for d in "$db" "$tpl" "${tpl}_lb" "${tpl}_fw" "${tpl}_al"; do sql "DROP DATABASE IF EXISTS $d"; done
done

# Median and range of wall seconds, the ratio of medians to psql -1 at the same N and to the floor
# of the scenario's own work (psql-cs, each changeset committed on its own as migrate commits it;
# psql-partial for partial, the statements it makes again in one transaction), median CPU
# (user+sys) and the largest peak RSS seen.
python3 - "$results" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = {}
for r in rows:
    groups.setdefault((r["workload"], int(r["n"]), r["scenario"]), []).append(r)
print("| workload | N | scenario | median s | min–max s | ÷ psql -1 | ÷ own floor | CPU s (median) | peak RSS MiB | runs (failed) |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
def median(w, n, s):
    rs = groups.get((w, n, s))
    return statistics.median(float(r["seconds"]) for r in rs) if rs else float("nan")
for (w, n, s), rs in groups.items():
    secs = [float(r["seconds"]) for r in rs]
    floor = median(w, n, "psql-1")
    own = median(w, n, "psql-partial" if s == "partial" else "psql-cs")
    cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in rs if r["user_s"] != "-"]
    rss = max(int(r["max_rss_kb"]) for r in rs) / 1024
    failed = sum(r["exit"] != "0" for r in rs)
    print(f"| {w} | {n} | {s} | {statistics.median(secs):.2f} | {min(secs):.2f}–{max(secs):.2f} | "
          f"{statistics.median(secs) / floor:.1f}× | "
          f"{'–' if s.startswith('psql') else f'{statistics.median(secs) / own:.2f}×'} | "
          f"{statistics.median(cpu) if cpu else float('nan'):.2f} | "
          f"{rss:.0f} | {len(rs)} ({failed}) |")
EOF
# The table is printed all the same; a run that ended otherwise than expected fails the runner.
if [ "$failures" != 0 ]; then
  echo "$failures timed run(s) ended otherwise than expected (above, and in $out/*.err)" >&2
  exit 1
fi
