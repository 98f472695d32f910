package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same changelog applied by Liquibase 4.33.0 to one database and by migrate to another: the two
 * dumps (schema and data) must be the same. One case per change type and option.
 */
class LiquibaseDifferentialTest {
  @TempDir Path dir;

  /** A changelog body (its changeSets) and the files it reads. */
  record Case(String name, String changeSets, String csv) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "createTable with every column option",
            """
            - changeSet:
                id: t
                author: a
                changes:
                  - createTable:
                      tableName: person
                      remarks: People
                      columns:
                        - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true, primaryKeyName: pk_person}}
                        - column: {name: name, type: nvarchar(100), constraints: {nullable: false}, remarks: Full name}
                        - column: {name: email, type: varchar(200), constraints: {unique: true, uniqueConstraintName: uq_person_email}}
                        - column: {name: born, type: datetime}
                        - column: {name: active, type: boolean, defaultValueBoolean: true}
                        - column: {name: score, type: double, defaultValueNumeric: 1.5}
                        - column: {name: status, type: varchar(10), defaultValue: new}
                        - column: {name: created, type: timestamp(6), defaultValueComputed: CURRENT_TIMESTAMP(6)}
                        - column: {name: notes, type: clob}
                        - column: {name: photo, type: longblob}
                        - column: {name: small, type: tinyint}
                        - column: {name: code, type: char(3)}
                        - column: {name: ids, type: uuid}
                  - createTable:
                      tableName: address
                      columns:
                        - column: {name: id, type: int, constraints: {primaryKey: true}}
                        - column: {name: person_id, type: bigint, constraints: {nullable: false, foreignKeyName: fk_address_person, references: person(id), deleteCascade: true}}
                        - column: {name: owner_id, type: bigint, constraints: {foreignKeyName: fk_address_owner, references: person(id), deferrable: true, initiallyDeferred: true, validateForeignKey: false}}
                  - addColumn:
                      tableName: address
                      columns:
                        - column: {name: agent_id, type: bigint, constraints: {foreignKeyName: fk_address_agent, references: person(id), deferrable: true, validateForeignKey: false}}
                        - column: {name: spare_id, type: bigint, constraints: {foreignKeyName: fk_address_spare, references: person(id)}}
            """,
            null),
        new Case(
            "identity columns with their generation and sequence options",
            """
            - changeSet:
                id: i
                author: a
                changes:
                  - createTable:
                      tableName: ticket
                      columns:
                        - column: {name: id, type: bigint, autoIncrement: true, generationType: ALWAYS, startWith: 1000, incrementBy: 5, constraints: {primaryKey: true}}
                        - column: {name: seq, type: int, autoIncrement: true, generationType: by  default, incrementBy: 3}
                        - column: {name: plain, type: int, startWith: 9}
                  - addColumn:
                      tableName: ticket
                      columns:
                        - column: {name: extra, type: bigint, autoIncrement: true, startWith: 7}
            """,
            null),
        new Case(
            "an unlogged table",
            """
            - changeSet:
                id: u
                author: a
                changes:
                  - createTable:
                      tableName: cache_entry
                      tableType: UNLOGGED
                      columns:
                        - column: {name: k, type: varchar(64), constraints: {primaryKey: true}}
                        - column: {name: v, type: text}
            """,
            null),
        new Case(
            "an empty schema or catalog name is the default schema",
            """
            - property: {name: schema, value: ""}
            - changeSet:
                id: e
                author: a
                preConditions: [{onFail: HALT}, {not: [{tableExists: {tableName: parent, schemaName: ""}}]}]
                changes:
                  - createTable: {tableName: parent, schemaName: "", catalogName: "", columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                  - createTable: {tableName: child, schemaName: "${schema}", columns: [{column: {name: id, type: int}}, {column: {name: parent_id, type: int}}]}
                  - addColumn: {tableName: child, schemaName: " ", columns: [{column: {name: note, type: text}}]}
                  - addForeignKeyConstraint: {baseTableName: child, baseTableSchemaName: "", baseColumnNames: parent_id, referencedTableName: parent, referencedTableSchemaName: "", referencedColumnNames: id, constraintName: fk_child_parent}
                  - createIndex: {tableName: child, schemaName: "", indexName: child_parent_idx, columns: [{column: {name: parent_id}}]}
                  - insert: {tableName: parent, schemaName: "", columns: [{column: {name: id, valueNumeric: 1}}]}
            """,
            null),
        new Case(
            "deleteCascade alone and beside onDelete",
            """
            - changeSet:
                id: d
                author: a
                changes:
                  - createTable: {tableName: p, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                  - createTable: {tableName: c, columns: [{column: {name: p1, type: int}}, {column: {name: p2, type: int}}, {column: {name: p3, type: int}}, {column: {name: p4, type: int}}, {column: {name: p5, type: int}}]}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p1, referencedTableName: p, referencedColumnNames: id, constraintName: fk1, deleteCascade: true, onDelete: SET NULL}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p2, referencedTableName: p, referencedColumnNames: id, constraintName: fk2, onDelete: CASCADE, deleteCascade: false, onUpdate: CASCADE}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p3, referencedTableName: p, referencedColumnNames: id, constraintName: fk3, deleteCascade: true}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p4, referencedTableName: p, referencedColumnNames: id, constraintName: fk4, deleteCascade: false}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p5, referencedTableName: p, referencedColumnNames: id, constraintName: fk5, onDelete: CASCADE, deleteCascade: true}
            """,
            null),
        new Case(
            "a default given as text to columns of number types",
            """
            - changeSet:
                id: n
                author: a
                changes:
                  - createTable: {tableName: num, columns: [{column: {name: c0, type: "int", defaultValue: "-1.5"}}, {column: {name: c1, type: "int8", defaultValue: "0"}}, {column: {name: c2, type: "bigint", defaultValue: "0"}}, {column: {name: c3, type: "smallint", defaultValue: "-1.5"}}, {column: {name: c4, type: "int2", defaultValue: "0"}}, {column: {name: c5, type: "tinyint", defaultValue: "0"}}, {column: {name: c6, type: "float", defaultValue: "-1.5"}}, {column: {name: c7, type: "float(53)", defaultValue: "0"}}, {column: {name: c8, type: "float(24)", defaultValue: "0"}}, {column: {name: c9, type: "double", defaultValue: "-1.5"}}, {column: {name: c10, type: "numeric(10,2)", defaultValue: "0"}}, {column: {name: c11, type: "decimal", defaultValue: "0"}}, {column: {name: c12, type: "number(10)", defaultValue: "-1.5"}}, {column: {name: c13, type: "real", defaultValue: "0"}}, {column: {name: c14, type: "float8", defaultValue: "0"}}, {column: {name: c15, type: "money", defaultValue: "-1.5"}}, {column: {name: c16, type: "varchar(5)", defaultValue: "0"}}, {column: {name: c17, type: "text", defaultValue: "0"}}]}
                  - addColumn: {tableName: num, columns: [{column: {name: extra, type: bigint, defaultValue: "7"}}]}
            """,
            null),
        new Case(
            "binary types: a blob is a large object's oid, the others bytea",
            """
            - changeSet:
                id: b
                author: a
                changes:
                  - createTable: {tableName: bin, columns: [{column: {name: a, type: blob}}, {column: {name: b, type: BLOB}}, {column: {name: c, type: longblob}}, {column: {name: d, type: mediumblob}}, {column: {name: e, type: tinyblob}}, {column: {name: f, type: binary}}, {column: {name: g, type: varbinary(10)}}, {column: {name: h, type: image}}, {column: {name: i, type: bytea}}]}
            """,
            null),
        new Case(
            "values read from files: valueBlobFile and valueClobFile",
            """
            - changeSet:
                id: lob
                author: a
                changes:
                  - createTable: {tableName: doc, columns: [{column: {name: id, type: int}}, {column: {name: body, type: longblob}}, {column: {name: note, type: clob}}]}
                  - insert: {tableName: doc, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: body, valueBlobFile: db/lobs/pixel.bin}}, {column: {name: note, valueClobFile: db/lobs/note.txt}}]}
                  - insert: {tableName: doc, columns: [{column: {name: id, valueNumeric: 2}}]}
                  - update: {tableName: doc, where: id = 2, columns: [{column: {name: body, valueBlobFile: db/lobs/pixel.bin}}, {column: {name: note, valueClobFile: db/lobs/note.txt, encoding: UTF-8}}]}
            """,
            null),
        new Case(
            "createProcedure and createView read from files",
            """
            - changeSet:
                id: f
                author: a
                changes:
                  - createTable: {tableName: ticket, columns: [{column: {name: id, type: int}}, {column: {name: seq, type: int}}]}
                  - createProcedure: {path: db/procs/total.sql, relativeToChangelogFile: true, encoding: UTF-8}
                  - createView: {viewName: v_ticket, path: db/views/v_ticket.sql}
            """,
            null),
        new Case(
            "indexes and constraints",
            """
            - changeSet:
                id: c
                author: a
                changes:
                  - createTable: {tableName: parent, columns: [{column: {name: id, type: int}}, {column: {name: code, type: varchar(10)}}]}
                  - createTable: {tableName: child, columns: [{column: {name: id, type: int}}, {column: {name: parent_id, type: int}}, {column: {name: at, type: date}}]}
                  - addPrimaryKey: {tableName: parent, columnNames: id, constraintName: pk_parent}
                  - addUniqueConstraint: {tableName: parent, columnNames: code, constraintName: uq_parent_code}
                  - addForeignKeyConstraint: {baseTableName: child, baseColumnNames: parent_id, constraintName: fk_child_parent, referencedTableName: parent, referencedColumnNames: id, onDelete: SET NULL, onUpdate: CASCADE, deferrable: true, initiallyDeferred: true}
                  - addForeignKeyConstraint: {baseTableName: child, baseColumnNames: id, constraintName: fk_child_parent_id, referencedTableName: parent, referencedColumnNames: id, validate: false}
                  - createIndex: {tableName: child, indexName: ix_child_at, columns: [{column: {name: parent_id}}, {column: {name: at, descending: true}}]}
                  - createIndex: {tableName: child, indexName: ux_child_id, unique: true, columns: [{column: {name: id}}]}
            """,
            null),
        new Case(
            "alter, rename and drop",
            """
            - changeSet:
                id: base
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int, constraints: {nullable: false}}}, {column: {name: a, type: varchar(10)}}, {column: {name: b, type: int}}, {column: {name: c, type: int}}, {column: {name: d, type: int}}]}
                  - createTable: {tableName: gone, columns: [{column: {name: id, type: int}}]}
                  - createTable: {tableName: old_t, columns: [{column: {name: id, type: int}}]}
                  - addPrimaryKey: {tableName: t, columnNames: id, constraintName: pk_t}
                  - addUniqueConstraint: {tableName: t, columnNames: d, constraintName: uq_t_d}
                  - addUniqueConstraint: {tableName: t, columnNames: b, constraintName: uq_t_b, deferrable: true, initiallyDeferred: true}
                  - createIndex: {tableName: t, indexName: ix_t_b, columns: [{column: {name: b}}]}
            - changeSet:
                id: alter
                author: a
                changes:
                  - modifyDataType: {tableName: t, columnName: a, newDataType: varchar(50)}
                  - addNotNullConstraint: {tableName: t, columnName: b, columnDataType: int, defaultNullValue: 0}
                  - addDefaultValue: {tableName: t, columnName: c, defaultValueNumeric: 7}
                  - addDefaultValue: {tableName: t, columnName: a, defaultValue: x}
                  - dropDefaultValue: {tableName: t, columnName: c}
                  - renameColumn: {tableName: t, oldColumnName: d, newColumnName: e, columnDataType: int}
                  - renameTable: {oldTableName: old_t, newTableName: new_t}
                  - dropIndex: {tableName: t, indexName: ix_t_b}
                  - dropUniqueConstraint: {tableName: t, constraintName: uq_t_d}
                  - dropPrimaryKey: {tableName: t, constraintName: pk_t}
                  - dropNotNullConstraint: {tableName: t, columnName: id, columnDataType: int}
                  - dropColumn: {tableName: t, columnName: c}
                  - dropTable: {tableName: gone}
            """,
            null),
        new Case(
            "comments and empty",
            """
            - changeSet:
                id: made
                author: a
                changes:
                  - createTable: {tableName: t, remarks: first, columns: [{column: {name: id, type: int, remarks: the key}}, {column: {name: note, type: text}}]}
                  - createView: {viewName: v, selectQuery: 'SELECT id, note FROM t'}
            - changeSet:
                id: described
                author: a
                changes:
                  - setTableRemarks: {tableName: t, remarks: "It's the table"}
                  - setColumnRemarks: {tableName: t, columnName: note, remarks: "Free text"}
                  - setColumnRemarks: {tableName: v, columnName: id, columnParentType: VIEW, remarks: "The key, seen"}
                  - setColumnRemarks: {tableName: t, columnName: id}
                  - empty: {}
            - changeSet:
                id: placeholder
                author: a
                changes:
                  - empty: {}
            """,
            null),
        new Case(
            "views, sequences and identity",
            """
            - changeSet:
                id: v
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int, constraints: {nullable: false}}}, {column: {name: n, type: bigint}}]}
                  - addAutoIncrement: {tableName: t, columnName: id, columnDataType: int}
                  - createSequence: {sequenceName: s1, startValue: 10, incrementBy: 2, cycle: true}
                  - createSequence: {sequenceName: s2}
                  - alterSequence: {sequenceName: s2, incrementBy: 5, dataType: int}
                  - renameSequence: {oldSequenceName: s2, newSequenceName: s3}
                  - addDefaultValue: {tableName: t, columnName: n, columnDataType: bigint, defaultValueSequenceNext: s1}
                  - createView: {viewName: v1, selectQuery: "SELECT id FROM t", remarks: A view}
                  - createView: {viewName: v2, selectQuery: "SELECT id, n FROM t"}
                  - createView: {viewName: v2, replaceIfExists: true, selectQuery: "SELECT id, n, 1 AS one FROM t"}
                  - renameView: {oldViewName: v1, newViewName: v1_renamed}
                  - createSequence: {sequenceName: s4}
                  - dropSequence: {sequenceName: s4}
            """,
            null),
        new Case(
            "data changes",
            """
            - changeSet:
                id: d
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int}}, {column: {name: name, type: varchar(20)}}, {column: {name: flag, type: boolean}}, {column: {name: at, type: date}}]}
                  - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: name, value: "o'hara"}}, {column: {name: flag, valueBoolean: true}}, {column: {name: at, valueDate: "2024-02-29"}}]}
                  - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: name, value: two}}]}
                  - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 3}}, {column: {name: name, value: three}}]}
                  - update: {tableName: t, columns: [{column: {name: flag, valueBoolean: false}}], where: "id = 2"}
                  - delete: {tableName: t, where: "id = 3"}
                  - loadData: {tableName: t, file: rows.csv, relativeToChangelogFile: true, columns: [{column: {name: id, type: NUMERIC}}, {column: {name: flag, type: BOOLEAN}}]}
            """,
            "id,name,flag,at\n10,ten,true,2020-01-01\n11,\"eleven, quoted\",false,NULL\n"),
        new Case(
            "loadData cells the file leaves untyped, read by their column's type",
            """
            - changeSet:
                id: untyped
                author: a
                changes:
                  - createTable: {tableName: bike, columns: [{column: {name: model, type: varchar(20)}}, {column: {name: year, type: int}}, {column: {name: power, type: int}}, {column: {name: maker, type: bigint}}, {column: {name: price, type: "numeric(8,2)"}}, {column: {name: code, type: varchar(5)}}, {column: {name: ratio, type: double}}]}
                  - loadData: {tableName: bike, file: rows.csv, relativeToChangelogFile: true, separator: ";"}
            """,
            "model;year;power;maker;price;code;ratio\n450 enduro;2008;49.6;1;10.5;007;1e2\nf 650;1995;48.0;+2;-3;0.10;.5\n"),
        new Case(
            "output",
            """
            - changeSet:
                id: o
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                  - output: {message: "made t", target: STDOUT}
                  - output: {message: a warning, target: WARN}
                  - output: {message: on stderr}
                  - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}
            """,
            null),
        new Case(
            "dropAllForeignKeyConstraints",
            """
            - changeSet:
                id: k
                author: a
                changes:
                  - createTable: {tableName: p, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                  - createTable: {tableName: c, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}, {column: {name: p1, type: int, constraints: {foreignKeyName: fk_c_p1, references: p(id)}}}, {column: {name: p2, type: int}}]}
                  - addForeignKeyConstraint: {baseTableName: c, baseColumnNames: p2, constraintName: fk_c_p2, referencedTableName: p, referencedColumnNames: id, onDelete: CASCADE}
                  - createTable: {tableName: n, columns: [{column: {name: c_id, type: int, constraints: {foreignKeyName: fk_n_c, references: c(id)}}}]}
            - changeSet:
                id: d
                author: a
                changes:
                  - dropAllForeignKeyConstraints: {baseTableName: c}
                  - dropAllForeignKeyConstraints: {baseTableName: p}
            """,
            null),
        new Case(
            "mergeColumns",
            """
            - changeSet:
                id: m
                author: a
                changes:
                  - createTable: {tableName: person, columns: [{column: {name: id, type: int}}, {column: {name: first, type: varchar(20)}}, {column: {name: last, type: varchar(20)}}]}
                  - insert: {tableName: person, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: first, value: Ada}}, {column: {name: last, value: Lovelace}}]}
                  - insert: {tableName: person, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: first, value: Grace}}]}
            - changeSet:
                id: n
                author: a
                changes:
                  - mergeColumns: {tableName: person, column1Name: first, joinString: ", ", column2Name: last, finalColumnName: full_name, finalColumnType: varchar(50)}
            """,
            null),
        new Case(
            "addLookupTable",
            """
            - changeSet:
                id: a
                author: a
                changes:
                  - createTable: {tableName: address, columns: [{column: {name: id, type: int}}, {column: {name: state, type: char(2)}}, {column: {name: Country, type: varchar(30)}}]}
                  - insert: {tableName: address, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: state, value: NY}}, {column: {name: Country, value: US}}]}
                  - insert: {tableName: address, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: state, value: NY}}]}
                  - insert: {tableName: address, columns: [{column: {name: id, valueNumeric: 3}}, {column: {name: state, value: CA}}, {column: {name: Country, value: US}}]}
                  - insert: {tableName: address, columns: [{column: {name: id, valueNumeric: 4}}]}
            - changeSet:
                id: b
                author: a
                changes:
                  - addLookupTable: {existingTableName: address, existingColumnName: state, newTableName: state, newColumnName: abbreviation, newColumnDataType: char(2)}
                  - addLookupTable: {existingTableName: address, existingColumnName: Country, newTableName: Countries, newColumnName: Code, constraintName: fk_country}
            """,
            null),
        new Case(
            "dropProcedure",
            """
            - changeSet:
                id: p
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                  - createProcedure: {procedureText: "CREATE PROCEDURE gone() LANGUAGE sql AS $$ SELECT 1 $$"}
                  - createProcedure: {procedureText: "CREATE PROCEDURE kept(n int) LANGUAGE sql AS $$ INSERT INTO t VALUES (n) $$"}
            - changeSet:
                id: d
                author: a
                changes:
                  - dropProcedure: {procedureName: gone}
                  - sql: CALL kept(7)
            """,
            null),
        new Case(
            "loadUpdateData",
            """
            - changeSet:
                id: u
                author: a
                changes:
                  - createTable: {tableName: t, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}, {column: {name: name, type: varchar(20)}}, {column: {name: flag, type: boolean}}, {column: {name: at, type: date}}]}
                  - createTable: {tableName: k, columns: [{column: {name: id, type: int}}, {column: {name: name, type: varchar(20)}}, {column: {name: flag, type: boolean}}, {column: {name: at, type: date}}]}
                  - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 10}}, {column: {name: name, value: old}}]}
                  - insert: {tableName: k, columns: [{column: {name: id, valueNumeric: 11}}, {column: {name: name, value: "eleven, quoted"}}, {column: {name: flag, valueBoolean: true}}, {column: {name: at, valueDate: "2024-02-29"}}]}
                  - loadUpdateData: {tableName: t, file: rows.csv, relativeToChangelogFile: true, primaryKey: id, columns: [{column: {name: id, type: NUMERIC}}, {column: {name: flag, type: BOOLEAN}}]}
                  - loadUpdateData: {tableName: k, file: rows.csv, relativeToChangelogFile: true, primaryKey: "id,name", onlyUpdate: true}
            - changeSet:
                id: again
                author: a
                changes:
                  - loadUpdateData: {tableName: t, file: rows.csv, relativeToChangelogFile: true, primaryKey: id}
            """,
            "id,name,flag,at\n10,ten,true,2020-01-01\n11,\"eleven, quoted\",false,NULL\n12,twelve,f,\n"),
        new Case(
            "sql, procedures, properties, modifySql and preconditions",
            """
            - property: {name: table_name, value: things}
            - property: {name: table_name, value: ignored}
            - property: {name: dbtype, value: text, dbms: postgresql}
            - property: {name: dbtype, value: clob, dbms: h2}
            - changeSet:
                id: s
                author: a
                changes:
                  - sql: |
                      CREATE TABLE ${table_name} (id int, v ${dbtype});
                      INSERT INTO ${table_name} VALUES (1, 'a;b');
                  - sql: {sql: "INSERT INTO things VALUES (2, 'mysql')", dbms: mysql}
                  - createProcedure:
                      procedureText: |
                        CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int AS $$
                        BEGIN
                          RETURN i + 1;
                        END;
                        $$ LANGUAGE plpgsql;
                  - tagDatabase: {tag: v1}
            - changeSet:
                id: m
                author: a
                changes:
                  - createTable: {tableName: docs, columns: [{column: {name: body, type: json}}]}
                modifySql:
                  - replace: {replace: JSON, with: JSONB}
                  - append: {dbms: mysql, value: " ENGINE=InnoDB"}
                  - append: {dbms: postgresql, value: " WITH (fillfactor=70)"}
            - changeSet:
                id: skipped
                author: a
                preConditions:
                  - onFail: MARK_RAN
                  - tableExists: {tableName: nothing_here}
                changes:
                  - createTable: {tableName: never, columns: [{column: {name: id, type: int}}]}
            - changeSet:
                id: other-db
                author: a
                dbms: mysql
                changes:
                  - createTable: {tableName: mysql_only, columns: [{column: {name: id, type: int}}]}
            """,
            null),
        new Case(
            "addColumn forms, drops of keys and views, sqlFile, expression index",
            """
            - changeSet:
                id: f
                author: a
                changes:
                  - createTable: {tableName: p, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                  - createTable: {tableName: q, columns: [{column: {name: id, type: int}}, {column: {name: email, type: varchar(50)}}]}
                  - addColumn:
                      tableName: q
                      columns:
                        - column: {name: p_id, type: int, constraints: {foreignKeyName: fk_q_p, references: p(id)}}
                        - column: {name: code, type: varchar(5), defaultValue: abc, constraints: {nullable: false, unique: true}}
                  - addColumn:
                      tableName: q
                      column: {name: single, type: bigint, remarks: One column}
                  - insert: {tableName: q, columns: [{column: {name: id, valueNumeric: 7}}, {column: {name: code, value: zz}}]}
                  - addColumn:
                      tableName: q
                      columns:
                        - column: {name: filled, type: int, valueNumeric: 42}
                        - column: {name: label, type: varchar(10), value: none, constraints: {nullable: true}}
                  - createIndex: {tableName: q, indexName: ix_q_lower_email, columns: [{column: {name: lower(email)}}]}
                  - createIndex: {tableName: q, indexName: ix_q_code_hash, using: hash, columns: [{column: {name: code}}]}
                  - createView: {viewName: vq, selectQuery: "SELECT id FROM q"}
                  - dropView: {viewName: vq}
                  - dropForeignKeyConstraint: {baseTableName: q, constraintName: fk_q_p}
                  - sqlFile: {path: extra.sql, relativeToChangelogFile: true}
                  - insert: {tableName: q, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: email, valueComputed: "upper('x@y')"}}]}
            """,
            null),
        new Case(
            "files that start with a byte-order mark, in UTF-8 or another encoding",
            """
            - changeSet:
                id: marked
                author: a
                changes:
                  - createTable: {tableName: marked, columns: [{column: {name: id, type: int}}, {column: {name: name, type: text}}, {column: {name: note, type: text}}]}
                  - loadData: {tableName: marked, file: db/bom/utf8.csv}
                  - loadData: {tableName: marked, file: db/bom/cp1252.csv, encoding: windows-1252}
                  - sqlFile: {path: db/bom/more.sql}
                  - insert: {tableName: marked, columns: [{column: {name: id, valueNumeric: 9}}, {column: {name: note, valueClobFile: db/bom/note.txt}}]}
            """,
            null),
        new Case(
            "loadUpdateData whose primaryKey is not a column of its file",
            """
            - changeSet:
                id: generated-key
                author: a
                changes:
                  - createTable: {tableName: bird, columns: [{column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}}, {column: {name: name, type: text}}, {column: {name: n, type: int}}]}
                  - createTable: {tableName: loose, columns: [{column: {name: ref, type: int}}, {column: {name: name, type: text}}, {column: {name: n, type: int}}]}
                  - insert: {tableName: loose, columns: [{column: {name: name, value: old}}]}
                  - loadUpdateData: {tableName: bird, file: rows.csv, primaryKey: id}
                  - loadUpdateData: {tableName: loose, file: rows.csv, primaryKey: ref}
            """,
            "name,n\na,1\nb,2\n"),
        new Case(
            "serial types with autoIncrement",
            """
            - changeSet:
                id: serial-identity
                author: a
                changes:
                  - createTable: {tableName: sa, columns: [{column: {name: id, type: SERIAL, autoIncrement: true, constraints: {primaryKey: true}}}]}
                  - createTable: {tableName: sb, columns: [{column: {name: id, type: bigserial, autoIncrement: true}}]}
                  - createTable: {tableName: sc, columns: [{column: {name: id, type: serial4, autoIncrement: true, startWith: 5}}]}
                  - addColumn: {tableName: sa, columns: [{column: {name: x, type: smallserial, autoIncrement: true}}]}
                  - createTable: {tableName: sd, columns: [{column: {name: id, type: SERIAL, constraints: {primaryKey: true, nullable: false}}}, {column: {name: n, type: bigserial}}, {column: {name: s, type: smallserial}}]}
                  - insert: {tableName: sd, columns: [{column: {name: id, valueNumeric: 1}}]}
                  - insert: {tableName: sc, columns: [{column: {name: id, valueNumeric: 1}}]}
            """,
            null),
        new Case(
            "the word null as a value or a default",
            """
            - changeSet:
                id: null-word
                author: a
                changes:
                  - createTable: {tableName: nw, columns: [{column: {name: id, type: int}}, {column: {name: s, type: text, defaultValue: "null"}}, {column: {name: v, type: varchar(10), defaultValue: "NULL"}}, {column: {name: d, type: date}}]}
                  - insert: {tableName: nw, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: d, value: "NULL"}}]}
                  - insert: {tableName: nw, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: s, value: "Null"}}, {column: {name: v, value: nullish}}]}
                  - update: {tableName: nw, columns: [{column: {name: v, value: "null"}}], where: "id = 1"}
                  - addColumn: {tableName: nw, columns: [{column: {name: a, type: text, value: "null"}}, {column: {name: b, type: varchar(5), defaultValue: "nUll"}}]}
                  - addDefaultValue: {tableName: nw, columnName: id, defaultValue: "null"}
            """,
            null),
        new Case(
            "a key column marked unique too",
            """
            - changeSet:
                id: pk-unique
                author: a
                changes:
                  - createTable:
                      tableName: account
                      columns:
                        - column: {name: id, type: int, constraints: {primaryKey: true, unique: true}}
                        - column: {name: code, type: int, constraints: {primaryKey: true, unique: true, uniqueConstraintName: uq_code}}
                  - createTable:
                      tableName: single
                      columns:
                        - column: {name: id, type: int, constraints: {primaryKey: true, unique: true, nullable: false}}
            """,
            null),
        new Case(
            "clustered: createIndex and addPrimaryKey cluster their table",
            """
            - changeSet:
                id: clustered
                author: a
                changes:
                  - createTable: {tableName: visit, columns: [{column: {name: id, type: int}}, {column: {name: day, type: date}}]}
                  - insert: {tableName: visit, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: day, value: "2024-01-02"}}]}
                  - insert: {tableName: visit, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: day, value: "2024-01-03"}}]}
                  - createIndex: {tableName: visit, indexName: Visit_Day, clustered: true, columns: [{column: {name: day}}]}
                  - createTable: {tableName: stay, columns: [{column: {name: id, type: int}}]}
                  - addPrimaryKey: {tableName: stay, columnNames: id, constraintName: stay_pk, clustered: true}
                  - createIndex: {tableName: stay, indexName: stay_id_not, clustered: false, columns: [{column: {name: id}}]}
            """,
            null),
        new Case(
            "names: upper, mixed, reserved, digits, punctuation, quotes, 64 bytes",
            """
            - changeSet:
                id: names
                author: a
                changes:
                  - createTable:
                      tableName: PERSON
                      columns:
                        - column: {name: ID, type: int, constraints: {primaryKey: true, primaryKeyName: PK_PERSON}}
                        - column: {name: FullName, type: varchar(50)}
                        - column: {name: order, type: int}
                        - column: {name: GROUP, type: int}
                        - column: {name: 2nd, type: int}
                        - column: {name: a-b, type: int}
                        - column: {name: 'say "hi"', type: int}
                        - column: {name: Ünïcode, type: int}
                  - createTable:
                      tableName: MixedCase
                      columns:
                        - column: {name: Id, type: int, constraints: {nullable: false, unique: true, uniqueConstraintName: UQ_Mixed}}
                        - column: {name: PERSON_ID, type: int, constraints: {foreignKeyName: FK_MIXED_PERSON, references: PERSON(ID)}}
                  - createIndex: {tableName: PERSON, indexName: IX_PERSON_NAME, columns: [{column: {name: FullName}}, {column: {name: GROUP}}]}
                  - createSequence: {sequenceName: SEQ_PERSON}
                  - addColumn: {tableName: MixedCase, columns: [{column: {name: NEXT_ID, type: bigint, defaultValueSequenceNext: SEQ_PERSON}}]}
                  - createTable:
                      tableName: a_table_name_that_is_longer_than_postgresql_keeps_sixty_four_bytes
                      columns:
                        - column: {name: id, type: int}
                  - renameColumn: {tableName: PERSON, oldColumnName: GROUP, newColumnName: TEAM}
                  - addUniqueConstraint: {tableName: PERSON, columnNames: "a-b, 2nd", constraintName: UQ_PERSON_AB}
            - changeSet:
                id: quote-all
                author: a
                objectQuotingStrategy: QUOTE_ALL_OBJECTS
                changes:
                  - createTable: {tableName: UPPER_KEPT, columns: [{column: {name: ID, type: int}}, {column: {name: lower, type: int}}]}
            - changeSet:
                id: quote-reserved
                author: a
                objectQuotingStrategy: QUOTE_ONLY_RESERVED_WORDS
                changes:
                  - createTable: {tableName: MixedFolded, columns: [{column: {name: Select, type: int}}, {column: {name: Plain, type: int}}]}
            """,
            null),
        new Case(
            "remarks with spaces and line ends around them",
            """
            - changeSet:
                id: remarks
                author: a
                changes:
                  - createTable:
                      tableName: r
                      remarks: |
                        A table, its text ending with a line end.
                      columns:
                        - column:
                            name: id
                            type: int
                            remarks: "  spaced  "
                  - addColumn:
                      tableName: r
                      columns:
                        - column:
                            name: note
                            type: text
                            remarks: |
                              Two lines,
                              the second ending too.
                  - createView: {viewName: v, selectQuery: SELECT id FROM r, remarks: "\\tA view\\n"}
                  - setTableRemarks: {tableName: r, remarks: " set again\\n"}
                  - setColumnRemarks: {tableName: r, columnName: id, remarks: "\\nset again "}
            """,
            null),
        new Case(
            "timestamp defaults written as text that ends in ()",
            """
            - changeSet:
                id: stamps
                author: a
                changes:
                  - createTable:
                      tableName: s
                      columns:
                        - column: {name: a, type: TIMESTAMP, defaultValue: "now()"}
                        - column: {name: b, type: timestamptz, defaultValue: "NOW()"}
                        - column: {name: c, type: datetime, defaultValue: "clock_timestamp()"}
                        - column: {name: d, type: "timestamp(3)", defaultValue: "now()"}
                        - column: {name: e, type: text, defaultValue: "now()"}
                  - addColumn:
                      tableName: s
                      columns:
                        - column: {name: f, type: TIMESTAMP WITH TIME ZONE, defaultValue: "now()"}
            """,
            null),
        numberDefaults());
  }

  /**
   * A default given as a number, in each form, on each number type, by createTable, addColumn and
   * addDefaultValue: Liquibase writes a number it holds as one, and any value of a whole-number
   * type, without the zeros of a whole number's fraction (30.0 as 30), and reads an unquoted YAML
   * number as Java prints it (30.00 as 30.0, 1.50 as 1.5).
   */
  private static Case numberDefaults() {
    List<String> types =
        List.of("int", "bigint", "smallint", "numeric(10,2)", "decimal", "float", "double", "real");
    List<String> forms =
        List.of(
            "defaultValue: '30.0'",
            "defaultValue: 30.00",
            "defaultValue: '1.50'",
            "defaultValueNumeric: 7.0",
            "defaultValueNumeric: '1.50'",
            "defaultValueNumeric: 1.50",
            "defaultValueNumeric: '-0.50'",
            "defaultValueNumeric: '2'");
    StringBuilder columns = new StringBuilder();
    StringBuilder added = new StringBuilder();
    StringBuilder set = new StringBuilder();
    for (int t = 0; t < types.size(); t++) {
      for (int f = 0; f < forms.size(); f++) {
        String column =
            "{column: {name: c"
                + t
                + "_"
                + f
                + ", type: '"
                + types.get(t)
                + "', "
                + forms.get(f)
                + "}}";
        columns.append("          - ").append(column).append('\n');
        added.append("          - ").append(column.replace("name: c", "name: a")).append('\n');
        if (forms.get(f).startsWith("defaultValueNumeric")) {
          set.append("      - addDefaultValue: {tableName: d, columnName: c")
              .append(t + "_" + f)
              .append(", columnDataType: '")
              .append(types.get(t))
              .append("', ")
              .append(forms.get(f).replace("7.0", "8.00"))
              .append("}\n");
        }
      }
    }
    return new Case(
        "number defaults: each form on each number type",
        "- changeSet:\n    id: numbers\n    author: a\n    changes:\n"
            + "      - createTable:\n          tableName: d\n          columns:\n"
            + columns.toString().indent(4)
            + "      - addColumn:\n          tableName: d\n          columns:\n"
            + added.toString().indent(4)
            + set,
        null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void migrateGivesTheSameDatabaseAsLiquibase(Case c) throws Exception {
    Path changelog =
        Changelogs.write(dir, "changelog.yaml", "databaseChangeLog:\n" + c.changeSets().indent(2));
    if (c.csv() != null) {
      Changelogs.write(dir, "rows.csv", c.csv());
    }
    Changelogs.write(
        dir,
        "extra.sql",
        "CREATE TABLE from_file (id int);\n-- a comment; with a semicolon\nINSERT INTO from_file VALUES (1);\n");
    Changelogs.write(
        dir,
        "db/procs/total.sql",
        "CREATE OR REPLACE FUNCTION total(a int, b int) RETURNS int\n"
            + "LANGUAGE sql AS $$ SELECT a + b; $$;\n");
    Changelogs.write(dir, "db/views/v_ticket.sql", "SELECT id, seq FROM ticket WHERE id > 0\n");
    Changelogs.write(dir, "db/lobs/note.txt", "Grüße, a text\nof two lines\n");
    java.nio.file.Files.write(
        dir.resolve("db/lobs/pixel.bin"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, (byte) 0xff});
    byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    marked(dir.resolve("db/bom/utf8.csv"), mark, "id,name\n1,caf\u00e9\n".getBytes(UTF_8));
    marked(dir.resolve("db/bom/cp1252.csv"), mark, "id,name\n2,caf\u00e9\n".getBytes(WINDOWS_1252));
    marked(
        dir.resolve("db/bom/more.sql"),
        mark,
        "INSERT INTO marked (id) VALUES (3);\n".getBytes(UTF_8));
    marked(dir.resolve("db/bom/note.txt"), mark, "Gr\u00fc\u00dfe".getBytes(UTF_8));
    TestDb byLiquibase = new TestDb("diff_lb");
    LiquibaseRun.update(byLiquibase, dir, "changelog.yaml");
    TestDb byMigrate = new TestDb("diff_migrate");
    Cli.Result result =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", byMigrate.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, result.code(), result.toString());
    String expected = SchemaDump.of(byLiquibase);
    // Two empty databases are equal too: Liquibase must have made something to compare with.
    assertTrue(expected.matches("(?s).*CREATE (UNLOGGED )?TABLE.*"), expected);
    assertEquals(expected, SchemaDump.of(byMigrate));
  }

  private static final java.nio.charset.Charset UTF_8 = java.nio.charset.StandardCharsets.UTF_8;
  private static final java.nio.charset.Charset WINDOWS_1252 =
      java.nio.charset.Charset.forName("windows-1252");

  // A file of these bytes after a byte-order mark.
  private static void marked(Path file, byte[] mark, byte[] bytes) throws java.io.IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    byte[] all = java.util.Arrays.copyOf(mark, mark.length + bytes.length);
    System.arraycopy(bytes, 0, all, mark.length, bytes.length);
    java.nio.file.Files.write(file, all);
  }

  @org.junit.jupiter.api.Test
  void contextsLabelsIncludesAndChangesetPropertiesGiveTheSameDatabase() throws Exception {
    Changelogs.write(
        dir,
        "parts/a.yaml",
        """
        databaseChangeLog:
          - removeChangeSetProperty: {change: addColumn, dbms: postgresql, remove: afterColumn}
          - changeSet:
              id: a
              author: x
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                - addColumn: {tableName: t, columns: [{column: {name: v, type: int, afterColumn: id}}]}
        """);
    Changelogs.write(
        dir,
        "parts/b.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: only-test
              author: x
              context: test
              changes:
                - createTable: {tableName: test_only, columns: [{column: {name: id, type: int}}]}
          - changeSet:
              id: prod-or-stage
              author: x
              context: "prod or stage"
              labels: fast
              changes:
                - createView: {viewName: v_full, fullDefinition: true, selectQuery: "CREATE VIEW v_full AS SELECT id FROM t"}
          - changeSet:
              id: slow
              author: x
              labels: slow
              changes:
                - createTable: {tableName: slow_table, columns: [{column: {name: id, type: int}}]}
        """);
    Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - includeAll: {path: parts/, relativeToChangelogFile: true}
        """);
    TestDb byLiquibase = new TestDb("diff_ctx_lb");
    LiquibaseRun.update(byLiquibase, dir, "changelog.yaml", "prod", "!slow");
    TestDb byMigrate = new TestDb("diff_ctx_migrate");
    Cli.Result result =
        new Cli()
            .in(dir)
            .run(
                "upgrade",
                "--url",
                byMigrate.libpqUrl(),
                "--changelog",
                "changelog.yaml",
                "--contexts",
                "prod",
                "--label-filter",
                "!slow");
    assertEquals(0, result.code(), result.toString());
    String expected = SchemaDump.of(byLiquibase);
    assertTrue(expected.contains("CREATE TABLE public.t "), expected);
    assertEquals(expected, SchemaDump.of(byMigrate));
    assertEquals(
        byLiquibase.rows("SELECT id FROM databasechangelog ORDER BY orderexecuted"),
        byMigrate.rows("SELECT id FROM migrate_revisions ORDER BY seq"));
  }
}
