package kr.axhub.funding.engine;

import java.sql.Connection;
import java.util.concurrent.ExecutionException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the engine the statement mappings read ahead ({@link StatementMappingsReadAhead}) instead of letting it read
 * them again. Before the engine's own set-up the plugin puts a session factory in place that settles on first use:
 * by then the engine has detected its database type and made its data source and transaction factory, so the
 * reading is used only if it was made for that type and table prefix, and the mappings are otherwise read there and
 * then, as the engine would have. The database, the transactions, the statement timeout and batch processing are
 * attached as the engine attaches them. Engines of another configuration class and engines sharing one session
 * factory read their mappings themselves; an engine given a factory already keeps it.
 */
@Component
public class StatementMappingsPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(StatementMappingsPlugin.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    StatementMappings.Reading reading = StatementMappings.take();
    if (reading == null || configuration.getClass() != SpringProcessEngineConfiguration.class
        || configuration.isUseSharedSqlSessionFactory() || configuration.getSqlSessionFactory() != null) {
      return;
    }
    configuration.setSqlSessionFactory(new SettledOnFirstUse(configuration, reading));
  }

  /** The engine's MyBatis session factory, made on its first use from the reading or from a reading made then. */
  static final class SettledOnFirstUse implements SqlSessionFactory {

    private final ProcessEngineConfigurationImpl engine;
    private final StatementMappings.Reading reading;
    private volatile SqlSessionFactory settled;

    SettledOnFirstUse(ProcessEngineConfigurationImpl engine, StatementMappings.Reading reading) {
      this.engine = engine;
      this.reading = reading;
    }

    /** Whether the engine runs on the mappings read ahead (once settled). */
    boolean readAhead() {
      return settled != null && settled.getConfiguration() == reading.mappings().getNow(null);
    }

    private SqlSessionFactory settled() {
      SqlSessionFactory factory = settled;
      if (factory == null) {
        synchronized (this) {
          factory = settled;
          if (factory == null) {
            factory = settle();
            settled = factory;
          }
        }
      }
      return factory;
    }

    private SqlSessionFactory settle() {
      StatementMappings.Key needed = new StatementMappings.Key(engine.getDatabaseType(),
          engine.getDatabaseTablePrefix());
      Configuration mappings = null;
      if (needed.equals(reading.key())) {
        try {
          mappings = reading.mappings().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          LOG.warn("Reading the engine's statement mappings ahead failed; reading them now", e.getCause());
        }
      } else {
        LOG.info("Statement mappings were read ahead for {}, the engine runs on {}; reading them now",
            reading.key(), needed);
      }
      if (mappings == null) {
        mappings = StatementMappings.read(needed);
      }
      mappings.setEnvironment(new Environment("default", engine.getTransactionFactory(), engine.getDataSource()));
      mappings.setDefaultStatementTimeout(engine.getJdbcStatementTimeout());
      if (engine.isJdbcBatchProcessing()) {
        mappings.setDefaultExecutorType(ExecutorType.BATCH);
      }
      return new DefaultSqlSessionFactory(mappings);
    }

    @Override
    public SqlSession openSession() {
      return settled().openSession();
    }

    @Override
    public SqlSession openSession(boolean autoCommit) {
      return settled().openSession(autoCommit);
    }

    @Override
    public SqlSession openSession(Connection connection) {
      return settled().openSession(connection);
    }

    @Override
    public SqlSession openSession(TransactionIsolationLevel level) {
      return settled().openSession(level);
    }

    @Override
    public SqlSession openSession(ExecutorType execType) {
      return settled().openSession(execType);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, boolean autoCommit) {
      return settled().openSession(execType, autoCommit);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, TransactionIsolationLevel level) {
      return settled().openSession(execType, level);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, Connection connection) {
      return settled().openSession(execType, connection);
    }

    @Override
    public Configuration getConfiguration() {
      return settled().getConfiguration();
    }
  }
}
