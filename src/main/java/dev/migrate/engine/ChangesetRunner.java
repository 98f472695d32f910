package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import dev.migrate.model.ModifySql;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Revision;
import dev.migrate.model.Step;
import dev.migrate.plan.Facts;
import dev.migrate.plan.RestOfStep;
import dev.migrate.postgres.AdvisoryLock;
import dev.migrate.postgres.Decision;
import dev.migrate.postgres.Guards;
import dev.migrate.postgres.HeldStatementFailure;
import dev.migrate.postgres.Jdbc;
import dev.migrate.postgres.OpaqueWrites;
import dev.migrate.postgres.Passwords;
import dev.migrate.postgres.PreconditionCheck;
import dev.migrate.postgres.Replay;
import dev.migrate.postgres.RevisionStore;
import dev.migrate.postgres.RowWrites;
import dev.migrate.postgres.SearchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies one changeset: its preconditions, then each step guarded, then its revision row, all in
 * one transaction, so a failure leaves neither a half-applied changeset nor a row without it.
 */
final class ChangesetRunner {
  private final Jdbc jdbc;
  private final Guards guards;
  private final PreconditionCheck preconditions;
  private final RevisionStore store;
  private final String deploymentId;
  private final Function<Step, List<Change>> later;
  private final Consumer<String> warn;
  private final Changeset.Timeouts sessionTimeouts;
  private final AdvisoryLock lock;
  // Whether a step of this run found its object in place already: the database is ahead of its
  // revision rows, and a statement that writes rows may have run before (see Guards.rowsAgain).
  private boolean ahead;
  // Whether a step of the changeset being applied found its effect in place: the changeset ran
  // before, and the rows it writes were written with it.
  private boolean ranBefore;
  // Whether the changeset being applied has a revision row (runAlways, an edited runOnChange).
  private boolean recordedNow;
  // Whether an INSERT of the changeset being applied was asked whether its rows are in place.
  private boolean rowsAsked;
  // Whether the changeset being applied may be half done by a run killed inside it (the first of
  // this run, committing step by step): finding its objects in place is then no evidence.
  private boolean partial;
  // Whether a step of that first changeset found its effect in place.
  private boolean foundWhilePartial;
  // Whether a changeset queued after that first one found its effect in place; null until asked.
  private Boolean furtherThanThis;
  private Changeset applyingNow;
  // Whether that first changeset found every step in place and nothing after it could tell a run
  // killed right after it from lost revision rows: writes are then tried as inside it, until a
  // step makes an object that was absent (the killed run got no further).
  private boolean uncertain;
  private List<Changeset> queue = List.of();
  private int applied;
  // The objects this run made (see made): found in place later, they are no evidence.
  private final java.util.Set<String> madeHere = new java.util.HashSet<>();
  // The tables whose rows are all this run's: those it made, and those it began writing while they
  // were empty. Further writes to them cannot repeat an earlier run's.
  private final java.util.Set<String> written = new java.util.HashSet<>();
  private final RowTrial rowTrial;
  private final OpaqueTrial opaqueTrial;
  // The rows of changesets that wrote nothing (each step found its effect in place): written
  // together with the next write of the run, or at its end, rather than each in a transaction of
  // its own. Lost with the process, they cost only a rerun that finds the same objects in place.
  private final List<Revision> deferred = new ArrayList<>();
  // Whether the changeset being applied stopped on a write that may have run before (RowTrial).
  private boolean stoppedOnRows;
  // The rows this run wrote for changesets it found in part and made whole with steps a rerun
  // finds in place: evidence too, left unrecorded with the others (see leftUnrecorded).
  private final List<Revision> foundInPart = new ArrayList<>();
  // Whether the open transaction wrote the deferred rows: they are written for good at its commit.
  private boolean deferredInTransaction;
  // Whether the changeset being applied has written its row (claimed it) yet.
  private boolean claimed;
  // Whether a statement since the session's search path was last its own may have set it.
  private boolean searchPathSet;
  // The changeset whose failure the last apply threw.
  private Changeset lastFailed;
  // How many deferred rows are written at once, at most.
  private static final int DEFERRED_AT_MOST = 1000;

  ChangesetRunner(
      Jdbc jdbc,
      Guards guards,
      PreconditionCheck preconditions,
      RevisionStore store,
      String deploymentId,
      Function<Step, List<Change>> later,
      Consumer<String> warn,
      Changeset.Timeouts sessionTimeouts,
      AdvisoryLock lock) {
    this.lock = lock;
    this.warn = warn;
    this.sessionTimeouts = sessionTimeouts;
    this.jdbc = jdbc;
    this.guards = guards;
    this.preconditions = preconditions;
    this.store = store;
    this.deploymentId = deploymentId;
    this.later = later;
    this.rowTrial = new RowTrial(jdbc, guards.replay());
    this.opaqueTrial = new OpaqueTrial(jdbc);
  }

  Guards guards() {
    return guards;
  }

  /**
   * Applies a changeset and gives its result to {@code done}. {@code recorded} says whether the run
   * found its row (a runAlways or runOnChange changeset runs again); when it did not, the row is
   * claimed first, so that of two runs that both find it pending only one applies it.
   *
   * <p>A changeset in a transaction that stops the run when it fails may return before its commit's
   * reply is read: the next changeset is decided meanwhile, and this one's result is given once the
   * reply says it committed ({@link Jdbc#commitAhead}). When it did not, its failure is thrown
   * instead, by the call that met it; {@link #failed} says whose it is.
   */
  void apply(Changeset changeset, boolean recorded, Consumer<ChangesetResult> done) {
    lastFailed = changeset;
    stoppedOnRows = false;
    ChangesetResult result;
    try {
      result = applying(changeset, recorded, done);
      if (result != null) {
        jdbc.settle(); // the changeset before it is reported first
      }
    } catch (MigrateException e) {
      MigrateException before = jdbc.failedAhead();
      if (before == null) {
        throw e;
      }
      // The changeset before this one did not commit: its failure ends the run, and nothing of
      // this one was sent.
      jdbc.beforeWrite(null);
      jdbc.rollback();
      throw before;
    }
    if (result != null) {
      done.accept(result);
    }
  }

  /** The changeset whose failure the last {@link #apply} threw: that one, or the one before it. */
  Changeset failed() {
    return lastFailed;
  }

  // The changeset's result; null when its commit went ahead of its reply, and `done` gets it later.
  private ChangesetResult applying(
      Changeset changeset, boolean recorded, Consumer<ChangesetResult> done) {
    long start = System.nanoTime();
    ranBefore = false;
    recordedNow = recorded;
    rowsAsked = false;
    // Only the first changeset a run applies can be half done by an earlier run that was killed,
    // and only when it commits step by step.
    partial = applied++ == 0 && !changeset.runInTransaction();
    foundWhilePartial = false;
    furtherThanThis = null;
    applyingNow = changeset;
    ownSearchPath();
    if (changeset.onlyOtherDatabases()) {
      // As Liquibase: nothing runs and no row is written, so it stays pending.
      return new ChangesetResult(
          changeset,
          ChangesetResult.Outcome.SKIPPED,
          List.of(),
          0,
          "every change is for another database");
    }
    boolean transactional = changeset.runInTransaction();
    List<Step> early =
        transactional && changeset.preconditions() == null ? enumLabelsFirst(changeset) : List.of();
    if (!transactional || !early.isEmpty() || changeset.preconditions() != null) {
      // Its steps commit one by one, or its preconditions may read the revision rows
      // (changeSetExecuted): the rows deferred so far are written first.
      recordDeferred();
    }
    if (!transactional || !early.isEmpty()) {
      // Steps that commit one by one (outside a transaction, or labels added first) need the
      // lock proven before the first; a transaction proves it once, right before it commits.
      lock.prove();
    }
    List<StepResult> results = new ArrayList<>();
    Step current = null;
    if (!early.isEmpty()) {
      // A label added in a transaction cannot be used until it commits ("unsafe use of new
      // value"): added first, each in autocommit, guarded, so a failure later only leaves a
      // label that the rerun's guard finds in place.
      try {
        for (Step step : early) {
          current = step;
          results.add(run(step, changeset.modifySql()));
        }
      } catch (MigrateException e) {
        // Nothing ran yet when the first early step fails: then nothing is left behind either.
        throw failure(changeset, current, e, results.stream().noneMatch(StepResult::ran));
      }
    }
    long beforeTransaction = millis(start);
    if (transactional) {
      jdbc.begin();
    }
    try {
      timeouts(changeset.timeouts(), transactional);
      Failed failed = checkPreconditions(changeset);
      if (failed != null && failed.action() == Preconditions.OnFail.CONTINUE) {
        jdbc.rollback();
        return new ChangesetResult(
            changeset, ChangesetResult.Outcome.SKIPPED, List.of(), millis(start), failed.text());
      }
      // The schema of --schema and the revision table exist before any step that may need them.
      long before = jdbc.catalogWrites();
      store.ensure();
      claimed = false;
      if (transactional && !recorded) {
        // Claimed right before the first statement that may write: a second run that found the
        // changeset pending too waits there for this transaction, then finds the row and stops
        // without doing anything. (After the preconditions, which may roll back and begin again
        // when they fail to run.) The rows deferred so far go first, keeping their order.
        if (jdbc.catalogWrites() != before) {
          claimFirst(changeset); // this transaction made the revision table: it writes anyway
        } else {
          jdbc.beforeWrite(() -> claimFirst(changeset));
        }
      }
      Revision.Status status = Revision.Status.APPLIED;
      if (failed != null && failed.action() == Preconditions.OnFail.MARK_RAN) {
        status = Revision.Status.MARK_RAN;
      } else {
        for (Step step : changeset.steps()) {
          if (early.contains(step)) {
            continue;
          }
          current = step;
          results.add(run(step, changeset.modifySql()));
        }
        current = null;
      }
      if (!transactional || recorded || !claimed) {
        // What follows depends on the changeset before this one having committed; a commit
        // reads its reply itself, once its own round trip is ready.
        jdbc.settle();
      }
      int run = (int) results.stream().filter(StepResult::ran).count();
      if (partial && foundWhilePartial) {
        // A step of the first changeset found its effect in place. When a changeset after it does
        // too, the database went further than this one: the revision rows are behind, and the
        // writes of the changesets between may have run too. (A step that ran again, such as a
        // loadUpdateData writing its rows over what later changes set, does not say otherwise.)
        // When nothing after it can tell, that is uncertain only if every step found its effect.
        Boolean found = laterFound(changeset);
        ahead = Boolean.TRUE.equals(found);
        uncertain = run == 0 && found == null;
      }
      long elapsed = millis(start);
      jdbc.beforeWrite(null);
      if (ranBefore
          && !recorded
          && run > 0
          && results.stream().allMatch(r -> !r.ran() || Facts.leavesState(r.step().change()))) {
        foundInPart.add(row(changeset, status, elapsed, run, results.size() - run));
      }
      if (transactional && !recorded && !claimed) {
        // Nothing was written: no statement ran, so there is nothing to commit with the row.
        jdbc.rollback();
        deferred.add(row(changeset, status, elapsed, run, results.size() - run));
        if (deferred.size() >= DEFERRED_AT_MOST) {
          flushDeferred();
        }
        return result(changeset, status, results, elapsed, failed);
      }
      // The lock must still be ours when the row becomes visible; if it was lost, another run
      // may be working, and this changeset is rolled back rather than recorded beside it.
      if (transactional) {
        // The row's duration: the time before the transaction, and the transaction's own, which
        // the server measures; statements held back run in the commit's round trip.
        Revision row = row(changeset, status, beforeTransaction, run, results.size() - run);
        if (!changeset.failOnError() || last(changeset)) {
          // Nothing is decided after the last: its reply is waited for, its failure its own.
          store.insertAndCommit(row, lock);
          committedDeferred();
          return result(changeset, status, results, millis(start), failed);
        }
        Revision.Status recordedAs = status;
        jdbc.commitAhead(
            e -> notCommitted(changeset, lock.failure(e)),
            () -> {
              committedDeferred();
              done.accept(result(changeset, recordedAs, results, millis(start), failed));
            },
            () -> store.insertAndCommit(row, lock));
        return null;
      }
      Revision row = row(changeset, status, elapsed, run, results.size() - run);
      if (recorded) {
        store.insert(row);
      }
      lock.prove();
      if (!recorded) {
        claim(changeset, status, elapsed, run, results.size() - run);
      }
      if (ownTimeouts(changeset)) {
        timeouts(sessionTimeouts, false);
      }
      return result(changeset, status, results, elapsed, failed);
    } catch (MigrateException e) {
      jdbc.beforeWrite(null);
      jdbc.rollback();
      // A commit before this changeset that failed is what ends the run (apply throws it): not
      // this changeset's failure, to be warned of or written up.
      jdbc.settle();
      deferredInTransaction = false; // rolled back with it: still to write
      if (!transactional && ownTimeouts(changeset)) {
        timeouts(sessionTimeouts, false);
      }
      store.forget();
      // The claim is the changeset's, not a step's.
      boolean taken = RevisionStore.taken(e);
      MigrateException failure =
          failure(
              changeset,
              taken ? null : at(current, e),
              taken ? taken(changeset) : e,
              transactional);
      if (!changeset.failOnError()) {
        // Passed over, it must be passed over on the next run too: not run there as new.
        MigrateException passed = stoppedOnRows ? leftUnrecorded(failure, false) : failure;
        warn.accept(
            passed.getMessage().replace("\n", "\n  ")
                + "\n  failOnError is false: the run goes on; the changeset is not recorded");
        return new ChangesetResult(
            changeset,
            ChangesetResult.Outcome.SKIPPED,
            List.of(),
            millis(start),
            "failed; failOnError is false");
      }
      throw stoppedOnRows ? leftUnrecorded(failure, true) : withDeferredWritten(failure);
    }
  }

  private static ChangesetResult result(
      Changeset changeset,
      Revision.Status status,
      List<StepResult> results,
      long elapsed,
      Failed failed) {
    ChangesetResult.Outcome outcome =
        status == Revision.Status.MARK_RAN
            ? ChangesetResult.Outcome.MARK_RAN
            : ChangesetResult.Outcome.APPLIED;
    return new ChangesetResult(
        changeset, outcome, results, elapsed, failed == null ? null : failed.text());
  }

  // A commit sent ahead failed (its reply read while a later changeset was decided): undone as a
  // failure in its own transaction is, and the rows deferred so far are written.
  private MigrateException notCommitted(Changeset changeset, MigrateException e) {
    lastFailed = changeset;
    jdbc.beforeWrite(null);
    deferredInTransaction = false; // rolled back with it: still to write
    store.forget();
    boolean taken = RevisionStore.taken(e);
    return withDeferredWritten(
        failure(changeset, taken ? null : at(null, e), taken ? taken(changeset) : e, true));
  }

  private boolean last(Changeset changeset) {
    return queue.isEmpty() || queue.get(queue.size() - 1) == changeset;
  }

  // Reads the reply of a commit sent ahead; its failure is thrown as that changeset's.
  private void settled() {
    try {
      jdbc.settle();
    } catch (MigrateException e) {
      MigrateException before = jdbc.failedAhead();
      throw before != null ? before : e;
    }
  }

  // The changeset's row as it is claimed, before any of its statements runs.
  private void claimFirst(Changeset changeset) {
    writeDeferred();
    claim(changeset, Revision.Status.APPLIED, 0, 0, 0);
    claimed = true;
  }

  /**
   * Writes the rows deferred so far in a transaction of their own, once the lock is proven still
   * ours; called before steps that commit one by one, and when the run ends.
   */
  void flushDeferred() {
    jdbc.settle();
    if (deferred.isEmpty()) {
      return;
    }
    jdbc.begin();
    try {
      writeDeferred();
      lock.commitProven(jdbc, null);
      committedDeferred();
    } catch (MigrateException e) {
      jdbc.rollback();
      deferredInTransaction = false;
      throw e;
    }
  }

  /**
   * Writes the rows deferred so far, in a transaction of their own: when the run ends (or stops),
   * and before a changeset that must find them written. When they cannot be written, the error says
   * that those changesets, reported as applied, were not recorded.
   */
  void recordDeferred() {
    settled();
    String unrecorded = flushOrSay();
    if (unrecorded != null) {
      throw MigrateException.failed(unrecorded);
    }
  }

  // Writes the deferred rows in a transaction of their own; null when they are written (or there
  // are none), else the words that say they are not.
  private String flushOrSay() {
    int rows = deferred.size();
    try {
      flushDeferred();
      return null;
    } catch (MigrateException e) {
      deferred.clear();
      return "The rows of the "
          + rows
          + " changeset"
          + (rows == 1 ? "" : "s")
          + " that found their effect in place were not recorded ("
          + e.getMessage().lines().findFirst().orElse("")
          + "); the next run finds them in place again.";
    }
  }

  // Writes the deferred rows in the open transaction. A row another run wrote first means that run
  // works beside this one: nothing more is recorded, as when a claim finds its row taken.
  private void writeDeferred() {
    if (deferred.isEmpty() || deferredInTransaction) {
      return;
    }
    if (store.recordAll(deferred) != deferred.size()) {
      for (Revision r : deferred) {
        String by = store.recordedBy(r.id(), r.author(), r.filename());
        if (by != null && !by.equals(deploymentId)) {
          deferred.clear();
          throw MigrateException.failed(
              "another run (deployment "
                  + by
                  + ") recorded changeset "
                  + r.id()
                  + " ("
                  + r.author()
                  + ") while this run found it in place; this run records nothing more, so"
                  + " nothing is applied twice. See `migrate current -v`");
        }
      }
    }
    deferredInTransaction = true;
  }

  private void committedDeferred() {
    if (deferredInTransaction) {
      deferred.clear();
      deferredInTransaction = false;
    }
  }

  // A write that may have run before stops the run (RowTrial): what tells that the database is
  // ahead of its revision rows is the changesets this run found in place, and recorded, they would
  // tell the next run nothing, which would then run the write. So they are left unrecorded (the
  // deferred rows dropped, those written already deleted): the next run finds them in place again
  // and stops here again, until this changeset is settled by hand. So are those found in part
  // whose other steps the next run finds in place too; one whose steps left nothing to find (data,
  // raw SQL) keeps its row, so that they do not run again.
  private MigrateException leftUnrecorded(MigrateException failure, boolean stops) {
    int count = deferred.size();
    deferred.clear();
    String note = null;
    try {
      jdbc.begin();
      count += store.deleteFoundInPlace(deploymentId);
      for (Revision r : foundInPart) {
        count += store.delete(r.id(), r.author(), r.filename());
      }
      foundInPart.clear();
      lock.commitProven(jdbc, null);
      if (count > 0) {
        note =
            count
                + " changeset"
                + (count == 1 ? "" : "s")
                + " that this run found in place "
                + (count == 1 ? "is" : "are")
                + " left unrecorded, so that the next run "
                + (stops ? "stops here too" : "passes this one over too")
                + " until it is settled.";
      }
    } catch (MigrateException e) {
      jdbc.rollback();
      note =
          "The rows of the changesets this run found in place could not be removed ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): do not run upgrade again before this changeset is settled, as the next run"
              + " would not find the database ahead of its revision rows.";
    }
    return note == null
        ? failure
        : new MigrateException(
            failure.exitCode(), failure.getMessage() + "\n" + note, failure, failure.detail());
  }

  // A failing changeset ends the run: the rows deferred before it are written first. When they
  // cannot be (the lock is lost, the connection gone), the message says so.
  private MigrateException withDeferredWritten(MigrateException failure) {
    String unrecorded = flushOrSay();
    return unrecorded == null
        ? failure
        : new MigrateException(
            failure.exitCode(),
            failure.getMessage() + "\n" + unrecorded,
            failure,
            failure.detail());
  }

  private Revision row(
      Changeset changeset, Revision.Status status, long elapsed, int run, int skipped) {
    return new Revision(
        changeset.id(),
        changeset.author(),
        changeset.path(),
        0,
        changeset.checksum(),
        status,
        null,
        elapsed,
        run,
        skipped,
        deploymentId,
        Version.current(),
        changeset.comment(),
        changeset.tag());
  }

  private void claim(
      Changeset changeset, Revision.Status status, long elapsed, int run, int skipped) {
    store.claim(row(changeset, status, elapsed, run, skipped));
  }

  // A claim found the row another run's (RevisionStore.taken), and the transaction is rolled back.
  private MigrateException taken(Changeset changeset) {
    String by;
    try {
      by = store.recordedBy(changeset.id(), changeset.author(), changeset.path());
    } catch (MigrateException e) {
      by = "unknown: " + e.getMessage().lines().findFirst().orElse("");
    }
    return MigrateException.failed(
        "another run (deployment "
            + by
            + ") recorded this changeset while this run was applying it;"
            + " this run's work on it is undone, so nothing is applied twice. See `migrate current -v`");
  }

  /**
   * Undoes one applied changeset: runs {@code undo} guarded (a drop of what is gone is skipped) and
   * removes its revision row, in one transaction unless the changeset runs outside one.
   */
  ChangesetResult revert(Changeset changeset, List<Step> undo) {
    return alone(
        changeset,
        ChangesetResult.Outcome.REVERTED,
        undo.stream().map(step -> new Work(step, () -> run(step, List.of()))).toList(),
        () -> store.delete(changeset.id(), changeset.author(), changeset.path()));
  }

  /**
   * Makes again, for {@code repair}, what an applied changeset made and the database lost: runs the
   * statements its guards gave for each missing object, in one transaction unless the changeset
   * runs outside one. Its revision row stays as it is, and nothing else of it runs.
   */
  ChangesetResult repair(Changeset changeset, List<DriftCheck.Finding> missing) {
    List<Work> work = new ArrayList<>();
    for (DriftCheck.Finding finding : missing) {
      work.add(
          new Work(
              finding.step(),
              () -> {
                ownSearchPath(); // each fix names the search path it needs (DriftCheck)
                finding.fix().sql().forEach(jdbc::execute);
                searchPathSet |= finding.fix().sql().stream().anyMatch(SearchPath::sets);
                return new StepResult(
                    finding.step(), StepResult.Outcome.RAN, finding.fix().summary());
              }));
    }
    return alone(changeset, ChangesetResult.Outcome.REPAIRED, work, () -> {});
  }

  /** One step of work on an applied changeset, outside upgrade. */
  private record Work(Step step, java.util.function.Supplier<StepResult> run) {}

  // Work on an applied changeset (undo, repair), in one transaction unless it runs outside one:
  // the steps, then what it does to the revision row, then, as an upgrade does, the proof that
  // the lock is still ours before anything becomes visible.
  private ChangesetResult alone(
      Changeset changeset, ChangesetResult.Outcome outcome, List<Work> work, Runnable row) {
    long start = System.nanoTime();
    ownSearchPath();
    boolean transactional = changeset.runInTransaction();
    if (transactional) {
      jdbc.begin();
    }
    Step current = null;
    try {
      List<StepResult> results = new ArrayList<>();
      for (Work w : work) {
        current = w.step();
        results.add(w.run().get());
      }
      current = null;
      row.run();
      if (transactional) {
        lock.commitProven(jdbc, null);
      } else {
        lock.prove();
      }
      return new ChangesetResult(changeset, outcome, results, millis(start), null);
    } catch (MigrateException e) {
      jdbc.rollback();
      throw failure(changeset, at(current, e), e, transactional);
    }
  }

  // Each changeset starts in the session's own search path, as under Liquibase, which sets it back
  // after every changeset: what one set does not move the names of the next. See SearchPath.
  private void ownSearchPath() {
    guards.searchPath(null);
    if (searchPathSet) {
      jdbc.execute("SET search_path TO DEFAULT");
      searchPathSet = false;
    }
  }

  private StepResult run(Step step, List<ModifySql> modifySql) {
    StepResult result = guarded(step, modifySql);
    boolean skipped = result.outcome() == StepResult.Outcome.SKIPPED;
    // A step skipped with its object absent (a later change drops it) found nothing: it is no
    // evidence, and this run did not make it.
    if (!skipped
        || !Boolean.FALSE.equals(guards.replay().inPlace(step.change(), later.apply(step)))) {
      made(guards.replay().madeKey(step.change()), skipped);
    }
    if (Facts.effect(step.change()) == Facts.Effect.ROWS
        && result.outcome() == StepResult.Outcome.SKIPPED) {
      // A data change whose rows are there already (or whose failure a later change explains)
      // is as much evidence as an object found in place.
      foundAhead();
    }
    if (result.outcome() != StepResult.Outcome.SKIPPED) {
      guards.replay().renamedWritten(step.change(), written);
    }
    return result;
  }

  /**
   * Notes what a step or statement that makes an object ({@code key}, null when it makes none) did:
   * made it, or found it in place. Found in place while no earlier step of this run made it, the
   * object is evidence that the database is ahead of its revision rows, and that the changeset
   * being applied ran before.
   */
  private void made(String key, boolean found) {
    if (key == null) {
      return;
    }
    if (!found) {
      uncertain = false;
      madeHere.add(key);
      String table = Replay.madeRelation(key);
      if (table != null) {
        written.add(table); // a table made here holds only our rows
      }
    } else if (!madeHere.contains(key)) {
      foundAhead();
    }
  }

  /** The changesets this run is to apply, in order (see {@link #laterFound}). */
  void queue(List<Changeset> pending) {
    this.queue = pending;
    // The guards' questions about later changes read an index of the changelog's names: it is made
    // on a thread of its own while the catalog is read and the first changeset begins.
    pending.stream()
        .flatMap(c -> c.steps().stream())
        .findFirst()
        .ifPresent(first -> Guards.indexAhead(later.apply(first)));
  }

  /**
   * Whether a changeset queued after {@code first} finds its effect in place (an object it makes,
   * or rows it writes): then the database went further than {@code first}. A run killed right after
   * the last step of {@code first} would have left it all to do; the first object found absent ends
   * the search (false), as that run got no further. Null when nothing after it can tell. Only asks
   * the catalog.
   */
  private Boolean laterFound(Changeset first) {
    int at = queue.indexOf(first);
    if (at < 0) {
      return false;
    }
    String path = guards.searchPath();
    try {
      return laterFound(queue.subList(at + 1, queue.size()));
    } finally {
      guards.searchPath(path);
    }
  }

  private Boolean laterFound(List<Changeset> queued) {
    for (Changeset next : queued) {
      // One with preConditions may have been passed over (MARK_RAN, CONTINUE): its objects found
      // tell, found absent they do not.
      boolean conditional = next.preconditions() != null;
      guards.searchPath(null);
      for (Step step : next.steps()) {
        List<Change> after = later.apply(step);
        if (step.change() instanceof Change.Sql sql) {
          Boolean found = laterFound(sql, after);
          if (found != null) {
            return found;
          }
          continue;
        }
        // Only what a step makes (or renames) is evidence when found: a drop or a setting that
        // finds what it wants may never have been reached (a table a killed run had yet to make
        // is absent as a later dropTable wants it).
        boolean makes = guards.replay().madeKey(step.change()) != null;
        try {
          Decision decision = guards.decide(step.change(), after);
          if (!(decision instanceof Decision.Act act)) {
            // Skipped: in place, or absent where a later change drops it (which tells nothing, as
            // a killed run had yet to make it); drift: something is there.
            if (makes && !Boolean.FALSE.equals(guards.replay().inPlace(step.change(), after))) {
              return true;
            }
            continue;
          }
          if (makes && act.effect() == Decision.Effect.ADJUST) {
            return true; // its object is there, in part: that changeset ran
          }
          for (String sql : act.sql()) {
            if (guards.replay().rowsAgain(sql, new java.util.HashSet<>(written), after)
                instanceof Decision.Skip) {
              return true; // its rows are there, value for value
            }
          }
        } catch (MigrateException e) {
          return null; // it cannot be asked before the steps before it run
        }
        if (makes && !conditional) {
          return false;
        } else if (makes) {
          break;
        }
      }
    }
    return null;
  }

  // The same for the statements of a raw step: the first that makes an object tells, by its guard,
  // as a structured step does. One skipped while its object is absent (a later change drops or
  // renames it) tells nothing: on a new database every such statement is skipped so. One its guard
  // would run, whose relation is there under the name a later change renames it to, tells.
  private Boolean laterFound(Change.Sql sql, List<Change> after) {
    for (String statement : sql.statements()) {
      if (guards.replay().statements().madeKey(statement) != null) {
        try {
          if (guards.decideStatement(statement, after, (s, l) -> null) instanceof Decision.Act) {
            return guards.replay().statements().underLaterName(statement, after);
          }
          if (!Boolean.FALSE.equals(guards.replay().statements().inPlace(statement, after))) {
            return true;
          }
        } catch (MigrateException e) {
          return null;
        }
      }
      guards.searchPath(SearchPath.after(guards.searchPath(), statement));
    }
    return null;
  }

  // Before the run has found the database ahead of its revision rows, the first INSERT of a
  // changeset without a row, into a table that held rows before this run wrote it, is asked
  // whether its rows are all there already, value for value. They are when the changeset ran and
  // its row was lost (a stamp to a revision before it, a revision table restored from before it):
  // that is the evidence (foundAhead), and the INSERT is skipped rather than run twice. When they
  // are not, the changeset did not run, and nothing more of it is asked.
  private Decision rowsFoundFirst(String sql) {
    if (recordedNow || rowsAsked || !RowWrites.inserts(sql)) {
      return null;
    }
    Decision found = guards.replay().rowsAgain(sql, written, List.of());
    rowsAsked = found != null;
    if (found instanceof Decision.Skip) {
      foundAhead();
      return found;
    }
    return null;
  }

  // Whether a write may have run before: the database is ahead of its revision rows, or a step of a
  // first changeset outside a transaction found its effect in place, so a run killed inside it may
  // have gone on to the write, or nothing could tell since (its rows are then tried before they are
  // written again).
  private boolean mayHaveRun() {
    return ahead || (partial && foundWhilePartial) || uncertain;
  }

  // The database is ahead of its revision rows, and the changeset being applied ran before;
  // except in the first changeset of a run outside a transaction, which a killed run leaves half
  // done.
  private void foundAhead() {
    if (!partial) {
      ahead = true;
      ranBefore = true;
    } else {
      foundWhilePartial = true;
    }
  }

  private StepResult guarded(Step step, List<ModifySql> modifySql) {
    if (step.change() instanceof Change.Sql sql) {
      return runStatements(step, sql, modifySql);
    }
    if (step.change() instanceof Change.Stop stop) {
      // The changeset fails here, as Liquibase's does, and is rolled back with what it ran.
      throw MigrateException.failed("the changelog stops the run here: " + stop.message());
    }
    List<Change> after = later.apply(step);
    Decision decision = decide(step.change(), after);
    if (decision instanceof Decision.Skip skip) {
      return new StepResult(step, StepResult.Outcome.SKIPPED, skip.reason());
    }
    Done done =
        guards.changing(
            step.change(),
            decision instanceof Decision.Act a ? a.sql() : List.of(),
            !modifySql.isEmpty(),
            () -> execute(decision, modifySql, after, step));
    Decision.Act act = (Decision.Act) decision;
    // An act of no statement (a tag, an output) ran, whatever its excuse.
    if (!act.sql().isEmpty() && done.excused().size() == act.sql().size()) {
      return new StepResult(step, StepResult.Outcome.SKIPPED, String.join("; ", done.excused()));
    }
    if (!done.excused().isEmpty()) {
      return new StepResult(
          step,
          StepResult.Outcome.ADJUSTED,
          act.summary() + "; skipped " + String.join("; ", done.excused()));
    }
    return new StepResult(
        step,
        switch (act.effect()) {
          case CREATE -> StepResult.Outcome.RAN;
          case ADJUST -> StepResult.Outcome.ADJUSTED;
          case REBUILD -> StepResult.Outcome.REBUILT;
        },
        act.summary());
  }

  /**
   * Raw SQL, each statement guarded right before it runs: a statement that drops or creates an
   * object changes what the next statement's guard sees (DROP IDENTITY drops a sequence that a
   * later CREATE SEQUENCE of the same step makes again).
   *
   * <p>A DROP whose object the step makes again opens a remake, run inside a savepoint up to the
   * last such CREATE. When one of those CREATEs fails and is excused (a later change supersedes
   * what it makes: a rerun after lost history), the remake is rolled back and run again without
   * that DROP and CREATE pair, so the object in place is kept instead of being dropped for good.
   */
  private StepResult runStatements(Step step, Change.Sql sql, List<ModifySql> modifySql) {
    List<Change> after = later.apply(step);
    boolean undoable = jdbc.inTransaction();
    // A modifySql rewrites the text as sent, which splitting would change: it is kept whole then.
    List<String> statements = modifySql.isEmpty() ? sql.statements(true) : sql.statements();
    boolean own = false;
    if (!undoable && statements.size() > sql.statements().size()) {
      // One string of several statements, outside a transaction: PostgreSQL runs it all or
      // nothing, so running its statements one by one inside a transaction of its own is the
      // same, and lets each be guarded.
      jdbc.begin();
      own = true;
      undoable = true;
    } else if (!undoable) {
      statements = sql.statements();
    }
    List<String> paths = SearchPath.along(statements, guards.searchPath());
    searchPathSet |= statements.stream().anyMatch(SearchPath::sets);
    java.util.Set<Integer> omitted = new java.util.HashSet<>();
    StatementTally tally = new StatementTally();
    StatementTally before = null; // the tally when the open remake began; null when none is open
    int start = -1;
    int end = -1;
    List<Integer> drops = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      if (omitted.contains(i)) {
        continue;
      }
      String statement = statements.get(i);
      guards.searchPath(paths.get(i));
      int remade = undoable ? guards.remadeAt(statements, i, i + 1) : -1;
      List<Change> rest = new RestOfStep(statements, i, after);
      Map.Entry<List<Integer>, String> already =
          remade >= 0 && before == null ? guards.alreadyRemade(statements, i, after) : null;
      if (already != null) {
        omitted.addAll(already.getKey());
        tally.skipped.add(already.getValue());
        continue;
      }
      if (remade >= 0 && before == null) {
        jdbc.execute("SAVEPOINT migrate_remake");
        before = tally.copy();
        start = i;
      }
      if (remade >= 0) {
        drops.add(i);
        end = Math.max(end, remade);
      }
      Decision decision = decide(statement, rest);
      if (decision instanceof Decision.Skip skip) {
        tally.skipped.add(skip.reason());
        made(guards.replay().statements().madeKey(statement), true);
      } else {
        Done done;
        try {
          // What the guard decided to run, which the catalog may follow (Guards#changing).
          done =
              decision instanceof Decision.Act act
                  ? guards.changing(
                      act.sql(),
                      !modifySql.isEmpty(),
                      () -> execute(decision, modifySql, rest, null))
                  : execute(decision, modifySql, rest, null);
        } catch (MigrateException e) {
          if (ahead
              && !stoppedOnRows
              && guards.unguarded(statement)
              && !(e instanceof HeldStatementFailure)) {
            throw new MigrateException(
                e.exitCode(),
                e.getMessage()
                    + "\n  The statement is not guarded: migrate knows no object it makes to look"
                    + " for, so this rerun ran it again as written.",
                e);
          }
          throw e;
        }
        made(guards.replay().statements().madeKey(statement), !done.excused().isEmpty());
        if (done.excused().isEmpty()) {
          guards.replay().renamedWritten(statement, written);
        }
        if (!done.excused().isEmpty() && RowWrites.writes(statement)) {
          foundAhead(); // its rows are there already, or a later change explains its failure
        }
        Decision.Act act = (Decision.Act) decision;
        int drop = -1;
        for (int d : drops) {
          if (drop < 0 && guards.remakes(statement, List.of(statements.get(d)))) {
            drop = d;
          }
        }
        if (before != null && !done.excused().isEmpty() && drop >= 0) {
          jdbc.execute("ROLLBACK TO SAVEPOINT migrate_remake");
          omitted.add(drop);
          omitted.add(i);
          tally = before.copy();
          tally.skipped.add(
              "kept what "
                  + firstLine(statements.get(drop))
                  + " would drop: "
                  + String.join("; ", done.excused()));
          drops.clear();
          end = -1;
          i = start - 1; // run the remake again from its start, without this pair
          before = null;
          jdbc.execute("RELEASE SAVEPOINT migrate_remake");
          continue;
        }
        tally.count(act, done.excused());
      }
      if (before != null && i >= end) {
        jdbc.execute("RELEASE SAVEPOINT migrate_remake");
        before = null;
        drops.clear();
        end = -1;
      }
    }
    guards.searchPath(
        statements.isEmpty()
            ? guards.searchPath()
            : SearchPath.after(paths.get(paths.size() - 1), statements.get(statements.size() - 1)));
    if (own) {
      jdbc.commitAfter(null);
    }
    return tally.result(step);
  }

  /** The failed statements of an act that its excuse accepted, each with the reason. */
  private record Done(List<String> excused) {}

  // A statement run for {@code step} (null: run now) may be held back to go with the next round
  // trip: a failure then comes later, and names its step.
  private Done execute(
      Decision decision, List<ModifySql> modifySql, List<Change> after, Step step) {
    if (decision instanceof Decision.Drift drift) {
      throw new MigrateException(MigrateException.FAILED, "drift: " + drift.message());
    }
    Decision.Act act = (Decision.Act) decision;
    List<String> excused = new ArrayList<>();
    for (String statement : act.sql()) {
      String sql = statement;
      for (ModifySql rewrite : modifySql) {
        sql = rewrite.apply(sql);
      }
      // What later changes write is theirs only once they ran: until then the rows are compared
      // whole, as this changeset writes them.
      List<Change> ran = mayHaveRun() && laterRan() ? after : List.of();
      Decision again =
          mayHaveRun() ? guards.replay().rowsAgain(sql, written, ran) : rowsFoundFirst(sql);
      // Asked only where the rows did not decide (its table was found empty, or this run wrote
      // it), of the statements a changeset writes itself (raw SQL, which comes without its step,
      // update, delete): an UPDATE a step makes for its own end (addNotNullConstraint's of
      // NULLs) is that step's.
      boolean ownWrite =
          step == null
              || step.change() instanceof Change.Update
              || step.change() instanceof Change.Delete;
      String nothing =
          again == null && ownWrite && mayHaveRun() ? guards.replay().nothingToChange(sql) : null;
      if (nothing != null) {
        excused.add(firstLine(sql) + " skipped: " + nothing);
        continue;
      } else if (again instanceof Decision.Skip skip) {
        excused.add(firstLine(sql) + " skipped: " + skip.reason());
        continue;
      } else if (again instanceof Decision.Drift && ranBefore) {
        excused.add(firstLine(sql) + " skipped: " + RowWrites.RAN_BEFORE);
        continue;
      } else if (again instanceof Decision.Drift drift) {
        RowTrial.Outcome trial;
        try {
          trial = rowTrial.run(sql, drift, after, ran, !ahead);
        } catch (MigrateException e) {
          stoppedOnRows = true;
          throw e;
        }
        if (trial != RowTrial.Outcome.FAILED && trial != RowTrial.Outcome.NOT_YET) {
          excused.add(
              firstLine(sql)
                  + (trial == RowTrial.Outcome.NO_CHANGE
                      ? " skipped: it would change no row"
                      : " skipped: later DELETEs remove the rows it writes, so running it again"
                          + " changes nothing"));
          continue;
        }
      }
      // A statement whose writes its text does not show (a DO block, a CALL) is tried the same
      // way where it may have run before.
      String opaque =
          again == null && mayHaveRun() && OpaqueWrites.opaque(sql)
              ? opaqueTrial.mayHaveRun(sql, written, !ahead)
              : null;
      if (opaque != null && ranBefore) {
        excused.add(firstLine(sql) + " skipped: " + RowWrites.RAN_BEFORE);
        continue;
      } else if (opaque != null) {
        stoppedOnRows = true;
        throw MigrateException.failed(opaque);
      }
      // Run again over a schema later changes moved on, a write may meet a column's later type.
      Decision.Excuse excuse =
          mayHaveRun() && RowWrites.writes(sql)
              ? guards.onRerun(act.excuse(), after)
              : act.excuse();
      if (excuse == null && step != null) {
        jdbc.executeHeld(sql, step);
      } else if (excuse == null) {
        jdbc.execute(sql);
      } else {
        String reason = jdbc.executeOrExplain(sql, excuse);
        if (reason != null) {
          excused.add(firstLine(sql) + " failed, but " + reason);
        }
      }
      String invalid = guards.invalidAfter(sql);
      if (invalid != null) {
        throw MigrateException.failed(
            invalid
                + " after "
                + firstLine(sql)
                + "\nThe changeset is not recorded; the next run drops the index and builds it again.");
      }
    }
    return new Done(excused);
  }

  // addEnumValue steps on types this changeset does not create itself.
  private static List<Step> enumLabelsFirst(Changeset changeset) {
    List<Step> early = new ArrayList<>();
    for (Step step : changeset.steps()) {
      if (step.change() instanceof Change.AddEnumValue add
          && changeset.steps().stream()
              .noneMatch(
                  s ->
                      s.change() instanceof Change.CreateEnumType c
                          && c.typeName().equals(add.typeName()))) {
        early.add(step);
      }
    }
    return early;
  }

  private static boolean ownTimeouts(Changeset changeset) {
    return changeset.timeouts().lockTimeoutMillis() != null
        || changeset.timeouts().statementTimeoutMillis() != null;
  }

  // A changeset's own timeouts: SET LOCAL in its transaction, or SET for an autocommit one, put
  // back to the session's values after it.
  private void timeouts(Changeset.Timeouts timeouts, boolean local) {
    String scope = local ? "SET LOCAL " : "SET ";
    if (timeouts.lockTimeoutMillis() != null) {
      jdbc.execute(scope + "lock_timeout = " + timeouts.lockTimeoutMillis());
    }
    if (timeouts.statementTimeoutMillis() != null) {
      jdbc.execute(scope + "statement_timeout = " + timeouts.statementTimeoutMillis());
    }
  }

  /** A precondition that did not hold: what to do, and the words that say why. */
  private record Failed(Preconditions.OnFail action, String text) {}

  /** Null when the preconditions hold, there are none, or onFail is WARN; else what to do. */
  private Failed checkPreconditions(Changeset changeset) {
    Preconditions p = changeset.preconditions();
    if (p == null) {
      return null;
    }
    boolean holds;
    Preconditions.OnFail onFalse = p.onFail();
    String error = null;
    try {
      holds = preconditions.holds(p.condition());
    } catch (MigrateException e) {
      boolean halt = p.onError() == Preconditions.OnFail.HALT;
      if (halt && !ahead) {
        throw new MigrateException(
            MigrateException.FAILED, "precondition could not be checked: " + e.getMessage(), e);
      }
      jdbc.rollback();
      if (changeset.runInTransaction()) {
        jdbc.begin();
      }
      String explained = halt ? laterExplains(changeset, e) : null;
      if (explained != null) {
        // The database is ahead of its revision rows, and the precondition asks of what a later
        // change removed: it held when the changeset ran. Its steps run, each guarded.
        warn.accept(
            "changeset "
                + changeset.id()
                + " ("
                + changeset.author()
                + "): its precondition could not be checked, but "
                + explained
                + "; its steps run, each guarded");
        return null;
      } else if (halt) {
        throw new MigrateException(
            MigrateException.FAILED, "precondition could not be checked: " + e.getMessage(), e);
      }
      holds = false;
      onFalse = p.onError();
      error = e.getMessage().lines().findFirst().orElse("");
    }
    if (holds) {
      return null;
    }
    String text =
        error == null
            ? preconditionText(changeset)
            : "precondition could not be checked (" + error + "); onError is " + onFalse;
    if (onFalse == Preconditions.OnFail.HALT && ahead && error == null && done(changeset)) {
      // The database is ahead of its revision rows and every step of this changeset finds its
      // effect in place: it ran before, and its precondition held then. It is recorded again.
      return null;
    }
    String since =
        onFalse == Preconditions.OnFail.HALT && ahead && error == null
            ? conditionGoneSince(changeset)
            : null;
    if (since != null) {
      // The database is ahead of its revision rows, and the precondition asks for what a later
      // change removed: it held when the changeset ran. Its steps run, each guarded.
      warn.accept(
          "changeset "
              + changeset.id()
              + " ("
              + changeset.author()
              + "): its precondition is false, but "
              + since
              + "; its steps run, each guarded");
      return null;
    }
    return switch (onFalse) {
      case HALT ->
          throw new MigrateException(
              MigrateException.FAILED,
              "precondition failed: "
                  + text
                  + ". Fix the database, or set onFail (CONTINUE, MARK_RAN or WARN) on the changeset");
      case WARN -> {
        warn.accept(
            "changeset "
                + changeset.id()
                + " ("
                + changeset.author()
                + "): "
                + text
                + "; onFail is WARN, so it runs anyway");
        yield null;
      }
      default -> new Failed(onFalse, text);
    };
  }

  // Why a precondition's failure on a rerun is no failure: a change of its own changeset (which
  // ran before) or a later one removed what it asks of.
  private String laterExplains(Changeset changeset, MigrateException e) {
    if (changeset.steps().isEmpty() || e.detail() == null || e.detail().sqlState() == null) {
      return null;
    }
    Step first = changeset.steps().get(0);
    List<Change> after = new ArrayList<>(List.of(first.change()));
    after.addAll(later.apply(first));
    return guards
        .onRerun(null, after)
        .explain(e.detail().sql(), e.detail().sqlState(), e.getMessage());
  }

  private String conditionGoneSince(Changeset changeset) {
    List<Change> after =
        changeset.steps().isEmpty() ? List.of() : later.apply(changeset.steps().get(0));
    return guards.superseded().conditionGoneSince(changeset.preconditions().condition(), after);
  }

  // Whether every step of the changeset finds its effect in place (its guard skips it).
  private boolean done(Changeset changeset) {
    String path = guards.searchPath();
    guards.searchPath(null);
    try {
      for (Step step : changeset.steps()) {
        List<Change> after = later.apply(step);
        if (step.change() instanceof Change.Sql sql) {
          List<String> statements = sql.statements();
          for (int i = 0; i < statements.size(); i++) {
            if (!(decide(statements.get(i), new RestOfStep(statements, i, after))
                instanceof Decision.Skip)) {
              return false;
            }
            guards.searchPath(SearchPath.after(guards.searchPath(), statements.get(i)));
          }
        } else if (!(decide(step.change(), after) instanceof Decision.Skip)) {
          return false;
        }
      }
      return true;
    } finally {
      guards.searchPath(path);
    }
  }

  // A structured step's guard; in replay mode, first what later changes superseded.
  private Decision decide(Change change, List<Change> after) {
    String gone = replayed(() -> guards.superseded().droppedSince(change, after));
    if (gone == null) {
      gone = replayed(() -> guards.superseded().keptForLater(change, after));
    }
    return gone != null ? new Decision.Skip(gone) : guards.decide(change, after);
  }

  // A raw statement's guard; in replay mode, first what later changes superseded.
  private Decision decide(String statement, List<Change> rest) {
    return guards.decideStatement(statement, rest, this::kept);
  }

  // What later changes, or the use since, superseded of a raw statement, in replay mode; else null.
  private String kept(String statement, List<Change> rest) {
    String kept = replayed(() -> guards.superseded().keptForLater(statement, rest));
    // An index or constraint without a name that is there already, as a named one is found by its
    // name: asked wherever the run may repeat one, in a first changeset outside a transaction that
    // a killed run left half done too (later changes have nothing to do with it). Not before a
    // step of that changeset finds its effect: the question builds the object where it is undone,
    // without CONCURRENTLY, which a first run of a concurrent build must not pay for.
    kept = kept != null || !mayHaveRun() ? kept : guards.superseded().sameUnnamed(statement);
    return kept != null ? kept : replayed(() -> guards.superseded().sequencePast(statement));
  }

  /**
   * Why later changes leave a step nothing to do, in replay mode; null otherwise. The first
   * changeset outside a transaction may be half done by a run killed inside it, which left every
   * later change undone: there, a step is skipped for what later changes do only once a later
   * changeset is found in place, as then the database went further than this changeset.
   */
  private String replayed(java.util.function.Supplier<String> superseded) {
    if (!ahead && !partial) {
      return null;
    }
    String why = superseded.get();
    return why != null && laterRan() ? why : null;
  }

  // Whether the changes after the changeset being applied ran: the database is ahead of its
  // revision rows, or, in a first changeset outside a transaction, a later one is found in place
  // (a run killed inside this one left every later change undone).
  private boolean laterRan() {
    if (ahead || !partial) {
      return ahead;
    }
    if (furtherThanThis == null) {
      furtherThanThis = Boolean.TRUE.equals(laterFound(applyingNow));
    }
    return furtherThanThis;
  }

  private String preconditionText(Changeset changeset) {
    return preconditions.failure(changeset.preconditions());
  }

  // The step a failure belongs to: the one running, unless a statement held back from an earlier
  // step failed when it was sent.
  private static Step at(Step current, MigrateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HeldStatementFailure held) {
        return held.step();
      }
    }
    return current;
  }

  private static MigrateException failure(
      Changeset changeset, Step step, MigrateException e, boolean transactional) {
    String where =
        step == null
            ? changeset.location().toString()
            : step.location() + ", step " + step.change().changeType();
    String undo =
        transactional
            ? "Rolled back: nothing of this changeset was applied or recorded."
            : "This changeset runs outside a transaction: the steps before this one stay applied, and it is not recorded; its guards make a rerun safe.";
    return new MigrateException(
        e.exitCode(),
        "changeset "
            + changeset.id()
            + " ("
            + changeset.author()
            + ") failed at "
            + where
            + ":\n  "
            + e.getMessage().replace("\n", "\n  ")
            + "\n"
            + undo,
        e,
        new MigrateException.Detail(
            changeset.key(),
            step == null ? changeset.location() : step.location(),
            e.detail().sql(),
            e.detail().sqlState()));
  }

  private static String firstLine(String sql) {
    String line = Passwords.hidden(sql.strip()).lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
