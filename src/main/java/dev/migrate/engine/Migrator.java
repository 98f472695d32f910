package dev.migrate.engine;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseCache;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Revision;
import dev.migrate.model.Step;
import dev.migrate.plan.Inverses;
import dev.migrate.plan.Plan;
import dev.migrate.plan.Planner;
import dev.migrate.plan.Targets;
import dev.migrate.postgres.LiquibaseHistory;
import dev.migrate.postgres.OfflineScript;
import dev.migrate.postgres.PgDdl;
import dev.migrate.postgres.PgNames;
import dev.migrate.postgres.RevisionStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each command does, start to end: parse the changelog whole, then connect, lock, read the
 * revision table, and apply, stamp or report.
 */
public final class Migrator {
  private final Settings settings;
  private final PrintWriter out;
  private final PrintWriter err;

  /**
   * Reports go to {@code out}; warnings the user must see (changelog keys, a held lock) to {@code
   * err}.
   */
  public Migrator(Settings settings, PrintWriter out, PrintWriter err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  // A line about work in progress (a statement that runs long), beside the warnings.
  private void notice(String message) {
    err.println("  " + message);
    err.flush();
  }

  private void warn(String message) {
    err.println("warning: " + message);
    err.flush();
  }

  /** Parses and validates the changelog; no connection is opened before this succeeds. */
  public Changelog load() {
    ParseOptions options =
        new ParseOptions(
            settings.searchPath(),
            settings.strict(),
            settings.properties(),
            settings.environment(),
            settings.schema() == null ? "public" : settings.schema(),
            settings.contexts(),
            settings.labelFilter());
    ParseCache cache = settings.cache();
    Changelog changelog =
        cache == null
            ? ChangelogParser.parse(settings.changelog(), options)
            : cache.parse(settings.changelog(), options);
    changelog.warnings().forEach(this::warn);
    return changelog;
  }

  /** {@code upgrade}: applies pending changesets up to {@code target} (head, a revision or +N). */
  public void upgrade(String target, RunProgress progress, boolean allowMoved) {
    Changelog changelog = load();
    int limit = target.startsWith("+") ? Targets.BASE : Targets.resolve(changelog, target);
    int count = target.startsWith("+") ? count(target) : -1;
    try (Interruption stop = new Interruption(err, "applied");
        Session session = openLocked(changelog)) {
      stop.attach(session);
      List<Revision> history = session.store.readAll();
      Planner planner = new Planner(changelog, history);
      Plan plan = planner.plan(count >= 0 ? changelog.size() - 1 : limit);
      // An edited changeset with onValidationFail: MARK_RAN is recorded as ran, not refused.
      List<Changeset> markRan =
          plan.changed().stream()
              .map(Plan.Changed::changeset)
              .filter(Changeset::markRanIfEdited)
              .toList();
      refuseChanged(plan.changed().stream().filter(c -> !c.changeset().markRanIfEdited()).toList());
      List<Changeset> pending =
          count >= 0 ? first(plan.pending(), count, target, "pending") : plan.pending();
      refuseMoved(pending, planner, allowMoved);
      if (history.isEmpty() && !pending.isEmpty()) {
        warnLiquibaseHistory(session);
      }
      progress.started(
          RunProgress.Direction.UPGRADE,
          settings.connection().display(),
          session.schema,
          target,
          pending.size(),
          changelog.size());
      int[] applied = {0};
      for (Changeset c : markRan) {
        session.jdbc.begin();
        session.store.markRanWithChecksum(c.id(), c.author(), c.path(), c.checksum());
        session.commitUnderLock();
        progress.finished(
            new ChangesetResult(
                c,
                ChangesetResult.Outcome.MARK_RAN,
                List.of(),
                0,
                "edited since it ran; onValidationFail: MARK_RAN records its new checksum"));
        applied[0]++;
      }
      if (pending.isEmpty() && markRan.isEmpty()) {
        // Nothing to run and no row written: the rows read under the lock are still the rows.
        progress.done(0, describeCurrent(changelog, planner));
        return;
      }
      ChangesetRunner runner = session.runner(changelog);
      runner.queue(pending);
      // A result comes when its changeset committed, which may be while the next one is decided.
      Consumer<ChangesetResult> done =
          result -> {
            progress.finished(result);
            boolean recorded = result.outcome() != ChangesetResult.Outcome.SKIPPED;
            stop.finished(result.changeset(), recorded);
            applied[0] += recorded ? 1 : 0;
          };
      for (Changeset changeset : pending) {
        if (stop.requested()) {
          break;
        }
        stop.starting(changeset);
        applyRetrying(runner, changeset, planner, done, 0);
      }
      runner.recordDeferred();
      Planner after = new Planner(changelog, session.store.readAll());
      progress.done(applied[0], describeCurrent(changelog, after));
    }
  }

  /**
   * {@code upgrade --sql}: prints a psql script of the same work instead of doing it. Without a
   * database it assumes nothing is applied; with one it only reads the revision table.
   */
  public void upgradeScript(String target, boolean allowMoved) {
    Changelog changelog = load();
    int limit = target.startsWith("+") ? changelog.size() - 1 : Targets.resolve(changelog, target);
    int count = target.startsWith("+") ? count(target) : -1;
    Offline offline = offline(changelog);
    List<Changeset> pending = offline.planner().plan(limit).pending();
    if (count >= 0) {
      pending = first(pending, count, target, "pending");
    }
    refuseMoved(pending, offline.planner(), allowMoved);
    offline.script().render(pending, LaterSteps.of(changelog), out);
    out.flush();
  }

  /**
   * {@code downgrade --sql}: the script of a downgrade; without a database, all is taken as
   * applied.
   */
  public void downgradeScript(String target) {
    Changelog changelog = load();
    int keep = target.startsWith("-") ? Targets.BASE : Targets.kept(changelog, target);
    int count = target.startsWith("-") ? count("+" + target.substring(1)) : -1;
    Offline offline = offline(changelog);
    if (settings.connection() != null) {
      refuseAhead(changelog, offline.planner(), target);
    }
    List<Changeset> undo = new ArrayList<>();
    for (int i = changelog.size() - 1; i > keep; i--) {
      Changeset c = changelog.changesets().get(i);
      if (offline.rows().isEmpty() && settings.connection() == null
          || offline.planner().row(c) != null) {
        undo.add(c);
      }
    }
    if (count >= 0) {
      undo = first(undo, count, target, "applied");
    }
    Map<Changeset, List<Step>> steps = new IdentityHashMap<>();
    undo.forEach(c -> steps.put(c, Inverses.of(c)));
    out.print(offline.script().renderDowngrade(undo, steps::get));
    out.flush();
  }

  /**
   * {@code stamp --sql}: the script of a stamp; without a database, nothing is taken as recorded.
   */
  public void stampScript(String target) {
    Changelog changelog = load();
    int limit = Targets.resolve(changelog, target);
    Offline offline = offline(changelog);
    List<Changeset> record = new ArrayList<>();
    for (int i = 0; i <= limit; i++) {
      if (offline.planner().row(changelog.changesets().get(i)) == null) {
        record.add(changelog.changesets().get(i));
      }
    }
    List<Changeset> remove =
        settings.connection() == null
            ? changelog.changesets().subList(limit + 1, changelog.size())
            : offline.planner().recordedAfter(limit);
    out.print(offline.script().renderStamp(record, remove));
    out.flush();
  }

  /** What an offline script starts from: the revision rows (read when a database is given). */
  private record Offline(List<Revision> rows, Planner planner, OfflineScript script) {}

  private Offline offline(Changelog changelog) {
    List<Revision> rows = List.of();
    String schema = settings.schema() != null ? settings.schema() : "public";
    // The search path upgrade would run in, which the script sets for psql: the connection's, or
    // the one --schema gives; none when neither is known.
    String searchPath = settings.schema() != null ? PgNames.quote(settings.schema()) : null;
    if (settings.connection() != null) {
      try (Session session = openReadOnly(false)) {
        rows = session.store.readAll();
        schema = session.schema;
        searchPath =
            session.jdbc.queryFirst("SELECT current_setting('search_path')", r -> r.getString(1));
      }
    }
    String deploymentId =
        "script-"
            + DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    return new Offline(
        rows,
        new Planner(changelog, rows),
        new OfflineScript(
            new PgDdl(schema),
            new RevisionStore(null, schema, settings.revisionTable()),
            deploymentId,
            Version.current(),
            changelog.preconditions(),
            searchPath,
            Planner.writtenOtherwise(changelog)));
  }

  /**
   * {@code downgrade}: undoes applied changesets after {@code target} (a revision, {@code base}, or
   * {@code -N} for the last N), newest first, each with its rollback block or the automatic inverse
   * of its changes, guarded, in one transaction with the removal of its revision row. Every
   * changeset is checked to be undoable before anything runs.
   */
  public void downgrade(String target, RunProgress progress) {
    Changelog changelog = load();
    int keep = target.startsWith("-") ? Targets.BASE : Targets.kept(changelog, target);
    int count = target.startsWith("-") ? count("+" + target.substring(1)) : -1;
    try (Interruption stop = new Interruption(err, "undone");
        Session session = openLocked(changelog)) {
      stop.attach(session);
      Planner planner = new Planner(changelog, session.store.readAll());
      refuseAhead(changelog, planner, target);
      List<Changeset> undo = new ArrayList<>();
      for (int i = changelog.size() - 1; i > keep; i--) {
        Changeset c = changelog.changesets().get(i);
        if (planner.row(c) != null) {
          undo.add(c);
        }
      }
      if (count >= 0) {
        undo = first(undo, count, target, "applied");
      }
      Map<Changeset, List<Step>> steps = new IdentityHashMap<>();
      for (Changeset c : undo) {
        steps.put(c, Inverses.of(c));
      }
      progress.started(
          RunProgress.Direction.DOWNGRADE,
          settings.connection().display(),
          session.schema,
          target,
          undo.size(),
          changelog.size());
      ChangesetRunner runner = session.runner(changelog);
      int undone = 0;
      for (Changeset c : undo) {
        if (stop.requested()) {
          break;
        }
        stop.starting(c);
        ChangesetResult result = runner.revert(c, steps.get(c));
        stop.finished(c, true);
        progress.finished(result);
        undone++;
      }
      progress.done(
          undone, describeCurrent(changelog, new Planner(changelog, session.store.readAll())));
    }
  }

  /**
   * {@code repair}: makes again what applied changesets made and the database no longer has (a
   * dropped index, column, table, view…), with the statements their guards give, in changelog
   * order, each changeset's repairs in one transaction. Revision rows are not touched and data
   * changes are not run again. A difference (drift) or an edited changeset stops it before anything
   * runs; an INVALID index is left with a warning.
   */
  public void repair(RunProgress progress) {
    Changelog changelog = load();
    try (Interruption stop = new Interruption(err, "repaired");
        Session session = openLocked(changelog)) {
      stop.attach(session);
      Planner planner = new Planner(changelog, session.store.readAll());
      refuseChanged(planner.plan(changelog.size() - 1).changed());
      ChangesetRunner runner = session.runner(changelog);
      DriftCheck check = new DriftCheck(runner.guards(), changelog);
      Map<Changeset, List<DriftCheck.Finding>> missing = new java.util.LinkedHashMap<>();
      List<String> differ = new ArrayList<>();
      for (Changeset c : changelog.changesets()) {
        Revision row = planner.row(c);
        if (row == null || row.status() == Revision.Status.MARK_RAN) {
          continue;
        }
        for (DriftCheck.Finding f : check.findings(c)) {
          Problem problem =
              new Problem(
                  f.kind(),
                  c.id(),
                  c.author(),
                  f.step().location().toString(),
                  f.step().change().changeType(),
                  f.detail());
          switch (f.kind()) {
            case MISSING -> missing.computeIfAbsent(c, k -> new ArrayList<>()).add(f);
            case INVALID -> warn("repair leaves it to you: " + problem.line());
            default -> differ.add(problem.line());
          }
        }
      }
      if (!differ.isEmpty()) {
        throw MigrateException.failed(
            "repair makes only what is missing, and these differ from the changelog:\n  "
                + String.join("\n  ", differ)
                + "\nNothing was run. Settle each difference (by hand or with a new changeset),"
                + " then run repair again.");
      }
      progress.started(
          RunProgress.Direction.REPAIR,
          settings.connection().display(),
          session.schema,
          "head",
          missing.size(),
          changelog.size());
      int repaired = 0;
      for (var entry : missing.entrySet()) {
        if (stop.requested()) {
          break;
        }
        stop.starting(entry.getKey());
        ChangesetResult result = runner.repair(entry.getKey(), entry.getValue());
        stop.finished(entry.getKey(), true);
        progress.finished(result);
        repaired++;
      }
      progress.done(
          repaired, describeCurrent(changelog, new Planner(changelog, session.store.readAll())));
    }
  }

  /**
   * {@code stamp}: records every changeset up to {@code target} as applied, runs nothing. It first
   * runs the guards of the changesets it would record, read-only, and refuses when an object they
   * make is missing or differs; and those of the applied changesets it would forget, refusing when
   * what they made is still there (an upgrade would then run their data changes a second time).
   * {@code force} writes anyway.
   */
  public StampReport stamp(String target, boolean force) {
    Changelog changelog = load();
    int limit = Targets.resolve(changelog, target);
    try (Session session = openLocked(changelog)) {
      Planner planner = new Planner(changelog, session.store.readAll());
      List<Changeset> remove = planner.recordedAfter(limit);
      List<Changeset> add = new ArrayList<>();
      List<Changeset> accept = new ArrayList<>();
      for (int i = 0; i <= limit; i++) {
        Changeset c = changelog.changesets().get(i);
        Revision row = planner.row(c);
        if (row == null) {
          add.add(c);
        } else if (!row.checksum().equals(c.checksum())) {
          accept.add(c); // the user says the database is as the changelog now reads
        }
      }
      DriftCheck verify = new DriftCheck(session.runner(changelog).guards(), changelog);
      List<Problem> missing = new ArrayList<>();
      add.forEach(c -> missing.addAll(verify.check(c)));
      accept.forEach(c -> missing.addAll(verify.check(c)));
      refuseUnlessForced(
          force,
          missing,
          "stamp " + target + " would record changesets whose objects are not in the database",
          "Apply them with upgrade, or pass --force to record them anyway.",
          "recorded without its object");
      List<Problem> present = new ArrayList<>();
      remove.forEach(
          c ->
              present.addAll(
                  verify.present(c, planner.row(c).status() == Revision.Status.APPLIED)));
      refuseUnlessForced(
          force,
          present,
          "stamp "
              + target
              + " would forget applied changesets whose objects are still in the"
              + " database, and the next upgrade would run them again",
          "Undo them with downgrade " + target + ", or pass --force to forget them anyway.",
          "forgotten while its object is there");
      List<StampReport.Row> rows = write(session, remove, accept, add);
      return stampReport(session, StampReport.Kind.STAMP, target, rows, 0, changelog);
    }
  }

  private StampReport stampReport(
      Session session,
      StampReport.Kind kind,
      String target,
      List<StampReport.Row> rows,
      int sourceRows,
      Changelog changelog) {
    return new StampReport(
        settings.connection().display(),
        session.schema,
        kind,
        target,
        List.copyOf(rows),
        sourceRows,
        describeCurrent(changelog, new Planner(changelog, session.store.readAll())));
  }

  /**
   * {@code stamp --accept-edits}: gives each applied changeset that was edited since it ran its new
   * checksum, after its guards find the database as the edited changeset says; adds and removes no
   * row, so no later changeset is forgotten.
   */
  public StampReport acceptEdits(boolean force) {
    Changelog changelog = load();
    try (Session session = openLocked(changelog)) {
      Planner planner = new Planner(changelog, session.store.readAll());
      List<Changeset> accept =
          planner.plan(changelog.size() - 1).changed().stream()
              .map(Plan.Changed::changeset)
              .toList();
      DriftCheck verify = new DriftCheck(session.runner(changelog).guards(), changelog);
      List<Problem> problems = new ArrayList<>();
      accept.forEach(c -> problems.addAll(verify.check(c)));
      refuseUnlessForced(
          force,
          problems,
          "the database does not match the edited changesets",
          "Make it match, or pass --force to accept the edits anyway.",
          "accepted while its object differs");
      List<StampReport.Row> rows = write(session, List.of(), accept, List.of());
      return stampReport(session, StampReport.Kind.ACCEPT_EDITS, null, rows, 0, changelog);
    }
  }

  private void refuseUnlessForced(
      boolean force, List<Problem> problems, String what, String advice, String forced) {
    List<String> lines = problems.stream().map(Problem::line).toList();
    if (!lines.isEmpty() && !force) {
      throw MigrateException.failed(
          what + ":\n  " + String.join("\n  ", lines) + "\nNothing was written. " + advice);
    }
    for (String line : lines) {
      warn("--force: " + forced + ": " + line);
    }
  }

  /** Writes a stamp's rows in one transaction; returns what it wrote. */
  private List<StampReport.Row> write(
      Session session, List<Changeset> remove, List<Changeset> accept, List<Changeset> add) {
    session.jdbc.begin();
    try {
      for (Changeset c : remove) {
        session.store.delete(c.id(), c.author(), c.path());
      }
      for (Changeset c : accept) {
        session.store.updateChecksum(c.id(), c.author(), c.path(), c.checksum());
      }
      for (Changeset c : add) {
        session.store.insert(
            new Revision(
                c.id(),
                c.author(),
                c.path(),
                0,
                c.checksum(),
                Revision.Status.STAMPED,
                null,
                0,
                0,
                0,
                session.deploymentId,
                Version.current(),
                c.comment(),
                c.tag()));
      }
      session.commitUnderLock();
    } catch (MigrateException e) {
      session.jdbc.rollback();
      throw e;
    }
    List<StampReport.Row> rows = new ArrayList<>();
    add.forEach(c -> rows.add(StampReport.Row.of(StampReport.Action.STAMPED, c)));
    accept.forEach(c -> rows.add(StampReport.Row.of(StampReport.Action.ACCEPTED, c)));
    remove.forEach(c -> rows.add(StampReport.Row.of(StampReport.Action.REMOVED, c)));
    return rows;
  }

  /**
   * {@code stamp --from-liquibase}: records as applied every changeset that Liquibase's history
   * table lists under the same id, author and file, so a team switches tools without rerunning
   * anything. Changesets Liquibase did not run stay pending.
   */
  public StampReport stampFromLiquibase(String liquibaseTable) {
    Changelog changelog = load();
    try (Session session = openLocked(changelog)) {
      LiquibaseHistory history = new LiquibaseHistory(session.jdbc, session.schema, liquibaseTable);
      List<LiquibaseHistory.Row> rows = history.read();
      if (rows == null) {
        throw MigrateException.failed(
            "no Liquibase history table "
                + history.name()
                + " in this database;"
                + " pass --liquibase-table if it has another name");
      }
      Planner planner = new Planner(changelog, session.store.readAll());
      List<Changeset> add = new ArrayList<>();
      List<LiquibaseHistory.Row> unmatched = new ArrayList<>();
      for (LiquibaseHistory.Row row : rows) {
        Changeset match =
            changelog.changesets().stream()
                .filter(c -> c.sameIdentity(row.id(), row.author(), row.filename()))
                .findFirst()
                .orElse(null);
        if (match == null) {
          unmatched.add(row);
        } else if (planner.row(match) == null) {
          add.add(match);
        }
      }
      List<StampReport.Row> written = new ArrayList<>();
      session.jdbc.begin();
      try {
        for (Changeset c : add) {
          boolean markRan =
              rows.stream()
                  .anyMatch(
                      r ->
                          c.sameIdentity(r.id(), r.author(), r.filename())
                              && "MARK_RAN".equals(r.execType()));
          session.store.insert(
              new Revision(
                  c.id(),
                  c.author(),
                  c.path(),
                  0,
                  c.checksum(),
                  markRan ? Revision.Status.MARK_RAN : Revision.Status.STAMPED,
                  null,
                  0,
                  0,
                  0,
                  session.deploymentId,
                  Version.current(),
                  c.comment(),
                  c.tag()));
          written.add(
              StampReport.Row.of(
                  markRan ? StampReport.Action.MARK_RAN : StampReport.Action.STAMPED, c));
        }
        session.commitUnderLock();
      } catch (MigrateException e) {
        session.jdbc.rollback();
        throw e;
      }
      for (LiquibaseHistory.Row row : unmatched) {
        written.add(
            new StampReport.Row(
                StampReport.Action.NO_MATCH, row.id(), row.author(), row.filename(), null));
      }
      return stampReport(
          session,
          StampReport.Kind.FROM_LIQUIBASE,
          history.name(),
          written,
          rows.size(),
          changelog);
    }
  }

  /**
   * {@code current}: the last recorded changeset; with {@code verbose} also every changeset's
   * state, the lock and drift.
   */
  public CurrentReport current(boolean verbose) {
    Changelog changelog = load();
    try (Session session = openReadOnly(verbose)) {
      List<Revision> rows = session.store.readAll();
      Planner planner = new Planner(changelog, rows);
      String current = describeCurrent(changelog, planner);
      int at = planner.current();
      String currentId = at < 0 ? null : changelog.changesets().get(at).id();
      int pending = planner.outstanding();
      if (!verbose) {
        return new CurrentReport(
            settings.connection().display(),
            session.schema,
            changelog.rootFile(),
            changelog.size(),
            currentId,
            current,
            pending,
            null,
            null,
            null,
            null);
      }
      List<CurrentReport.Entry> entries =
          changelog.changesets().stream()
              .map(c -> new CurrentReport.Entry(c, planner.row(c)))
              .toList();
      return new CurrentReport(
          settings.connection().display(),
          session.schema,
          changelog.rootFile(),
          changelog.size(),
          currentId,
          current,
          pending,
          session.lockHolder(),
          entries,
          planner.unknown(),
          drift(changelog, planner, session));
    }
  }

  /**
   * {@code check}: whether the database is exactly where the changelog says: nothing pending, no
   * applied changeset edited, no revision row the changelog lacks, and every object that an applied
   * changeset creates present and as it says. Read-only.
   */
  public CheckReport check() {
    Changelog changelog = load();
    try (Session session = openReadOnly(true)) {
      Planner planner = new Planner(changelog, session.store.readAll());
      Plan plan = planner.plan(changelog.size() - 1);
      List<Problem> problems = new ArrayList<>();
      for (Changeset c : plan.pending()) {
        if (!c.onlyOtherDatabases() && planner.row(c) == null) {
          problems.add(
              new Problem(
                  Problem.Kind.PENDING, c.id(), c.author(), c.location().toString(), null, null));
        }
      }
      for (Plan.Changed changed : plan.changed()) {
        Changeset c = changed.changeset();
        problems.add(
            new Problem(
                Problem.Kind.CHANGED,
                c.id(),
                c.author(),
                c.location().toString(),
                null,
                "recorded " + changed.revision().checksum() + ", now " + c.checksum()));
      }
      for (Revision r : planner.unknown()) {
        problems.add(
            new Problem(
                Problem.Kind.UNKNOWN,
                r.key(),
                null,
                null,
                null,
                "recorded, but not in the changelog"));
      }
      problems.addAll(drift(changelog, planner, session));
      return new CheckReport(
          settings.connection().display(), session.schema, changelog.rootFile(), problems);
    }
  }

  // The guards, read-only, over every applied or stamped changeset.
  private List<Problem> drift(Changelog changelog, Planner planner, Session session) {
    DriftCheck drift = new DriftCheck(session.runner(changelog).guards(), changelog);
    List<Problem> problems = new ArrayList<>();
    for (Changeset c : changelog.changesets()) {
      Revision row = planner.row(c);
      if (row != null && row.status() != Revision.Status.MARK_RAN) {
        problems.addAll(drift.check(c));
      }
    }
    return problems;
  }

  /** {@code history}: every changeset in order, marked when a database says it is recorded. */
  public HistoryReport history() {
    Changelog changelog = load();
    if (settings.connection() == null) {
      List<HistoryReport.Entry> entries =
          changelog.changesets().stream().map(c -> new HistoryReport.Entry(c, null)).toList();
      return new HistoryReport(null, changelog.rootFile(), -1, entries);
    }
    try (Session session = openReadOnly(false)) {
      Planner planner = new Planner(changelog, session.store.readAll());
      List<HistoryReport.Entry> entries =
          changelog.changesets().stream()
              .map(c -> new HistoryReport.Entry(c, planner.row(c) != null))
              .toList();
      return new HistoryReport(
          settings.connection().display(), changelog.rootFile(), planner.current(), entries);
    }
  }

  // A changeset that timed out waiting for a lock was rolled back whole; its guards make another
  // try safe. Waits grow 1 s, 2 s, 4 s… between tries. The failure may be the changeset's before
  // this one, whose commit was read while this one was decided: that one is tried again first,
  // then this one from the start. `tried`: the tries this changeset had already.
  private void applyRetrying(
      ChangesetRunner runner,
      Changeset changeset,
      Planner planner,
      Consumer<ChangesetResult> done,
      int tried) {
    for (int attempt = tried; ; attempt++) {
      try {
        runner.apply(changeset, planner.row(changeset) != null, done);
        return;
      } catch (MigrateException e) {
        if (!lockTimeout(e)) {
          throw e;
        }
        Changeset before = runner.failed();
        if (before != changeset) {
          waitOrThrow(before, e, 0);
          applyRetrying(runner, before, planner, done, 1);
          attempt = tried - 1;
          continue;
        }
        waitOrThrow(changeset, e, attempt);
      }
    }
  }

  // After the try `attempt` (from 0) of a changeset failed waiting for a lock: waits before the
  // next, or throws when no retry is left.
  private void waitOrThrow(Changeset changeset, MigrateException e, int attempt) {
    if (attempt >= settings.retries()) {
      java.util.regex.Matcher relation =
          java.util.regex.Pattern.compile(
                  "(?i)\\b(?:ALTER\\s+TABLE|DROP\\s+TABLE|ON|INTO|UPDATE|FROM)\\s+(?:ONLY\\s+)?([\\w$.\"]+)")
              .matcher(e.detail().sql() == null ? "" : e.detail().sql());
      String on = relation.find() ? " on " + relation.group(1) : "";
      throw new MigrateException(
          e.exitCode(),
          e.getMessage()
              + "\nIt waited for a lock"
              + on
              + " longer than the lock timeout ("
              + settings.lockTimeout().toMillis()
              + " ms unless the changeset sets lockTimeout) on each of "
              + (attempt + 1)
              + " tries: another session holds it. Find the holder in pg_locks and pg_stat_activity, or retry later.",
          e,
          e.detail());
    }
    long pause = 1000L << Math.min(attempt, 5);
    warn(
        "changeset "
            + changeset.id()
            + " waited too long for a lock; trying again in "
            + pause / 1000
            + " s ("
            + (attempt + 1)
            + " of "
            + settings.retries()
            + " retries)");
    sleep(pause);
  }

  private static boolean lockTimeout(MigrateException e) {
    if ("55P03".equals(e.detail().sqlState())) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MigrateException.failed("interrupted while waiting to retry");
    }
  }

  private static String describeCurrent(Changelog changelog, Planner planner) {
    int current = planner.current();
    int pending = planner.outstanding();
    if (current == Targets.BASE) {
      return "base (nothing recorded; " + pending + " pending)";
    }
    String id = changelog.changesets().get(current).id();
    return id + (pending == 0 ? " (head)" : " (" + pending + " pending)");
  }

  // A database Liquibase migrated, upgraded before it was adopted: migrate has recorded nothing, so
  // every changeset is pending and is found in place one by one, as after lost history. Said
  // once, with the command that records Liquibase's history instead.
  private void warnLiquibaseHistory(Session session) {
    LiquibaseHistory history =
        new LiquibaseHistory(session.jdbc, session.schema, LiquibaseHistory.TABLE);
    long count = history.count();
    if (count > 0) {
      warn(
          history.name()
              + " lists "
              + count
              + " changeset"
              + (count == 1 ? "" : "s")
              + " Liquibase ran, and migrate has recorded none: this run finds their effects in"
              + " place one by one, as after lost history. `migrate stamp --from-liquibase`"
              + " records them as applied without running anything.");
    }
  }

  /**
   * Pending changesets whose id and author are recorded under another file path: most often the
   * same project run from another directory than before, which would run every one of them again
   * (their guarded DDL would be skipped, but their inserts and raw SQL would run twice). Refused
   * unless {@code allowMoved}.
   */
  private void refuseMoved(List<Changeset> pending, Planner planner, boolean allowMoved) {
    List<String> moved = new ArrayList<>();
    List<Revision> unknown = planner.unknown();
    for (Changeset c : pending) {
      for (Revision r : unknown) {
        if (r.id().equals(c.id()) && r.author().equals(c.author())) {
          moved.add(c.key() + " is recorded as " + r.key());
          break;
        }
      }
    }
    if (moved.isEmpty() || allowMoved) {
      moved.forEach(m -> warn("--allow-moved: running again " + m));
      return;
    }
    throw MigrateException.failed(
        moved.size()
            + " pending changeset"
            + (moved.size() == 1 ? " is" : "s are")
            + " recorded under another path:\n  "
            + String.join("\n  ", moved.subList(0, Math.min(5, moved.size())))
            + (moved.size() > 5 ? "\n  … and " + (moved.size() - 5) + " more" : "")
            + "\nNothing was run. The changelog is probably given from another directory than before:"
            + " run it from there (or, from a directory that does not hold it, give its folder with"
            + " --search-path and its name in that folder), so the paths match, or set logicalFilePath. To run them again under the new paths anyway, pass --allow-moved.");
  }

  private void refuseChanged(List<Plan.Changed> changed) {
    if (changed.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("applied changesets were edited since they ran (checksum differs):");
    for (Plan.Changed edit : changed) {
      Changeset c = edit.changeset();
      message
          .append("\n  ")
          .append(c.key())
          .append(" at ")
          .append(c.location())
          .append(": recorded ")
          .append(edit.revision().checksum())
          .append(", now ")
          .append(c.checksum());
    }
    message.append(
        "\nNothing was run. Revert the edit and add a new changeset instead; or, if the database already"
            + " matches the edited changeset, accept it with: migrate stamp --accept-edits");
    throw MigrateException.failed(message.toString());
  }

  /**
   * The first {@code count} changesets, as {@code +N} or {@code -N} asks; fewer is an error, as in
   * Alembic, rather than a run that does less than was asked and says it succeeded.
   */
  // A downgrade to a changeset the database has not reached would undo nothing, which is not what
  // was asked: the target was undone already, or meant for another database. Liquibase's rollback
  // to a tag the database does not hold is an error too.
  private static void refuseAhead(Changelog changelog, Planner planner, String target) {
    if (target.startsWith("-") || target.equals("base")) {
      return;
    }
    int named = Targets.named(changelog, target);
    for (int i = named; i < changelog.size(); i++) {
      if (planner.row(changelog.changesets().get(i)) != null) {
        return;
      }
    }
    Changeset c = changelog.changesets().get(named);
    throw MigrateException.invalid(
        "downgrade target '"
            + target
            + "' is not applied: changeset "
            + c.id()
            + " ("
            + c.author()
            + ") at "
            + c.location()
            + " and every changeset after it are pending; nothing was undone");
  }

  private static List<Changeset> first(
      List<Changeset> changesets, int count, String target, String what) {
    if (changesets.size() < count) {
      throw MigrateException.invalid(
          target
              + " asks for "
              + count
              + " changesets, but "
              + changesets.size()
              + " "
              + (changesets.size() == 1 ? "is " : "are ")
              + what
              + "; nothing was run");
    }
    return changesets.subList(0, count);
  }

  private static int count(String target) {
    try {
      int n = Integer.parseInt(target.substring(1));
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw MigrateException.invalid(
          "'" + target + "' is not a count of changesets; write +1, +2, …");
    }
  }

  // A session holding the lock, once the changelog's own preConditions allow the command to go on.
  private Session openLocked(Changelog changelog) {
    Session session = new Session(settings, this::warn, this::notice);
    try {
      session.lock.acquire(settings.lockWait(), this::warn);
      session.decideChangelogPreconditions(changelog);
      renameRowsRecordedAsWritten(session, changelog);
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Rows an earlier version recorded under a changeset's id or author as the YAML writes it ({@code
   * 007}) are given the one Liquibase reads ({@code 7}), so that every later statement, and
   * Liquibase itself, finds the row by the changeset's identity. Asked only of a changelog that has
   * such a changeset.
   */
  private void renameRowsRecordedAsWritten(Session session, Changelog changelog) {
    if (Planner.writtenOtherwise(changelog).isEmpty()) {
      return;
    }
    Map<Changeset, Revision> found =
        new Planner(changelog, session.store.readAll()).recordedAsWritten();
    if (found.isEmpty()) {
      return;
    }
    session.jdbc.begin();
    found.forEach(
        (c, row) -> {
          session.store.renameIdentity(row.id(), row.author(), row.filename(), c.id(), c.author());
          notice(
              "revision row "
                  + row.key()
                  + " renamed "
                  + c.key()
                  + ": Liquibase reads its unquoted YAML id or author so");
        });
    session.commitUnderLock();
  }

  // wholeCatalog: the command asks about every object of the schema (Session).
  private Session openReadOnly(boolean wholeCatalog) {
    return new Session(settings, wholeCatalog, this::warn);
  }
}
