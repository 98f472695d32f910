#!/usr/bin/env python3
"""Writes the benchmark workloads of issue 10 for N changesets (standard library only).

    python3 bench/gen.py N OUTDIR

OUTDIR/chain/ -- the issue's workload. Changeset i: an ENUM type, a table using it (bigserial id,
                 the enum column with a default, an FK column, timestamptz default now()), an
                 index, a column added by a later addColumn step, and a foreign key to table i-1.
OUTDIR/mixed/ -- a second workload in groups of five changesets: a table with several column
                 kinds and constraints; addColumn + foreign key + index; a view; raw SQL (a check
                 constraint, a comment, an index); data inserts.
OUTDIR/sql/   -- the chain's schema as raw SQL: changeset i is one `sql` change with the enum, the
                 table, the index, the added column and the foreign key, as a project of SQL files
                 writes them. Every question about later changes then reads SQL text.

Each directory holds:
  flyway/V*.sql, alembic/   the same changesets for Flyway and Alembic (run.sh --peers): one
                            migration or revision per changeset, running its SQL
  changelog.yaml            for migrate
  changelog-liquibase.yaml  the same, with createEnumType written as `sql` (Liquibase 4.33 has no
                            createEnumType); identical to changelog.yaml for the mixed workload
  schema.sql                the same schema as plain SQL, for `psql -1` (the floor)
  per-changeset.sql         the same, each changeset in a transaction of its own, committed as
                            migrate commits it (asynchronously, then one synchronous commit at
                            the end): the floor for a runner that commits changeset by changeset
  drop-half.sql             drops every other table (CASCADE), for the partial-recovery scenario
  partial.sql               what the partial-recovery scenario makes again, for `psql -1`: every
                            statement that names a dropped table (its own, its indexes, keys and
                            views, and the keys of other tables that referenced it)
"""
import os
import re
import sys


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def changeset(out, cs_id, steps):
    out.append("- changeSet:\n")
    out.append(f"    id: {cs_id}\n    author: bench\n    changes:\n")
    out.extend(steps)


def chain(n):
    mig, lb, sql, drops, groups = [], [], [], [], []
    for i in range(1, n + 1):
        start = len(sql)
        t, e, prev = f"t_{i:05d}", f"s_{i:05d}", f"t_{i - 1:05d}"
        enum_sql = f"CREATE TYPE {e} AS ENUM ('NEW', 'ACTIVE', 'DONE')"
        table = (
            f"      - createTable:\n          tableName: {t}\n          columns:\n"
            f"            - column: {{name: id, type: bigserial, constraints: {{primaryKey: true, primaryKeyName: {t}_pkey}}}}\n"
            f"            - column: {{name: status, type: {e}, defaultValue: NEW, constraints: {{nullable: false}}}}\n"
            f"            - column: {{name: parent_id, type: bigint}}\n"
            f"            - column: {{name: created_at, type: timestamptz, defaultValueComputed: now()}}\n"
            f"      - createIndex:\n          tableName: {t}\n          indexName: ix_{t}_parent\n"
            f"          columns:\n            - column: {{name: parent_id}}\n"
            f"      - addColumn:\n          tableName: {t}\n          columns:\n"
            f"            - column: {{name: note, type: text}}\n"
        )
        fk = "" if i == 1 else (
            f"      - addForeignKeyConstraint:\n          baseTableName: {t}\n          baseColumnNames: parent_id\n"
            f"          constraintName: fk_{t}_parent\n          referencedTableName: {prev}\n"
            f"          referencedColumnNames: id\n"
        )
        changeset(mig, f"{i:05d}_{t}", [
            f"      - createEnumType:\n          typeName: {e}\n          values: [NEW, ACTIVE, DONE]\n", table, fk])
        changeset(lb, f"{i:05d}_{t}", [f"      - sql: {q(enum_sql)}\n", table, fk])
        sql += [
            enum_sql + ";\n",
            f"CREATE TABLE {t} (id bigserial CONSTRAINT {t}_pkey PRIMARY KEY, status {e} NOT NULL DEFAULT 'NEW', "
            f"parent_id bigint, created_at timestamptz DEFAULT now());\n",
            f"CREATE INDEX ix_{t}_parent ON {t} (parent_id);\n",
            f"ALTER TABLE {t} ADD COLUMN note text;\n",
        ]
        if i > 1:
            sql.append(f"ALTER TABLE {t} ADD CONSTRAINT fk_{t}_parent FOREIGN KEY (parent_id) REFERENCES {prev} (id);\n")
        if i % 2 == 1:
            drops.append(t)
        groups.append("".join(sql[start:]))
    return mig, lb, sql, drops, groups


def mixed(n):
    mig, sql, drops, groups = [], [], [], []
    for i in range(n):
        start = len(sql)
        g, kind = i // 5, i % 5
        t, prev = f"m_{g:05d}", f"m_{g - 1:05d}"
        if kind == 0:
            steps = [
                f"      - createTable:\n          tableName: {t}\n          columns:\n"
                f"            - column: {{name: id, type: bigint, autoIncrement: true, constraints: {{primaryKey: true, primaryKeyName: {t}_pkey}}}}\n"
                f"            - column: {{name: code, type: varchar(64), constraints: {{nullable: false, unique: true, uniqueConstraintName: uq_{t}_code}}}}\n"
                f"            - column: {{name: amount, type: 'numeric(12,2)', defaultValueNumeric: 0}}\n"
                f"            - column: {{name: active, type: boolean, defaultValueBoolean: true}}\n"
                f"            - column: {{name: created_at, type: timestamp, defaultValueComputed: CURRENT_TIMESTAMP}}\n"
            ]
            sql.append(f"CREATE TABLE {t} (id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, code varchar(64) NOT NULL, "
                       f"amount numeric(12,2) DEFAULT 0, active boolean DEFAULT true, created_at timestamp DEFAULT now(), "
                       f"CONSTRAINT {t}_pkey PRIMARY KEY (id), CONSTRAINT uq_{t}_code UNIQUE (code));\n")
            if g % 2 == 1:
                drops.append(t)
        elif kind == 1:
            steps = [
                f"      - addColumn:\n          tableName: {t}\n          columns:\n"
                f"            - column: {{name: ref_id, type: bigint}}\n"
                f"            - column: {{name: label, type: varchar(200), defaultValue: none, constraints: {{nullable: false}}}}\n"
                f"      - createIndex:\n          tableName: {t}\n          indexName: ix_{t}_ref\n"
                f"          columns:\n            - column: {{name: ref_id}}\n"
            ]
            sql += [f"ALTER TABLE {t} ADD ref_id bigint;\n",
                    f"ALTER TABLE {t} ADD label varchar(200) DEFAULT 'none' NOT NULL;\n",
                    f"CREATE INDEX ix_{t}_ref ON {t} (ref_id);\n"]
            if g > 0:
                steps.append(
                    f"      - addForeignKeyConstraint:\n          baseTableName: {t}\n          baseColumnNames: ref_id\n"
                    f"          constraintName: fk_{t}_ref\n          referencedTableName: {prev}\n"
                    f"          referencedColumnNames: id\n          onDelete: SET NULL\n")
                sql.append(f"ALTER TABLE {t} ADD CONSTRAINT fk_{t}_ref FOREIGN KEY (ref_id) REFERENCES {prev} (id) ON DELETE SET NULL;\n")
        elif kind == 2:
            query = f"SELECT id, code, amount FROM {t} WHERE active"
            steps = [f"      - createView:\n          viewName: v_{t}_active\n          selectQuery: {q(query)}\n"]
            sql.append(f"CREATE VIEW v_{t}_active AS {query};\n")
        elif kind == 3:
            stmts = [f"ALTER TABLE {t} ADD CONSTRAINT ck_{t}_amount CHECK (amount >= 0)",
                     f"COMMENT ON TABLE {t} IS 'group {g}'",
                     f"CREATE INDEX ix_{t}_active_created ON {t} (created_at) WHERE active"]
            steps = [f"      - sql: {q('; '.join(stmts))}\n"]
            sql += [s + ";\n" for s in stmts]
        else:
            steps = []
            for j in range(3):
                steps.append(
                    f"      - insert:\n          tableName: {t}\n          columns:\n"
                    f"            - column: {{name: code, value: c{g}_{j}}}\n"
                    f"            - column: {{name: amount, valueNumeric: {j * 10}}}\n")
                sql.append(f"INSERT INTO {t} (code, amount) VALUES ('c{g}_{j}', {j * 10});\n")
        changeset(mig, f"{i:05d}_{t}_{kind}", steps)
        groups.append("".join(sql[start:]))
    return mig, mig, sql, drops, groups


def raw(n):
    _, _, sql, drops, groups = chain(n)
    mig = []
    for i, text in enumerate(groups, 1):
        changeset(mig, f"{i:05d}_sql", [f"      - sql: {q(text.strip())}\n"])
    return mig, mig, sql, drops, groups


def write(path, parts):
    with open(path, "w") as f:
        f.write("".join(parts))


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: gen.py N OUTDIR")
    n, out = int(sys.argv[1]), sys.argv[2]
    for name, make in (("chain", chain), ("mixed", mixed), ("sql", raw)):
        mig, lb, sql, drops, groups = make(n)
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        head = ["databaseChangeLog:\n"]
        write(os.path.join(d, "changelog.yaml"), head + mig)
        write(os.path.join(d, "changelog-liquibase.yaml"), head + lb)
        write(os.path.join(d, "schema.sql"), sql)
        # One statement per table: one DROP of thousands of tables exceeds a default server's
        # max_locks_per_transaction.
        write(os.path.join(d, "drop-half.sql"), [f"DROP TABLE {t} CASCADE;\n" for t in drops])
        write(os.path.join(d, "per-changeset.sql"), per_changeset(groups))
        write(os.path.join(d, "partial.sql"), made_again(sql, drops))
        peers(d, groups)


def per_changeset(groups):
    """Each changeset's SQL in a transaction of its own, as migrate commits it."""
    parts = ["BEGIN;\nSET LOCAL synchronous_commit = off;\n" + text + "COMMIT;\n" for text in groups]
    # A transaction given an id and committed synchronously: every commit before it is on disk.
    return parts + ["SET synchronous_commit = on;\nSELECT txid_current();\n"]


def made_again(sql, drops):
    """The statements that name a dropped table: what DROP TABLE … CASCADE took with it."""
    dropped = re.compile(r"\b(?:" + "|".join(map(re.escape, drops)) + r")\b") if drops else None
    return [s for s in sql if dropped and dropped.search(s)]


def peers(d, groups):
    """The same changesets for the peers: one Flyway versioned migration and one Alembic revision
    per changeset, each running that changeset's SQL as schema.sql writes it."""
    fw = os.path.join(d, "flyway")
    os.makedirs(fw, exist_ok=True)
    al = os.path.join(d, "alembic")
    os.makedirs(os.path.join(al, "versions"), exist_ok=True)
    for k, text in enumerate(groups, 1):
        write(os.path.join(fw, f"V{k}__changeset_{k}.sql"), [text])
        down = f'"r{k - 1:05d}"' if k > 1 else "None"
        write(os.path.join(al, "versions", f"r{k:05d}.py"), [
            f'revision = "r{k:05d}"\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n',
            "from alembic import op\n\n\ndef upgrade():\n",
            f"    op.get_bind().exec_driver_sql({text!r})\n\n\ndef downgrade():\n    pass\n"])
    write(os.path.join(al, "alembic.ini"), ["[alembic]\nscript_location = %(here)s\n"])
    # The URL comes from the environment; one transaction per revision, as migrate commits per
    # changeset.
    write(os.path.join(al, "env.py"), [
        "import os\n\nfrom alembic import context\nfrom sqlalchemy import create_engine\n\n",
        'with create_engine(os.environ["BENCH_ALEMBIC_URL"]).connect() as connection:\n',
        "    context.configure(connection=connection, transaction_per_migration=True)\n",
        "    with context.begin_transaction():\n        context.run_migrations()\n"])


if __name__ == "__main__":
    main()
