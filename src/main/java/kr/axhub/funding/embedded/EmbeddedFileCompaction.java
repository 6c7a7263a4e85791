package kr.axhub.funding.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the embedded H2 file small while the application runs. The embedded default commits with
 * {@code WRITE_DELAY=0}, so a completed task is in the file before the official's request returns and a kill -9
 * loses nothing; but then H2 runs no background maintenance: every commit writes the changed pages anew, and the
 * space of the old ones is reclaimed only when the database closes. The file grew by several MiB per programme and
 * without bound while the application ran. This does what H2's own background writer would: it rewrites the file's
 * mostly-stale parts and moves the live ones together, so the file shrinks. Committed data is never touched: H2
 * only moves pages of the latest committed state.
 *
 * <p>How often and how long follow the volume written. Every {@code axhub.embedded.compaction-check} the file's
 * size is read (no I/O: the store knows it). A compaction runs once the file has grown by
 * {@code axhub.embedded.compaction-growth} since the last one, and at the latest every
 * {@code axhub.embedded.compaction-interval}. Each runs for {@code axhub.embedded.compaction-time} per
 * {@code compaction-growth} the file grew since the last one, at least once that and at most
 * {@code axhub.embedded.compaction-time-max}, and at most {@code axhub.embedded.compaction-share} of the time since
 * the last one. Commits wait meanwhile: at an official's pace the compactions fit between the steps; a burst of
 * completions without pause ran 1.2-1.5 times as long in the benchmarks, for a file about a quarter the size. Under
 * a burst the compactions come as often as the file grows, each sized to what was written, so the file follows the
 * data it holds rather than the volume written (1-2.5 MiB per programme while running, against 0.2 MiB after a full
 * {@code SHUTDOWN COMPACT}, see docs/benchmarks.md): pages that are live but spread over partly empty chunks are
 * packed only by a full compaction. Nothing happens on PostgreSQL or an in-memory H2.
 */
@Component
class EmbeddedFileCompaction {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFileCompaction.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final Duration check;
  private final long growth;
  private final Duration budget;
  private final Duration budgetMax;
  private final double share;
  private ScheduledExecutorService scheduler;
  private Store store;
  private long sizeAfterLast;
  private long lastCompaction;

  EmbeddedFileCompaction(DataSource dataSource,
      @Value("${axhub.embedded.compaction-interval:PT10S}") Duration interval,
      @Value("${axhub.embedded.compaction-check:PT0.5S}") Duration check,
      @Value("${axhub.embedded.compaction-growth:2MB}") DataSize growth,
      @Value("${axhub.embedded.compaction-time:PT0.2S}") Duration budget,
      @Value("${axhub.embedded.compaction-time-max:PT2S}") Duration budgetMax,
      @Value("${axhub.embedded.compaction-share:0.2}") double share) {
    if (growth.toBytes() <= 0 || check.isNegative() || check.isZero() || !(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("axhub.embedded.compaction-growth and axhub.embedded.compaction-check "
          + "must be positive, axhub.embedded.compaction-share above 0 and at most 1");
    }
    this.dataSource = dataSource;
    this.interval = interval;
    this.check = check;
    this.growth = growth.toBytes();
    this.budget = budget;
    this.budgetMax = budgetMax.compareTo(budget) < 0 ? budget : budgetMax;
    this.share = share;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    store = store();
    if (store == null) {
      return;
    }
    sizeAfterLast = fileSize();
    lastCompaction = System.nanoTime();
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "embedded-file-compaction");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.min(check.toMillis(), interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    LOG.info("Embedded H2 file compacted every {} or after {} KiB written, for {} ms per {} KiB (at most {} ms, "
        + "at most {} % of the time)", interval, growth / 1024, budget.toMillis(), growth / 1024,
        budgetMax.toMillis(), Math.round(share * 100));
  }

  /**
   * Lets a running compaction finish instead of interrupting it: an interrupted thread closes the file channel it
   * is reading, and H2 then closes the whole database under the engine as it shuts down.
   */
  @EventListener(ContextClosedEvent.class)
  void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        if (!scheduler.awaitTermination(budgetMax.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
          LOG.warn("A compaction of the embedded H2 file did not finish before shutdown");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  /** One check: compacts when the file has grown by a growth step or the interval has passed. */
  void tick() {
    long size = -1;
    try {
      if (store == null || store.getMvStore().isClosed()) {
        return;
      }
      size = fileSize();
      long grown = size - sizeAfterLast;
      Duration since = Duration.ofNanos(System.nanoTime() - lastCompaction);
      if (grown >= growth || since.compareTo(interval) >= 0) {
        Duration time = budgetFor(grown, since);
        if (!time.isZero()) {
          compact(time);
        }
      }
    } catch (RuntimeException e) {
      // Counted as a compaction, so a store that keeps failing is tried again after the next growth step or
      // interval, not at every check.
      lastCompaction = System.nanoTime();
      if (size >= 0) {
        sizeAfterLast = size;
      }
      LOG.warn("Compacting the embedded H2 file failed; it is tried again after {} KiB more or in {}: {}",
          growth / 1024, interval, e.toString());
    }
  }

  /**
   * The time one compaction may take after the file grew by {@code grown} bytes, {@code since} the end of the last
   * one: the budget per growth step, at most the maximum, and at most the share of the time since the last
   * compaction, so that under a long burst commits wait for compactions at most that share of the time. Zero when
   * that share is still below a tenth of one step's budget: the next check has more.
   */
  Duration budgetFor(long grown, Duration since) {
    long steps = Math.max(1, grown / growth);
    Duration wanted = budget.multipliedBy(steps);
    Duration allowed = Duration.ofNanos((long) (since.toNanos() * share));
    Duration time = wanted.compareTo(budgetMax) > 0 ? budgetMax : wanted;
    time = time.compareTo(allowed) > 0 ? allowed : time;
    return time.compareTo(budget.dividedBy(10)) < 0 ? Duration.ZERO : time;
  }

  private void compact(Duration time) {
    store.compactFile((int) Math.max(1, time.toMillis()));
    sizeAfterLast = fileSize();
    lastCompaction = System.nanoTime();
  }

  private long fileSize() {
    return store.getMvStore().getFileStore().size();
  }

  /** The H2 file store behind the data source; null on any other database, or an in-memory H2. */
  private Store store() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isWrapperFor(JdbcConnection.class)
          || connection.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
        return null;
      }
      if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
          && session.getDatabase().getStore() != null
          && session.getDatabase().getStore().getMvStore().getFileStore() != null) {
        return session.getDatabase().getStore();
      }
      return null;
    } catch (SQLException e) {
      LOG.warn("The database could not be asked whether it is an embedded H2 file: {}", e.toString());
      return null;
    }
  }
}
