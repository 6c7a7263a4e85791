package kr.axhub.funding.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The databases the benchmark runs on, each fresh: H2 files under {@code target/benchmark/h2} with the embedded
 * default's settings ({@code WRITE_DELAY=0;QUERY_CACHE_SIZE=256;DB_CLOSE_ON_EXIT=FALSE}), and databases of one embedded PostgreSQL server.
 */
final class Databases implements AutoCloseable {

  record Database(String kind, String url, String user, String password) {

    boolean postgres() {
      return kind.equals("PostgreSQL");
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** The same database, its statements counted per thread ({@link StatementCounter}). */
    Database counted() {
      return url.startsWith(StatementCounter.PREFIX) ? this
          : new Database(kind, StatementCounter.counted(url), user, password);
    }

    /** The JDBC driver's class for {@link #url()}. */
    String driver() {
      return url.startsWith(StatementCounter.PREFIX) ? StatementCounter.class.getName()
          : postgres() ? "org.postgresql.Driver" : "org.h2.Driver";
    }
  }

  private static final Path H2_DIRECTORY = Path.of("target", "benchmark", "h2");

  private EmbeddedPostgres postgres;

  /** A new, empty H2 file database with the embedded default's URL settings. */
  Database h2(String name) {
    try {
      Files.createDirectories(H2_DIRECTORY);
      try (Stream<Path> old = Files.list(H2_DIRECTORY)) {
        for (Path file : old.filter(f -> f.getFileName().toString().startsWith(name + ".")).toList()) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = H2_DIRECTORY.toAbsolutePath().resolve(name).toString();
    return new Database("H2", "jdbc:h2:file:" + path + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=256;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  /** The file of an H2 database made by {@link #h2(String)}. */
  static Path h2File(Database database) {
    String url = database.url();
    String path = url.substring(url.indexOf("h2:file:") + "h2:file:".length(), url.indexOf(';'));
    return Path.of(path + ".mv.db");
  }

  /** A new, empty database in the embedded PostgreSQL server, started on first use. */
  Database postgres(String name) {
    try {
      if (postgres == null) {
        File directory = new File("target/benchmark/postgres");
        deleteRecursively(directory.toPath());
        postgres = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(new File("target/benchmark/postgres-binaries"))
            .setDataDirectory(directory)
            .setCleanDataDirectory(true)
            .setRegisterShutdownHook(false)
            // Enough connections for the application's pool and the benchmark's own.
            .setServerConfig("max_connections", "200")
            .start();
      }
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
        statement.execute("CREATE DATABASE " + name);
      }
      return new Database("PostgreSQL", postgres.getJdbcUrl("postgres", name), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
