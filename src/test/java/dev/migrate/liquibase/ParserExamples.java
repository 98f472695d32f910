package dev.migrate.liquibase;

import dev.migrate.liquibase.ParserDifferentialTest.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small projects, each file given by its path below the project root, for the differential test.
 */
final class ParserExamples {
  private ParserExamples() {}

  private static final String XML_HEAD =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"%s>
      """;

  static String xml(String attributes, String body) {
    return XML_HEAD.formatted(attributes) + body + "</databaseChangeLog>\n";
  }

  static Stream<Project> all() {
    return Stream.of(
        project(
            "xml change types",
            "db/master.xml",
            Map.of(
                "db/master.xml",
                xml(
                    "",
                    """
            <property name="idType" value="bigint" dbms="postgresql"/>
            <property name="idType" value="number(19)" dbms="oracle"/>
            <changeSet id="1" author="a" runOnChange="true" failOnError="false" context="ddl" labels="x">
              <comment>Tables &amp; keys</comment>
              <createTable tableName="person" remarks="People">
                <column name="id" type="${idType}" autoIncrement="true">
                  <constraints primaryKey="true" primaryKeyName="pk_person" nullable="false"/>
                </column>
                <column name="name" type="varchar(100)" defaultValue="n/a"><constraints nullable="false" unique="true" uniqueConstraintName="uq_name"/></column>
                <column name="born" type="datetime" defaultValueComputed="now()"/>
                <column name="active" type="boolean" defaultValueBoolean="true"/>
                <column name="score" type="numeric(5,2)" defaultValueNumeric="1.5"/>
              </createTable>
              <createTable tableName="address">
                <column name="id" type="int"><constraints primaryKey="true"/></column>
                <column name="person_id" type="bigint">
                  <constraints foreignKeyName="fk_address_person" references="person(id)" deleteCascade="true"/>
                </column>
              </createTable>
              <addColumn tableName="person">
                <column name="email" type="varchar(200)"/>
                <column name="nick" type="varchar(20)" value="none"/>
              </addColumn>
              <createIndex tableName="person" indexName="ix_person_name" unique="true">
                <column name="name"/>
                <column name="born" descending="true"/>
              </createIndex>
              <addForeignKeyConstraint baseTableName="address" baseColumnNames="person_id" constraintName="fk2"
                  referencedTableName="person" referencedColumnNames="id" onDelete="SET NULL" deferrable="true" initiallyDeferred="true"/>
              <addUniqueConstraint tableName="person" columnNames="email, nick" constraintName="uq_email_nick"/>
              <addNotNullConstraint tableName="person" columnName="email" columnDataType="varchar(200)" defaultNullValue="x@y"/>
              <addDefaultValue tableName="person" columnName="nick" defaultValue="anon"/>
              <dropDefaultValue tableName="person" columnName="nick" columnDataType="varchar(20)"/>
              <modifyDataType tableName="person" columnName="nick" newDataType="varchar(40)"/>
              <renameColumn tableName="person" oldColumnName="nick" newColumnName="nickname" columnDataType="varchar(40)"/>
              <createSequence sequenceName="seq_a" startValue="10" incrementBy="5"/>
              <createView viewName="v_person" replaceIfExists="true">SELECT id, name FROM person</createView>
              <insert tableName="person">
                <column name="id" valueNumeric="1"/>
                <column name="name" value="Ann"/>
                <column name="born" valueComputed="now()"/>
                <column name="active" valueBoolean="false"/>
              </insert>
              <update tableName="person">
                <column name="name" valueComputed="concat('X_', name)"/>
                <where>id = 1 AND name &lt;&gt; 'Bob'</where>
              </update>
              <delete tableName="person"><where>id &gt; 100</where></delete>
              <dropColumn tableName="person">
                <column name="email"/>
              </dropColumn>
              <rollback>
                <dropTable tableName="address"/>
                <dropTable tableName="person"/>
              </rollback>
            </changeSet>
            <changeSet id="2" author="a" runInTransaction="false" dbms="postgresql">
              <validCheckSum>ANY</validCheckSum>
              <validCheckSum>9:0123</validCheckSum>
              <preConditions onFail="MARK_RAN">
                <not><tableExists tableName="nope"/></not>
                <sqlCheck expectedResult="0">SELECT count(*) FROM person WHERE id &lt; 0</sqlCheck>
              </preConditions>
              <sql splitStatements="false" stripComments="true" endDelimiter="\\n/">
                <comment>two statements</comment>
                <![CDATA[CREATE INDEX CONCURRENTLY ix_a ON person (id);
                SELECT 1 WHERE 2 > 1]]>
              </sql>
              <createProcedure>CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql</createProcedure>
              <rollback>DROP FUNCTION f()</rollback>
            </changeSet>
            <changeSet id="3" author="a" dbms="mysql"><sql>SELECT 'mysql only'</sql></changeSet>
            <changeSet id="4" author="a" ignore="true"><sql>SELECT 'ignored'</sql></changeSet>
            <changeSet id="tag" author="a"><tagDatabase tag="v1"/></changeSet>
            <changeSet id="5" author="a">
              <dropIndex indexName="ix_person_name" tableName="person"/>
              <dropTable tableName="address" cascadeConstraints="true"/>
              <rollback/>
              <modifySql dbms="postgresql"><append value=" -- appended"/><replace replace="a" with="b"/></modifySql>
            </changeSet>
            """)),
            null),
        project(
            "json",
            "db/master.json",
            Map.of(
                "db/master.json",
                """
            {
              "databaseChangeLog": [
                {"property": {"name": "t", "value": "thing"}},
                {"changeSet": {"id": "1", "author": "a", "runOnChange": true, "comment": "json",
                  "changes": [
                    {"createTable": {"tableName": "${t}", "columns": [
                      {"column": {"name": "id", "type": "int", "constraints": {"primaryKey": true}}},
                      {"column": {"name": "n", "type": "varchar(10)", "defaultValueNumeric": 2}}]}},
                    {"sql": {"sql": "SELECT 1; SELECT 2", "splitStatements": false}}
                  ],
                  "rollback": [{"dropTable": {"tableName": "${t}"}}]}}
              ]
            }
            """),
            null),
        project(
            "formatted and plain sql, a leading slash",
            "db/master.yaml",
            Map.of(
                "db/master.yaml",
                    """
                databaseChangeLog:
                  - include: {file: db/formatted.sql}
                  - include: {file: /db/plain.sql}
                  - include: {file: db/legacy/plain-with-changeset-line.sql}
                """,
                "db/formatted.sql",
                    """

                --liquibase formatted sql
                --property name:tbl value:widgets
                --changeset alice:1 runOnChange:true failOnError:false context:prod labels:l1 stripComments:false
                --comment: makes the widgets
                --validCheckSum: ANY
                --preconditions onFail:MARK_RAN onError:HALT
                --precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_tables WHERE tablename = '${tbl}'
                CREATE TABLE ${tbl} (id int); -- kept comment
                /* block */ INSERT INTO ${tbl} VALUES (1);
                --rollback DROP TABLE ${tbl};
                --changeset "bob smith":"two words" runInTransaction:false splitStatements:false endDelimiter:GO
                CREATE INDEX CONCURRENTLY ix_w ON widgets (id)
                --rollback not required
                --changeset carol:3 dbms:mysql
                SELECT 'mysql'
                --changeset carol:4 ignore:true
                SELECT 'ignored'
                --changeset dave:5 contextFilter:"a or b" runAlways:true
                /* liquibase rollback
                DELETE FROM widgets;
                */
                UPDATE widgets SET id = id;
                """,
                "db/plain.sql",
                    "-- just SQL\nCREATE TABLE plain_t (id int);\nINSERT INTO plain_t VALUES (${no});\n",
                "db/legacy/plain-with-changeset-line.sql",
                    """
                /* licence */
                -- liquibase formatted sql
                -- changeset x:1
                CREATE TABLE legacy (id int);
                """),
            null),
        project(
            "includeAll over every format, logicalFilePath and relative paths",
            "db/master.xml",
            Map.of(
                "db/master.xml",
                    xml(
                        " logicalFilePath=\"master-logical.xml\"",
                        """
                <property name="folder" value="all"/>
                <changeSet id="m" author="a"><sql>SELECT 'master'</sql></changeSet>
                <include file="sub/rel.yaml" relativeToChangelogFile="true"/>
                <include file="db/missing.xml" errorIfMissing="false"/>
                <includeAll path="${folder}" relativeToChangelogFile="true"/>
                <includeAll path="/db/empty/" errorIfMissingOrEmpty="false"/>
                """),
                "db/sub/rel.yaml",
                    """
                databaseChangeLog:
                  - changeSet: {id: r, author: a, changes: [{sql: "SELECT 'relative'"}]}
                """,
                "db/all/b.sql",
                    "--liquibase formatted sql logicalFilePath:b-logical.sql\n--changeset a:b\nSELECT 'b'\n",
                "db/all/a-2.xml",
                    xml(
                        "",
                        "<changeSet id=\"a2\" author=\"a\" logicalFilePath=\"own.xml\"><sql>SELECT 'a2'</sql></changeSet>\n"),
                "db/all/a.json",
                    "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": \"aj\", \"author\": \"a\", \"changes\": [{\"sql\": {\"sql\": \"SELECT 'json'\"}}]}}]}",
                "db/all/2022/11/01.yml",
                    "databaseChangeLog:\n  - changeSet: {id: nested, author: a, changes: [{sql: {sql: SELECT 'nested'}}]}\n",
                "db/all/notes.txt", "not a changelog",
                "db/all/data.csv", "id\n1\n"),
            null),
        project(
            "a path relative to its changelog that starts with a slash",
            "db/changelog/master.xml",
            Map.of(
                "db/changelog/master.xml",
                    xml(
                        "",
                        """
                <include file="/changes/one.xml" relativeToChangelogFile="true"/>
                <includeAll path="/changes/all/" relativeToChangelogFile="true"/>
                <include file="//changes/two.yaml" relativeToChangelogFile="true"/>
                """),
                "db/changelog/changes/one.xml",
                    xml("", "<changeSet id=\"one\" author=\"a\"><sql>SELECT 1</sql></changeSet>\n"),
                "db/changelog/changes/all/1.sql",
                    "--liquibase formatted sql\n--changeset a:all\nSELECT 'all'\n",
                "db/changelog/changes/three.sql",
                    "--liquibase formatted sql\n--changeset a:three\nSELECT 3\n",
                "db/changelog/changes/two.yaml",
                    """
                databaseChangeLog:
                  - include: {file: /../changes/three.sql, relativeToChangelogFile: true}
                  - changeSet: {id: two, author: a, changes: [{sql: "SELECT 2"}]}
                """),
            null),
        project(
            "leniency Liquibase shows",
            "db/master.yaml",
            Map.of(
                "db/master.yaml",
                """
            databaseChangeLog:
              - changeSet:
                  id: lenient
                  author: a
                  runOnChange: "True"
                  preConditions:
                    - onFail: MARK_RAN
                    - columnExists:
                        - tableName: t
                        - columnName: c
                  changes:
                    - createTable:
                        tableName: t
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: "TRUE", nullable: False}}
                    - createSequence: {sequenceName: s, startValue: "10", incrementBy: 2}
                    - sql:
                        - sql: SELECT 1
                        - splitStatements: "false"
              - include:
                  - file: db/other.yaml
            """,
                "db/other.yaml",
                """
            databaseChangeLog:
              - changeSet: {id: other, author: a, validCheckSum: ANY, changes: [{sql: SELECT 2}]}
            """),
            null),
        project(
            "contexts on the command line",
            "db/master.xml",
            Map.of(
                "db/master.xml",
                xml(
                    "",
                    """
            <changeSet id="1" author="a" context="test"><sql>SELECT 1</sql></changeSet>
            <changeSet id="2" author="a" context="prod"><sql>SELECT 2</sql></changeSet>
            <changeSet id="3" author="a"><sql>SELECT 3</sql></changeSet>
            """)),
            "prod"),
        project(
            "runOrder first and last, in the root and an include",
            "db/master.yaml",
            Map.of(
                "db/master.yaml",
                """
            databaseChangeLog:
              - changeSet: {id: a, author: x, changes: [{sql: SELECT 1}]}
              - changeSet: {id: z, author: x, runOrder: last, changes: [{sql: SELECT 2}]}
              - include: {file: db/child.xml}
              - changeSet: {id: b, author: x, runOrder: first, changes: [{sql: SELECT 3}]}
              - changeSet: {id: c, author: x, changes: [{sql: SELECT 4}]}
              - changeSet: {id: y, author: x, runOrder: last, dbms: mysql, changes: [{sql: SELECT 5}]}
              - include: {file: db/more.sql}
            """,
                "db/more.sql",
                """
            --liquibase formatted sql

            --changeset x:h runOrder:first
            SELECT 10;

            --changeset x:i
            SELECT 11;
            """,
                "db/child.xml",
                xml(
                    "",
                    """
            <changeSet id="d" author="x"><sql>SELECT 6</sql></changeSet>
            <changeSet id="f" author="x" runOrder="last"><sql>SELECT 7</sql></changeSet>
            <changeSet id="e" author="x" runOrder="first"><sql>SELECT 8</sql></changeSet>
            <changeSet id="g" author="x"><sql>SELECT 9</sql></changeSet>
            """)),
            null),
        project(
            "a rollback that names another changeset",
            "db/master.yaml",
            Map.of(
                "db/master.yaml",
                """
            databaseChangeLog:
              - changeSet:
                  id: make
                  author: x
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                    - createIndex: {tableName: t, indexName: ix_t, columns: [{column: {name: id}}]}
              - include: {file: db/child.xml}
              - changeSet:
                  id: drop-again
                  author: x
                  changes:
                    - dropTable: {tableName: t}
                  rollback:
                    changeSetId: MAKE
                    changeSetAuthor: X
                    changeSetPath: db/master.yaml
              - include: {file: db/again.sql}
            """,
                "db/again.sql",
                """
            --liquibase formatted sql

            --changeset x:s1
            CREATE TABLE s (id int);

            --changeset x:s2
            DROP TABLE s;
            --rollback changeSetId:s1 changesetAuthor:x

            --changeset x:s3
            DROP TABLE t;
            --rollback changesetid:make changesetauthor:x changesetpath:db/master.yaml
            """,
                "db/child.xml",
                xml(
                    "",
                    """
            <changeSet id="drop" author="x">
              <dropIndex indexName="ix_t" tableName="t"/>
              <rollback changeSetId="make" changeSetAuthor="x" changeSetPath="db/master.yaml"/>
            </changeSet>
            <changeSet id="seed" author="x"><sql>INSERT INTO t VALUES (1)</sql></changeSet>
            <changeSet id="unseed" author="x">
              <sql>DELETE FROM t</sql>
              <rollback changeSetId="seed" changeSetAuthor="x"/>
            </changeSet>
            """)),
            null),
        project(
            "modifyChangeSets in XML and YAML",
            "db/master.xml",
            Map.of(
                "db/master.xml",
                xml(
                    "",
                    """
            <changeSet id="0" author="x"><sql>SELECT 0</sql></changeSet>
            <modifyChangeSets runWith="psql">
              <include file="db/m/a.yaml"/>
              <includeAll path="db/m/all/"/>
              <include file="db/m/b.yaml"/>
            </modifyChangeSets>
            <include file="db/m/y.yaml"/>
            """),
                "db/m/a.yaml",
                "databaseChangeLog:\n  - changeSet: {id: a, author: x, changes: [{sql: SELECT 1}]}\n",
                "db/m/b.yaml",
                "databaseChangeLog:\n  - changeSet: {id: b, author: x, changes: [{sql: SELECT 2}]}\n",
                "db/m/all/1.yaml",
                "databaseChangeLog:\n  - changeSet: {id: all1, author: x, changes: [{sql: SELECT 3}]}\n",
                "db/m/all/2.yaml",
                "databaseChangeLog:\n  - changeSet: {id: all2, author: x, changes: [{sql: SELECT 4}]}\n",
                "db/m/y.yaml",
                """
            databaseChangeLog:
              - modifyChangeSets:
                  runWith: psql
                  include: {file: db/m/c.yaml}
              - changeSet: {id: y1, author: x, changes: [{sql: SELECT 5}]}
            """,
                "db/m/c.yaml",
                "databaseChangeLog:\n  - changeSet: {id: c, author: x, changes: [{sql: SELECT 6}]}\n"),
            null),
        project(
            "includeAll chosen by depth and by the end of the path",
            "db/master.yaml",
            Map.ofEntries(
                Map.entry(
                    "db/master.yaml",
                    """
                databaseChangeLog:
                  - includeAll: {path: db/a/, maxDepth: 1}
                  - includeAll: {path: db/b/, minDepth: 2, maxDepth: "2"}
                  - includeAll: {path: db/c, minDepth: 3}
                  - includeAll: {path: db/e/, endsWithFilter: " .SQL "}
                  - includeAll: {path: db/f/, endsWithFilter: x.yaml, maxDepth: 2}
                  - includeAll: {path: db/g/, maxDepth: 0, errorIfMissingOrEmpty: false}
                  - include: {file: db/xml.xml}
                """),
                Map.entry(
                    "db/xml.xml",
                    xml(
                        "",
                        "<includeAll path=\"db/h/\" minDepth=\" 2 \" endsWithFilter=\"1/b.yaml\"/>\n")),
                Map.entry("db/a/top.yaml", changeset("a-top")),
                Map.entry("db/a/1/b.yaml", changeset("a-b")),
                Map.entry("db/b/top.yaml", changeset("b-top")),
                Map.entry("db/b/1/b.yaml", changeset("b-b")),
                Map.entry("db/b/1/2/deep.yaml", changeset("b-deep")),
                Map.entry("db/c/top.yaml", changeset("c-top")),
                Map.entry("db/c/1/2/deep.yaml", changeset("c-deep")),
                Map.entry(
                    "db/e/top.sql", "--liquibase formatted sql\n--changeset x:e-sql\nSELECT 1\n"),
                Map.entry(
                    "db/e/1/c.SQL", "--liquibase formatted sql\n--changeset x:e-SQL\nSELECT 1\n"),
                Map.entry("db/e/1/b.yaml", changeset("e-b")),
                Map.entry("db/f/1/ax.yaml", changeset("f-ax")),
                Map.entry("db/f/1/b.yaml", changeset("f-b")),
                Map.entry("db/f/1/2/deepx.yaml", changeset("f-deep")),
                Map.entry("db/g/top.yaml", changeset("g-top")),
                Map.entry("db/h/top.yaml", changeset("h-top")),
                Map.entry("db/h/1/b.yaml", changeset("h-1b")),
                Map.entry("db/h/2/b.yaml", changeset("h-2b"))),
            null));
  }

  private static String changeset(String id) {
    return "databaseChangeLog:\n  - changeSet: {id: "
        + id
        + ", author: x, changes: [{sql: SELECT 1}]}\n";
  }

  private static Project project(
      String name, String master, Map<String, String> files, String contexts) {
    try {
      Path root = Files.createTempDirectory("parser-example");
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = root.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      Files.createDirectories(root.resolve("db/empty"));
      return new Project(name, root, master, new LinkedHashMap<>(), contexts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
