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

/**
 * Keeps the embedded H2 file small while the application runs. The embedded default commits with
 * {@code WRITE_DELAY=0}, so a completed task is in the file before the official's request returns and a kill -9
 * loses nothing; but then H2 runs no background maintenance: every commit writes the changed pages anew, and the
 * space of the old ones is reclaimed only when the database closes. The file grew by several MiB per programme and
 * without bound while the application ran. This does what H2's own background writer would: at a fixed interval it
 * rewrites the file's mostly-stale parts and moves the live ones together, so the file shrinks, for at most
 * {@code axhub.embedded.compaction-time} each time (commits wait meanwhile). Committed data is never touched: H2
 * only moves pages of the latest committed state. Nothing happens on PostgreSQL or an in-memory H2.
 */
@Component
class EmbeddedFileCompaction {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFileCompaction.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final Duration budget;
  private ScheduledExecutorService scheduler;

  EmbeddedFileCompaction(DataSource dataSource,
      @Value("${axhub.embedded.compaction-interval:PT10S}") Duration interval,
      @Value("${axhub.embedded.compaction-time:PT0.2S}") Duration budget) {
    this.dataSource = dataSource;
    this.interval = interval;
    this.budget = budget;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (interval.isZero() || interval.isNegative() || store() == null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "embedded-file-compaction");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Embedded H2 file compacted every {} for at most {} ms", interval, budget.toMillis());
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
        if (!scheduler.awaitTermination(budget.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
          LOG.warn("A compaction of the embedded H2 file did not finish before shutdown");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  /** One compaction, for at most the budget; a failure is logged and the next interval tries again. */
  void compact() {
    try {
      Store store = store();
      if (store != null && !store.getMvStore().isClosed()) {
        store.compactFile((int) budget.toMillis());
      }
    } catch (RuntimeException e) {
      LOG.warn("Compacting the embedded H2 file failed; it is tried again in {}: {}", interval, e.toString());
    }
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
