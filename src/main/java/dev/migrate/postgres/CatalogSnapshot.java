package dev.migrate.postgres;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The catalog of each schema asked about, read once: its types, relations with their columns,
 * indexes and constraints, each with the text {@link LiveCatalog} asks about one object, left
 * without its name's condition. A command that asks thousands of questions (check, current -v, a
 * rerun over objects that are there) then sends four queries per schema instead of one per
 * question. It is never patched, so it cannot drift from what statements did:
 *
 * <ul>
 *   <li>while the statements of a structured change run ({@link #changing}), the names they touch
 *       are noted, and from then on a question about such a name, or one PostgreSQL may have given
 *       an object it made or dropped with them ({@code _pkey}, {@code _seq}, an array type…), or
 *       about an index on such a table, or the keys of a table that reference one, goes to the
 *       server;
 *   <li>statements it cannot follow (rows, raw SQL of a form it does not read, a cascade) run, in a
 *       transaction, as rows ({@link #writingRows}): the server's count of the catalog rows written
 *       before and after them says whether they changed it ({@link CatalogUntouched}), before the
 *       snapshot answers again;
 *   <li>once the connection has run any other statement that may change the catalog, or such
 *       statements failed or changed it, every question goes to the server.
 * </ul>
 *
 * <p>One thing it knows of a touched name: a table the run made ({@link #lacks}). Nobody else sees
 * it before the run commits, and the run changes it only by statements that name it; so it has no
 * column or constraint of a name none of those statements wrote, but those PostgreSQL names itself.
 * A guard that needs no more than that absence to act does not ask.
 *
 * <p>Questions that run SQL of their own always go to the server.
 */
final class CatalogSnapshot implements PgCatalog {
  // The names PostgreSQL gives the objects a statement makes without naming them: keys, indexes,
  // sequences, checks, exclusions and NOT NULL constraints, with a number when one is taken.
  private static final Pattern IMPLICIT =
      Pattern.compile("_(pkey|key|fkey|seq|check|excl|idx|not_null)\\d*$");

  private final Jdbc jdbc;
  private final LiveCatalog live;
  private final Map<String, SchemaObjects> schemas = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private long readAt;
  private boolean gone;
  private int running;
  private final MadeTables made;

  CatalogSnapshot(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.live = new LiveCatalog(jdbc);
    this.made = new MadeTables(jdbc);
    this.readAt = jdbc.catalogWrites();
  }

  // Whether the snapshot may answer: not while a change's statements run, and never again once a
  // statement it could not follow ran.
  private boolean usable() {
    if (!gone && running == 0 && jdbc.catalogWrites() != readAt) {
      gone = true;
      schemas.clear();
    }
    return !gone && running == 0;
  }

  // Whether the run's own statements may have changed what the catalog says of this name.
  private boolean touched(String name) {
    if (touched.isEmpty() || name == null) {
      return false;
    }
    String folded = name.toLowerCase(Locale.ROOT);
    return touched.contains(folded) || folded.startsWith("_") || IMPLICIT.matcher(folded).find();
  }

  // The snapshot of the schema, read on its first question, unless it is being read already.
  private SchemaObjects of(String schema) {
    return schemas.computeIfAbsent(
        schema,
        s -> {
          CompletableFuture<SchemaObjects> early = reading.remove(s);
          if (early != null) {
            try {
              return early.join();
            } catch (RuntimeException e) {
              // Read here instead: a failure on that connection says nothing of this one.
            }
          }
          return SchemaObjects.read(jdbc, s);
        });
  }

  // The schemas being read ahead of their first question, each on connections of their own.
  private final Map<String, CompletableFuture<SchemaObjects>> reading = new HashMap<>();

  /**
   * Starts reading {@code schema} now, on connections {@code connect} opens and the read closes,
   * while the command does its other work; its first question then waits for the read. Taken before
   * this connection changes anything, it sees what a read at the first question would.
   */
  void readAhead(String schema, Supplier<java.sql.Connection> connect) {
    reading.put(schema, SchemaObjects.readAhead(schema, connect));
  }

  @Override
  public <T> T changing(
      Collection<String> names, SqlName table, boolean reworks, Supplier<T> statements) {
    if (!usable()) {
      return statements.get();
    }
    Set<String> words = new HashSet<>();
    names.forEach(n -> words.add(n.toLowerCase(Locale.ROOT)));
    boolean absent =
        table != null
            && !touched(table.name())
            && of(table.schema()).tables().get(table.name()) == null;
    made.naming(words, reworks);
    T done = run(names, statements);
    if (absent) {
      made.made(table, words);
    }
    return done;
  }

  @Override
  public boolean lacks(String schema, String table, Collection<String> names) {
    Set<String> written = usable() ? made.written(schema, table) : null;
    if (written == null) {
      return false;
    }
    for (String name : names) {
      String folded = name.toLowerCase(Locale.ROOT);
      if (written.contains(folded) || folded.startsWith("_") || IMPLICIT.matcher(folded).find()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <T> T changing(Collection<String> names, Supplier<T> statements) {
    return changing(names, null, true, statements);
  }

  @Override
  public <T> T writingRows(Supplier<T> statements) {
    // Rows after rows are looked at together, the server asked once before the next answer.
    boolean more = !gone && running == 0 && jdbc.writes.unverified && jdbc.writes.catalog == readAt;
    return more || usable() ? jdbc.writingRows(statements) : statements.get();
  }

  private <T> T run(Collection<String> names, Supplier<T> statements) {
    names.forEach(n -> touched.add(n.toLowerCase(Locale.ROOT)));
    running++;
    try {
      T done = statements.get();
      readAt = jdbc.catalogWrites();
      return done;
    } catch (RuntimeException e) {
      gone = true;
      throw e;
    } finally {
      running--;
    }
  }

  @Override
  public TypeInfo type(String schema, String name) {
    return usable() && !touched(name) ? of(schema).types().get(name) : live.type(schema, name);
  }

  @Override
  public TableInfo table(String schema, String name) {
    return usable() && !touched(name) ? of(schema).tables().get(name) : live.table(schema, name);
  }

  @Override
  public IndexInfo index(String schema, String name) {
    if (!usable() || touched(name)) {
      return live.index(schema, name);
    }
    IndexInfo read = of(schema).indexes().get(name);
    return read != null && touched(read.table()) ? live.index(schema, name) : read;
  }

  @Override
  public List<ConstraintInfo> constraints(String schema, String table) {
    if (!usable() || touched(table)) {
      return live.constraints(schema, table);
    }
    SchemaObjects objects = of(schema);
    List<ConstraintInfo> read = objects.constraints().get(table);
    // A table the snapshot holds without its constraints was read in two moments (the fallback
    // read on this connection runs its queries one by one): the server says what it has now.
    TableInfo held = objects.tables().get(table);
    return read == null && held != null && held.isTable()
            || read != null && read.stream().anyMatch(k -> touched(k.referencedTable()))
        ? live.constraints(schema, table)
        : read;
  }

  @Override
  public String viewDefinition(String schema, String name) {
    return live.viewDefinition(schema, name);
  }

  @Override
  public String indexDefinition(String schema, String name) {
    return live.indexDefinition(schema, name);
  }

  @Override
  public String probe(List<String> statements, String read) {
    return live.probe(statements, read);
  }

  @Override
  public String text(String sql) {
    return live.text(sql);
  }

  @Override
  public boolean test(String expression) {
    return live.test(expression);
  }

  @Override
  public boolean holds(CatalogQuestion question) {
    Boolean known = question.known() == null ? null : question.known().in(this);
    return known != null ? known : live.holds(question);
  }

  // The answers of the questions' snapshot forms (CatalogQuestion.Known): from what was read, and
  // what is known of a table the run made; null where only the server can tell.

  Boolean relation(String schema, String name) {
    if (!usable()) {
      return null;
    }
    if (!touched(name)) {
      return of(schema).tables().containsKey(name);
    }
    return made.written(schema, name) != null ? Boolean.TRUE : null;
  }

  Boolean hasType(String schema, String name) {
    return usable() && !touched(name) ? of(schema).types().containsKey(name) : null;
  }

  Boolean column(SqlName table, String column) {
    if (lacks(table.schema(), table.name(), List.of(column))) {
      return false;
    }
    if (!usable() || touched(table.name())) {
      return null;
    }
    TableInfo info = of(table.schema()).tables().get(table.name());
    return info != null && info.column(column) != null;
  }

  Boolean constraint(SqlName table, String name) {
    if (lacks(table.schema(), table.name(), List.of(name))) {
      return false;
    }
    if (!usable() || touched(table.name())) {
      return null;
    }
    SchemaObjects read = of(table.schema());
    if (!read.tables().containsKey(table.name())) {
      return false;
    }
    // Read here are the constraints of tables, NOT NULL ones left out (PostgreSQL 18 lists them):
    // one not found may still be there.
    List<ConstraintInfo> keys = read.constraints().get(table.name());
    return keys != null && keys.stream().anyMatch(k -> name.equals(k.name())) ? true : null;
  }

  @Override
  public boolean sameExpression(String have, String wanted, String type) {
    return live.sameExpression(have, wanted, type);
  }

  @Override
  public boolean sameExpressions(String table, List<String> have, List<String> wanted) {
    return live.sameExpressions(table, have, wanted);
  }
}
