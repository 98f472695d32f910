package dev.migrate.changelog;

import static dev.migrate.support.Changelogs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * XML, JSON and SQL changelogs, and Liquibase's path rules; ParserDifferentialTest holds the
 * comparison with Liquibase.
 */
class FormatsTest {
  @TempDir Path dir;

  private static final String XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"%s>
      %s</databaseChangeLog>
      """;

  private Changelog parse(String master) {
    return ChangelogParser.parse(master, List.of(dir), false);
  }

  private MigrateException invalid(String master) {
    return assertThrows(MigrateException.class, () -> parse(master));
  }

  @Test
  void xmlErrorsNameTheLineAndColumnOfTheElementOrAttribute() {
    write(
        dir,
        "bad.xml",
        XML.formatted(
            "",
            """
        <changeSet id="1" author="a">
          <createTabel tableName="t"/>
        </changeSet>
        """));
    assertTrue(
        invalid("bad.xml")
            .getMessage()
            .startsWith("bad.xml:4:3: unknown change type 'createTabel'"),
        invalid("bad.xml").getMessage());
    write(
        dir,
        "typo.xml",
        XML.formatted(
            "",
            """
        <changeSet id="1" author="a">
          <sql splitStatments="false">SELECT 1</sql>
        </changeSet>
        """));
    assertEquals(
        List.of("typo.xml:4:8: unknown attribute 'splitStatments' on sql is ignored"),
        parse("typo.xml").warnings());
    write(dir, "broken.xml", XML.formatted("", "<changeSet id=\"1\" author=\"a\">\n"));
    assertTrue(
        invalid("broken.xml").getMessage().startsWith("broken.xml:"),
        invalid("broken.xml").getMessage());
  }

  @Test
  void xmlNeverReadsAnExternalEntity() {
    write(dir, "secret.txt", "do not read");
    write(
        dir,
        "xxe.xml",
        """
        <?xml version="1.0"?>
        <!DOCTYPE databaseChangeLog [<!ENTITY secret SYSTEM "secret.txt">]>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <changeSet id="1" author="a"><sql>SELECT '&secret;'</sql></changeSet>
        </databaseChangeLog>
        """);
    MigrateException e = invalid("xxe.xml");
    assertTrue(e.getMessage().startsWith("xxe.xml:4:"), e.getMessage());
    assertFalse(e.getMessage().contains("do not read"), e.getMessage());
  }

  @Test
  void xmlTextIsTheValueLiquibaseGivesIt() {
    write(
        dir,
        "text.xml",
        XML.formatted(
            " logicalFilePath=\"/logical/text.xml\"",
            """
        <changeSet id="1" author="a">
          <comment>  why  </comment>
          <sql><comment>note</comment><![CDATA[SELECT 1 WHERE 2 > 1]]></sql>
          <createView viewName="v">SELECT 1 AS one</createView>
          <update tableName="t"><column name="n" valueComputed="n + 1"/><where>id &lt; 3</where></update>
          <rollback>DROP VIEW v</rollback>
        </changeSet>
        """));
    Changeset changeset = parse("text.xml").changesets().get(0);
    assertEquals("logical/text.xml", changeset.path());
    assertEquals("why", changeset.comment());
    assertEquals(
        new Change.Sql("SELECT 1 WHERE 2 > 1", true, false, null),
        changeset.steps().get(0).change());
    assertEquals(
        "SELECT 1 AS one", ((Change.CreateView) changeset.steps().get(1).change()).selectQuery());
    assertEquals("id < 3", ((Change.Update) changeset.steps().get(2).change()).where());
    assertEquals(
        new Change.Sql("DROP VIEW v", true, false, null),
        changeset.rollback().steps().get(0).change());
  }

  @Test
  void theXmlRootsQuotingStrategyIsEachChangesetsDefault() {
    Node root =
        XmlChangelog.read(
            XML.formatted(
                " objectQuotingStrategy=\"QUOTE_ONLY_RESERVED_WORDS\"",
                """
        <changeSet id="1" author="a"><sql>SELECT 1</sql></changeSet>
        <changeSet id="2" author="a" objectQuotingStrategy="LEGACY"><sql>SELECT 2</sql></changeSet>
        """),
            "q.xml",
            new Warnings(true));
    SequenceNode items = (SequenceNode) ((MappingNode) root).getValue().get(0).getValueNode();
    List<String> strategies =
        items.getValue().stream()
            .map(
                item ->
                    YamlMap.of(
                            ((MappingNode) item).getValue().get(0).getValueNode(),
                            "q.xml",
                            "changeSet")
                        .string("objectQuotingStrategy"))
            .toList();
    assertEquals(List.of("QUOTE_ONLY_RESERVED_WORDS", "LEGACY"), strategies);
  }

  @Test
  void formattedSqlReadsEveryDirective() {
    write(
        dir,
        "f.sql",
        """
        --liquibase formatted sql
        --property name:tbl value:widgets
        --changeset alice:1 runOnChange:true failOnError:false context:prod labels:l1 runInTransaction:false
        --comment: makes the widgets
        --validCheckSum: ANY
        --preconditions onFail:MARK_RAN onError:WARN
        --precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_tables WHERE tablename = '${tbl}'
        --precondition-table-exists table:other schema:public
        CREATE TABLE ${tbl} (id int); -- a comment
        --rollback DROP TABLE ${tbl};
        --changeset bob:2 splitStatements:false endDelimiter:GO stripComments:false
        SELECT 2
        --rollback not required
        --changeset carol:3 dbms:mysql
        SELECT 3
        """);
    List<Changeset> changesets = parse("f.sql").changesets();
    assertEquals(List.of("1", "2"), changesets.stream().map(Changeset::id).toList());
    Changeset first = changesets.get(0);
    assertEquals("f.sql::1::alice", first.key());
    assertTrue(first.runOnChange());
    assertFalse(first.failOnError());
    assertFalse(first.runInTransaction());
    assertEquals("makes the widgets", first.comment());
    assertEquals(List.of("ANY"), first.validCheckSums());
    assertEquals(
        new Change.Sql("CREATE TABLE widgets (id int); -- a comment", true, true, null),
        first.steps().get(0).change());
    assertEquals(
        new Change.Sql("DROP TABLE widgets;", true, false, null),
        first.rollback().steps().get(0).change());
    Preconditions preconditions = first.preconditions();
    assertEquals(Preconditions.OnFail.MARK_RAN, preconditions.onFail());
    assertEquals(Preconditions.OnFail.WARN, preconditions.onError());
    assertEquals(
        new Precondition.And(
            List.of(
                new Precondition.SqlCheck(
                    "SELECT count(*) FROM pg_tables WHERE tablename = 'widgets'", "0"),
                new Precondition.TableExists("public", "other"))),
        preconditions.condition());
    Changeset second = changesets.get(1);
    assertEquals(new Change.Sql("SELECT 2", false, false, "GO"), second.steps().get(0).change());
    assertTrue(second.rollback().given());
    assertEquals(List.of(), second.rollback().steps());
    assertEquals("f.sql:11:1", second.location().toString());
  }

  @Test
  void formattedSqlRefusesAChangesetLineItCannotRead() {
    write(dir, "bad.sql", "--liquibase formatted sql\n--changeset alice\nSELECT 1\n");
    assertTrue(
        invalid("bad.sql")
            .getMessage()
            .startsWith("bad.sql:2:1: a changeset starts with '--changeset author:id'"));
    write(dir, "empty.sql", "--liquibase formatted sql\n--changeset alice:1\n--comment nothing\n");
    assertTrue(
        invalid("empty.sql")
            .getMessage()
            .startsWith("empty.sql:2:1: changeset '1' by alice has no SQL"));
  }

  @Test
  void sqlWithoutTheHeaderOnItsFirstLineIsOneChangesetRunWhole() {
    String text =
        "/* licence */\n-- liquibase formatted sql\n-- changeset x:1\nCREATE TABLE t (id int); -- ${kept}\n";
    write(dir, "plain.sql", text);
    write(dir, "master.yaml", "databaseChangeLog:\n  - include: {file: /plain.sql}\n");
    Changeset raw = parse("master.yaml").changesets().get(0);
    assertEquals("plain.sql::raw::includeAll", raw.key());
    assertEquals(new Change.Sql(text, false, false, null), raw.steps().get(0).change());
  }

  @Test
  void jsonIsReadAsYamlAndATabSaysWhyItIsRefused() {
    write(
        dir,
        "c.json",
        """
        {"databaseChangeLog": [{"changeSet": {"id": "1", "author": "a", "changes": [{"sql": {"sql": "SELECT 1"}}]}}]}
        """);
    assertEquals(
        new Change.Sql("SELECT 1", true, false, null),
        parse("c.json").changesets().get(0).steps().get(0).change());
    write(dir, "tabs.json", "{\n\t\"databaseChangeLog\": []\n}\n");
    MigrateException e = invalid("tabs.json");
    assertTrue(
        e.getMessage().startsWith("tabs.json:2:1:")
            && e.getMessage().contains("indent with spaces"),
        e.getMessage());
  }

  @Test
  void pathsResolveAndAreRecordedAsLiquibaseDoes() {
    write(
        dir,
        "db/master.xml",
        XML.formatted(
            "",
            """
        <include file="classpath:db/a.yaml"/>
        <include file="/db/b.sql"/>
        <include file="c.yaml" relativeToChangelogFile="true"/>
        <include file="db/missing.yaml" errorIfMissing="false"/>
        <includeAll path="db/all/"/>
        """));
    write(
        dir,
        "db/a.yaml",
        "databaseChangeLog:\n  - changeSet: {id: a, author: x, changes: [{sql: SELECT 1}]}\n");
    write(dir, "db/b.sql", "--liquibase formatted sql\n--changeset x:b\nSELECT 2\n");
    write(
        dir,
        "db/c.yaml",
        "databaseChangeLog:\n  - changeSet: {id: c, author: x, changes: [{sql: SELECT 3}]}\n");
    write(dir, "db/all/0008.sql", "SELECT 5");
    write(dir, "db/all/0008-a.sql", "SELECT 4");
    write(
        dir,
        "db/all/sub/0001.json",
        "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": \"j\", \"author\": \"x\", \"changes\": [{\"sql\": \"SELECT 6\"}]}}]}");
    write(dir, "db/all/readme.txt", "not a changelog");
    List<String> keys =
        List.of(
            "db/a.yaml::a::x",
            "db/b.sql::b::x",
            "db/c.yaml::c::x",
            "db/all/0008-a.sql::raw::includeAll",
            "db/all/0008.sql::raw::includeAll",
            "db/all/sub/0001.json::j::x");
    // From another directory, through the search path, or by an absolute path: the same names.
    assertEquals(keys, parse("db/master.xml").changesets().stream().map(Changeset::key).toList());
    assertEquals(
        keys,
        parse(dir.resolve("db/master.xml").toString()).changesets().stream()
            .map(Changeset::key)
            .toList());
    assertEquals(keys, parse("/db/master.xml").changesets().stream().map(Changeset::key).toList());
  }

  @Test
  void aPreconditionsAttributesMayBeAListOfOneKeyMappings() {
    write(
        dir,
        "p.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: p
              author: a
              preConditions:
                - onFail: MARK_RAN
                - columnExists:
                    - tableName: t
                    - columnName: c
              changes:
                - sql: SELECT 1
        """);
    assertEquals(
        new Precondition.And(List.of(new Precondition.ColumnExists(null, "t", "c"))),
        parse("p.yaml").changesets().get(0).preconditions().condition());
  }

  @Test
  void changelogPreconditionsOnTheDatabaseTypeAreDecidedWhileReading() {
    write(
        dir,
        "pg.xml",
        XML.formatted(
            "",
            """
        <preConditions><or><dbms type="oracle"/><dbms type="postgresql"/></or></preConditions>
        <changeSet id="1" author="a"><sql>SELECT 1</sql></changeSet>
        """));
    assertEquals(1, parse("pg.xml").changesets().size());
    write(
        dir,
        "ora.xml",
        XML.formatted("", "<preConditions><dbms type=\"oracle\"/></preConditions>\n"));
    assertTrue(
        invalid("ora.xml").getMessage().startsWith("ora.xml:3:1: changelog preConditions failed"),
        invalid("ora.xml").getMessage());
    write(
        dir,
        "warn.yaml",
        "databaseChangeLog:\n  - preConditions: [{onFail: WARN}, {dbms: {type: mysql}}]\n");
    assertEquals(1, parse("warn.yaml").warnings().size());
    write(
        dir,
        "db.xml",
        XML.formatted("", "<preConditions><tableExists tableName=\"t\"/></preConditions>\n"));
    // One that needs the database is kept for the command to decide before anything runs.
    assertEquals(
        new Precondition.And(List.of(new Precondition.TableExists(null, "t"))),
        parse("db.xml").preconditions().get(0).condition());
  }

  @Test
  void anIncludedFileTakesTheLogicalFilePathOfTheFileIncludingIt() {
    write(
        dir,
        "master.xml",
        XML.formatted(
            " logicalFilePath=\"app.xml\"",
            "<include file=\"child.yaml\" relativeToChangelogFile=\"true\"/>\n"));
    write(
        dir,
        "child.yaml",
        "databaseChangeLog:\n  - changeSet: {id: c, author: x, changes: [{sql: SELECT 1}]}\n");
    assertEquals("app.xml::c::x", parse("master.xml").changesets().get(0).key());
  }
}
