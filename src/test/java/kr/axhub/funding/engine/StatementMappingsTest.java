package kr.axhub.funding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's statement mappings read ahead of its start: the application's engine runs on them, they are the
 * mappings the engine reads itself, and a reading made for another database is left unused.
 */
@SpringBootTest
@ActiveProfiles("test")
class StatementMappingsTest {

  @Autowired
  ProcessEngineConfigurationImpl application;

  @Test
  void theApplicationsEngineRunsOnTheMappingsReadAheadOfItsStart() {
    assertThat(application.getSqlSessionFactory()).isInstanceOf(StatementMappingsPlugin.SettledOnFirstUse.class);
    assertThat(((StatementMappingsPlugin.SettledOnFirstUse) application.getSqlSessionFactory()).readAhead())
        .as("the reading started when the settings were known, for the test profile's H2 database").isTrue();
    assertThat(application.getRepositoryService().createProcessDefinitionQuery().count()).isPositive();
  }

  @Test
  void theMappingsReadAheadAreThoseTheEngineReadsItself() {
    Configuration own = withEngine("mappings-own", configuration -> { }, engine -> { });
    StatementMappings.Reading reading = StatementMappings.readAhead(
        new StatementMappings.Key(DbSqlSessionFactory.H2, ""), getClass().getClassLoader());
    assertThat(StatementMappings.take()).isSameAs(reading);
    Configuration ahead = withEngine("mappings-ahead", configuration -> configuration.setSqlSessionFactory(
        new StatementMappingsPlugin.SettledOnFirstUse(configuration, reading)), StatementMappingsTest::runsAProcess);

    assertThat(ahead).isSameAs(reading.mappings().join());
    assertThat(ahead.getEnvironment().getDataSource()).isNotNull();
    assertThat(statements(ahead)).hasSize(statements(own).size()).isEqualTo(statements(own));
    assertThat(ahead.getResultMapNames()).containsExactlyInAnyOrderElementsOf(own.getResultMapNames());
    assertThat(ahead.getSqlFragments().keySet()).containsExactlyInAnyOrderElementsOf(own.getSqlFragments().keySet());
    assertThat(ahead.getVariables()).isEqualTo(own.getVariables());
    assertThat(ahead.getDefaultExecutorType()).isEqualTo(own.getDefaultExecutorType());
    assertThat(ahead.getDefaultStatementTimeout()).isEqualTo(own.getDefaultStatementTimeout());
  }

  @Test
  void aReadingForAnotherDatabaseIsLeftUnused() {
    StatementMappings.Reading reading = StatementMappings.readAhead(
        new StatementMappings.Key(DbSqlSessionFactory.POSTGRES, ""), getClass().getClassLoader());
    StatementMappings.take();
    StatementMappingsPlugin.SettledOnFirstUse[] factory = new StatementMappingsPlugin.SettledOnFirstUse[1];
    Configuration used = withEngine("mappings-other-database", configuration -> {
      factory[0] = new StatementMappingsPlugin.SettledOnFirstUse(configuration, reading);
      configuration.setSqlSessionFactory(factory[0]);
    }, StatementMappingsTest::runsAProcess);

    assertThat(factory[0].readAhead()).isFalse();
    assertThat(used).isNotSameAs(reading.mappings().join());
    assertThat(reading.mappings().join().getVariables().getProperty("bitand1")).isEmpty();
    assertThat(used.getVariables().getProperty("bitand1")).as("H2's own SQL").isEqualTo("BITAND(");
  }

  @Test
  void theDatabaseTypeIsTheEnginesNameForTheUrlsDatabase() {
    assertThat(StatementMappings.databaseTypeOf("jdbc:h2:file:./data/axhub;WRITE_DELAY=0")).isEqualTo("h2");
    assertThat(StatementMappings.databaseTypeOf("jdbc:h2:mem:test")).isEqualTo("h2");
    assertThat(StatementMappings.databaseTypeOf("jdbc:postgresql://db:5432/axhub")).isEqualTo("postgres");
    assertThat(StatementMappings.databaseTypeOf("JDBC:PostgreSQL://db/axhub")).isEqualTo("postgres");
    assertThat(StatementMappings.databaseTypeOf("jdbc:oracle:thin:@db:1521/axhub")).isNull();
    assertThat(StatementMappings.databaseTypeOf(null)).isNull();
  }

  /** Builds an in-memory H2 engine, lets {@code use} work with it and returns the mappings it ran on. */
  private static Configuration withEngine(String name, Consumer<ProcessEngineConfigurationImpl> before,
      Consumer<ProcessEngine> use) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    before.accept(configuration);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      use.accept(engine);
      return configuration.getSqlSessionFactory().getConfiguration();
    } finally {
      engine.close();
    }
  }

  private static void runsAProcess(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
        Bpmn.createExecutableProcess("wait").startEvent().userTask("decide").endEvent().done()).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("wait", "AX-MAPPINGS-2026");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("AX-MAPPINGS-2026")
        .listPage(0, 5)).hasSize(1);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(1);
  }

  /** Every mapped statement by id: its kind, result maps and, where it is static, its SQL. */
  private static Map<String, String> statements(Configuration mappings) {
    Map<String, String> statements = new TreeMap<>();
    for (Object entry : mappings.getMappedStatements()) {
      if (entry instanceof MappedStatement statement) {
        String sql = statement.getSqlSource() instanceof RawSqlSource raw ? raw.getBoundSql(null).getSql() : "dynamic";
        statements.put(statement.getId(), statement.getSqlCommandType() + " "
            + statement.getResultMaps().stream().map(ResultMap::getId).toList() + " " + sql);
      }
    }
    return statements;
  }
}
