package kr.axhub.funding.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The embedded H2 file under a burst of commits, each rewriting rows as a task completion rewrites its execution and
 * variables: with the compaction following the volume written, the file stays near its live size while the burst
 * lasts, and every committed row is there afterwards.
 */
class EmbeddedFileCompactionTest {

  private static final int ROWS = 200;
  private static final int COMMITS = 1_500;

  @TempDir
  Path dir;

  @Test
  void theFileStaysNearItsLiveSizeWhileABurstIsWritten() throws Exception {
    JdbcDataSource uncompacted = dataSource("uncompacted");
    long grownWithout = burst(uncompacted);

    JdbcDataSource compacted = dataSource("compacted");
    EmbeddedFileCompaction compaction = new EmbeddedFileCompaction(compacted, Duration.ofSeconds(10),
        Duration.ofMillis(50), DataSize.ofMegabytes(1), Duration.ofMillis(50), Duration.ofMillis(500), 0.5);
    long largestWith;
    try (Connection holder = compacted.getConnection()) {
      compaction.start();
      try {
        largestWith = burst(compacted);
      } finally {
        compaction.stop();
      }
      assertThat(revisions(holder)).as("every row as its last commit wrote it").isEqualTo(lastRevisions());
    }
    try (Connection reopened = compacted.getConnection()) {
      assertThat(revisions(reopened)).as("every row as its last commit wrote it, after reopening the file")
          .isEqualTo(lastRevisions());
    }

    assertThat(grownWithout).as("the burst without compaction grows the file by far more than its live data")
        .isGreaterThan(20L << 20);
    assertThat(largestWith).as("the largest file seen during the burst, compacted as the volume written asks")
        .isLessThan(grownWithout / 4);
  }

  @Test
  void aCompactionRunsLongerTheMoreWasWrittenUpToItsLimitsInTimeAndShare() {
    EmbeddedFileCompaction compaction = new EmbeddedFileCompaction(new JdbcDataSource(), Duration.ofSeconds(10),
        Duration.ofSeconds(1), DataSize.ofMegabytes(8), Duration.ofMillis(200), Duration.ofSeconds(2), 0.2);
    Duration idle = Duration.ofMinutes(1);
    assertThat(compaction.budgetFor(0, idle)).isEqualTo(Duration.ofMillis(200));
    assertThat(compaction.budgetFor(8L << 20, idle)).isEqualTo(Duration.ofMillis(200));
    assertThat(compaction.budgetFor(40L << 20, idle)).isEqualTo(Duration.ofMillis(1000));
    assertThat(compaction.budgetFor(800L << 20, idle)).isEqualTo(Duration.ofSeconds(2));
    // Under a burst: at most a fifth of the time since the last compaction, nothing while that is under 20 ms.
    assertThat(compaction.budgetFor(40L << 20, Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(400));
    assertThat(compaction.budgetFor(40L << 20, Duration.ofMillis(50))).isEqualTo(Duration.ZERO);
  }

  /** Commits the burst and returns the largest file size seen while it ran. */
  private long burst(JdbcDataSource dataSource) throws Exception {
    long largest = 0;
    String payload = "x".repeat(2_000);
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE ROWS_ (ID_ INT PRIMARY KEY, REV_ INT, TEXT_ VARCHAR(4000))");
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ROWS_ VALUES (?, 0, ?)")) {
        for (int id = 0; id < ROWS; id++) {
          insert.setInt(1, id);
          insert.setString(2, payload);
          insert.executeUpdate();
        }
      }
      connection.setAutoCommit(false);
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE ROWS_ SET REV_ = ?, TEXT_ = ? WHERE ID_ = ?")) {
        for (int commit = 1; commit < COMMITS; commit++) {
          for (int id = commit % 10; id < ROWS; id += 10) {
            update.setInt(1, commit);
            update.setString(2, payload + commit);
            update.setInt(3, id);
            update.executeUpdate();
          }
          connection.commit();
          largest = Math.max(largest, Files.size(file(dataSource)));
        }
      }
    }
    return largest;
  }

  /** The sum of every row's revision after the burst: each row was last written by the last commit of its tenth. */
  private static long lastRevisions() {
    long sum = 0;
    for (int id = 0; id < ROWS; id++) {
      int last = COMMITS - 1;
      while (last % 10 != id % 10) {
        last--;
      }
      sum += last;
    }
    return sum;
  }

  private long revisions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet sum = statement.executeQuery("SELECT SUM(REV_) FROM ROWS_")) {
      sum.next();
      return sum.getLong(1);
    }
  }

  private JdbcDataSource dataSource(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=256;DB_CLOSE_ON_EXIT=FALSE");
    dataSource.setUser("sa");
    return dataSource;
  }

  private Path file(JdbcDataSource dataSource) {
    return Path.of(dataSource.getURL().substring("jdbc:h2:file:".length(), dataSource.getURL().indexOf(';'))
        + ".mv.db");
  }
}
