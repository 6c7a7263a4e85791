package kr.axhub.funding.cluster;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time build its process engine on a shared PostgreSQL database. Camunda's own locks live in
 * its tables, so they cannot guard the moment before those tables exist: two nodes started together on an empty
 * database with schema updates on would both run the create scripts, and the slower one would fail on "relation
 * already exists". A PostgreSQL advisory lock, held from before the schema check until the engine is built, makes
 * the second node wait and then find the schema in place. Other databases (the embedded H2 default) are left alone.
 */
@Component
public class EngineBootstrapLock extends AbstractProcessEnginePlugin {

  /** Any constant shared by all nodes of the application; advisory locks are per database. */
  static final long LOCK_KEY = 0x4158_4855_4250_4DL;

  private static final Logger LOG = LoggerFactory.getLogger(EngineBootstrapLock.class);

  private final DataSource dataSource;
  private Connection holder;

  public EngineBootstrapLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        connection.close();
        return;
      }
      // Session-level lock on a connection of its own: it is not tied to any of the engine's transactions.
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      }
      holder = connection;
      LOG.info("Engine bootstrap lock acquired");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new ProcessEngineException("Could not take the engine bootstrap lock", e);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  /** Also on shutdown, in case the engine failed to build; closing the connection frees the lock in any case. */
  @PreDestroy
  synchronized void release() {
    if (holder == null) {
      return;
    }
    try (Statement statement = holder.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
    } catch (SQLException e) {
      LOG.warn("Engine bootstrap lock not released explicitly; it ends with its connection", e);
    } finally {
      closeQuietly(holder);
      holder = null;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the pool discards it
      }
    }
  }
}
