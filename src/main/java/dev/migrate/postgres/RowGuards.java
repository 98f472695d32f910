package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.util.List;

/**
 * Rows: insert, update, delete, loadData, loadUpdateData and its inverse. There is nothing to look
 * up before them: they run, and a failure may be excused (the rows are there already, or a later
 * change removes what they need). In the script they run inside their changeset's own "not recorded
 * yet" check, each watched as a rerun that found the database ahead watches it ({@link
 * ScriptReplay#write}).
 */
final class RowGuards extends Family {
  private final PgRows rows;

  RowGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.rows = new PgRows(ddl);
  }

  // In the script, each statement is watched as a rerun after lost history asks (ScriptReplay).
  private List<String> watched(List<String> statements) {
    return statements.stream().flatMap(s -> ScriptReplay.write(s, ddl).stream()).toList();
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Insert.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.insert(largeObjects(c))),
                "inserted a row into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(List.of(rows.insert(c))));
    families.on(
        Change.Update.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.update(c)), "updated " + name(c.schemaName(), c.tableName()), excuse),
        (c, after) -> watched(List.of(rows.update(c))));
    families.on(
        Change.Delete.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.delete(c)),
                "deleted from " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(List.of(rows.delete(c))));
    families.on(
        Change.LoadData.class,
        (c, after, excuse) ->
            new Decision.Act(
                rows.loadData(
                    new Change.LoadData(
                        c.schemaName(),
                        c.tableName(),
                        c.columns(),
                        byColumnTypes(c.schemaName(), c.tableName(), c.columns(), c.rows()))),
                "loaded " + c.rows().size() + " rows into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(rows.loadData(c)));
    families.on(
        Change.LoadUpdateData.class,
        (c, after, excuse) -> {
          List<List<Value>> typed =
              byColumnTypes(c.schemaName(), c.tableName(), c.columns(), c.rows());
          return new Decision.Act(
              keyNeverNull(c)
                  ? rows.loadData(
                      new Change.LoadData(c.schemaName(), c.tableName(), c.columns(), typed))
                  : rows.loadUpdateData(
                      new Change.LoadUpdateData(
                          c.schemaName(),
                          c.tableName(),
                          c.columns(),
                          typed,
                          c.primaryKey(),
                          c.onlyUpdate())),
              (c.onlyUpdate() ? "updated " : "loaded ")
                  + c.rows().size()
                  + " rows into "
                  + name(c.schemaName(), c.tableName())
                  + " by "
                  + String.join(", ", c.primaryKey()),
              excuse);
        },
        (c, after) -> watched(rows.loadUpdateData(c)));
    families.on(
        Change.DeleteRows.class,
        (c, after, excuse) ->
            new Decision.Act(
                rows.deleteRows(c),
                "deleted " + c.keys().size() + " rows from " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(rows.deleteRows(c)));
  }

  /**
   * Whether a key column the file does not load (a key the table generates) is NOT NULL in the
   * table: it then matches no row, so that each row is inserted, as loadData inserts it, and a
   * rerun compares the rows with those in place as it compares loadData's.
   */
  private boolean keyNeverNull(Change.LoadUpdateData c) {
    List<String> missing = c.primaryKey().stream().filter(k -> !c.columns().contains(k)).toList();
    PgCatalog.TableInfo info =
        missing.isEmpty() || c.onlyUpdate()
            ? null
            : catalog.table(ddl.schema(c.schemaName()), c.tableName());
    return info != null
        && missing.stream().allMatch(k -> info.column(k) != null && info.column(k).notNull());
  }

  // An insert's valueBlobFile into an oid column: a large object holding the file's bytes.
  private Change.Insert largeObjects(Change.Insert c) {
    if (c.columns().stream().noneMatch(v -> bytes(v.value()))) {
      return c;
    }
    PgCatalog.TableInfo info = catalog.table(ddl.schema(c.schemaName()), c.tableName());
    if (info == null) {
      return c;
    }
    List<Change.ColumnValue> values = new java.util.ArrayList<>();
    for (Change.ColumnValue v : c.columns()) {
      PgCatalog.ColumnInfo column = info.column(v.name());
      values.add(
          column != null && column.type().equals("oid") && bytes(v.value())
              ? new Change.ColumnValue(v.name(), largeObject(v.value()))
              : v);
    }
    return new Change.Insert(c.schemaName(), c.tableName(), values);
  }

  private static boolean bytes(Value v) {
    return v.kind() == Value.Kind.COMPUTED && BYTES.matcher(v.text()).matches();
  }

  // Bytes into an oid column: a large object holding them, its number stored, as Liquibase's
  // binary stream makes one.
  private static Value largeObject(Value bytes) {
    return new Value(Value.Kind.COMPUTED, "pg_catalog.lo_from_bytea(0, " + bytes.text() + ")");
  }

  private static final java.util.regex.Pattern BYTES =
      java.util.regex.Pattern.compile("'\\\\x[0-9a-f]*'::bytea");

  private static final java.util.Set<String> NUMBER_TYPES =
      java.util.Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision");

  /**
   * A file's cells as Liquibase reads those the file leaves as text: by the type of their column in
   * the database. A number in a number column is written as a number (49.6 into an integer column
   * is rounded, as Liquibase binds it), not as text, which such a column refuses; text columns keep
   * it as written ('007'). The rows as they are where the table is not known yet.
   */
  private List<List<Value>> byColumnTypes(
      String schema, String table, List<String> columns, List<List<Value>> rows) {
    PgCatalog.TableInfo info = catalog.table(ddl.schema(schema), table);
    if (info == null) {
      return rows;
    }
    boolean[] number = new boolean[columns.size()];
    boolean[] oid = new boolean[columns.size()];
    boolean any = false;
    for (int i = 0; i < columns.size(); i++) {
      PgCatalog.ColumnInfo column = info.column(columns.get(i));
      number[i] = column != null && NUMBER_TYPES.contains(column.type().replaceFirst("\\(.*", ""));
      oid[i] = column != null && column.type().equals("oid");
      any |= number[i] || oid[i];
    }
    if (!any) {
      return rows;
    }
    List<List<Value>> typed = new java.util.ArrayList<>();
    for (List<Value> row : rows) {
      List<Value> cells = new java.util.ArrayList<>(row);
      for (int i = 0; i < cells.size() && i < number.length; i++) {
        Value v = cells.get(i);
        if (number[i]
            && v.kind() == Value.Kind.STRING
            && PgType.NUMBER_TEXT.matcher(v.text().strip()).matches()) {
          cells.set(i, new Value(Value.Kind.NUMERIC, v.text().strip()));
        } else if (oid[i] && bytes(v)) {
          cells.set(i, largeObject(v)); // a BLOB file's bytes
        }
      }
      typed.add(cells);
    }
    return typed;
  }
}
