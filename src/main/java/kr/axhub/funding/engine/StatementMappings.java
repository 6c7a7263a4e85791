package kr.axhub.funding.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * Camunda's statement mappings, read as its engine reads them: {@code mappings.xml} and the mapping files it includes,
 * with the database type's SQL fragments and the table prefix filled in. Reading them is most of the time it takes
 * to build the engine on a fresh JVM (some 3 s of the start-up on 2 cores) and needs nothing of the engine but these
 * two values, so {@link StatementMappingsReadAhead} starts it on a thread of its own as soon as the application's
 * settings are known, and {@link StatementMappingsPlugin} hands the result to the engine when it is built. The
 * database and the transactions are attached then; until then the mappings are only text made into objects.
 */
final class StatementMappings {

  /** What the mappings depend on. */
  record Key(String databaseType, String tablePrefix) {
    Key {
      Objects.requireNonNull(databaseType, "databaseType");
      tablePrefix = tablePrefix == null ? "" : tablePrefix;
    }
  }

  /** One reading under way or done, for one engine. */
  record Reading(Key key, CompletableFuture<Configuration> mappings) {
  }

  /** The reading started for the application being started, until its engine takes it. */
  private static final AtomicReference<Reading> AHEAD = new AtomicReference<>();

  private StatementMappings() {
  }

  /** Starts reading the mappings for {@code key} on a daemon thread, in place of any reading not taken yet. */
  static Reading readAhead(Key key, ClassLoader classLoader) {
    CompletableFuture<Configuration> mappings = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        mappings.complete(read(key));
      } catch (RuntimeException | Error e) {
        mappings.completeExceptionally(e);
      }
    }, "engine-mappings-read-ahead");
    thread.setDaemon(true);
    thread.setContextClassLoader(classLoader);
    Reading reading = new Reading(key, mappings);
    AHEAD.set(reading);
    thread.start();
    return reading;
  }

  /** The reading started ahead, taken once: a MyBatis configuration belongs to one engine. */
  static Reading take() {
    return AHEAD.getAndSet(null);
  }

  /** Reads the mappings now, on the calling thread. */
  static Configuration read(Key key) {
    Properties properties = new Properties();
    properties.put("prefix", key.tablePrefix());
    ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, key.tablePrefix(), key.databaseType());
    String resource = ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE;
    try (InputStream stream = ProcessEngineConfigurationImpl.class.getClassLoader().getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalStateException("Camunda's statement mappings are missing: " + resource);
      }
      Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
      return new XMLConfigBuilder(reader, "", properties).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The engine's name for the database a JDBC URL points at, as Camunda detects it from the connection; null for a
   * database whose mappings are not read ahead (the engine then reads them itself).
   */
  static String databaseTypeOf(String jdbcUrl) {
    if (jdbcUrl == null) {
      return null;
    }
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return DbSqlSessionFactory.H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return DbSqlSessionFactory.POSTGRES;
    }
    return null;
  }
}
