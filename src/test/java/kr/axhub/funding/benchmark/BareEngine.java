package kr.axhub.funding.benchmark;

import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.sql.DataSource;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.deadline.DeadlinePlugin;
import kr.axhub.funding.deadline.DeadlineProperties;
import kr.axhub.funding.deadline.Deadlines;
import kr.axhub.funding.deadline.RecordMissedDeadlineListener;
import kr.axhub.funding.identity.IdentitySetup;
import kr.axhub.funding.security.RegionTenantProvider;
import kr.axhub.funding.kickoff.KickoffElements;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.spin.DataFormats;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bare Camunda engine the application is compared with: a standalone engine on the same database kind, history
 * level and models, with only the Spin plugin the models need (JSON lists), and none of the application: no input
 * validation, tenant provider, notifications, authorization or Spring. The beans the models name are stand-ins
 * returning constants, so the bare engine walks exactly the same steps. Its variant with authorization adds only
 * what the engine needs to check officials as the application does: authorization and tenant checks, the
 * application's grants and region tenants.
 */
final class BareEngine {

  private BareEngine() {}

  /** The models' expressions reach these; the application's versions compute deadlines, notices and reports. */
  /** The budget cycle wait of the zero-appropriation hold. */
  public static final class FixedSettings {
    public String getNextBudgetCycle() {
      return "P6M";
    }
  }

  /**
   * Starts the bare engine. With {@code authorized}, Camunda's authorization and tenant checks are on, the
   * application's groups, region tenants and grants are set up as the application sets them up
   * ({@link IdentitySetup#setUpGroupsAndGrants}), and each programme belongs to its region's tenant (the application's
   * {@link RegionTenantProvider}): the fair anchor for the application, whose
   * officials work under the same checks.
   */
  static ProcessEngine start(Database database, boolean authorized) throws IOException {
    return start(database, authorized, "bare-" + database.kind() + (authorized ? "-authorized" : ""));
  }

  /** The same engine under a given name: Camunda's REST API serves the engine named {@code default}. */
  static ProcessEngine start(Database database, boolean authorized, String name) throws IOException {
    // As quiet as the application's runs (logging.level.root=WARN): logback's default would log every statement.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setDataSource(pool(database));
    // The application's ids (Camunda's Spring Boot default): the engine's default takes blocks of ids in a
    // transaction of its own, on a second connection, so that with every connection held by a request waiting for
    // a block, 100 officials at once left the pool empty until its timeout.
    configuration.setIdGenerator(new StrongUuidGenerator());
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    configuration.setDefaultSerializationFormat("application/json");
    configuration.setMetricsEnabled(false);
    configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    // The deadline every user task has, as the models had it drawn before: a due date and a timer per task.
    configuration.getProcessEnginePlugins().add(new DeadlinePlugin(new RecordMissedDeadlineListener()));
    if (authorized) {
      configuration.setAuthorizationEnabled(true);
      configuration.setTenantCheckEnabled(true);
      configuration.setTenantIdProvider(new RegionTenantProvider());
      // As the application's generic properties: readable hyphenated ids (region-planners).
      configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9-]+");
    }
    configuration.setBeans(Map.of(
        "deadlines", new Deadlines(new DeadlineProperties(null, null)),
        "pipelineSettings", new FixedSettings(),
        "reportExemptionToAssemblyDelegate", (JavaDelegate) execution -> { },
        "recordPanelComposition", (TaskListener) task -> {
          // The evaluation reads the panel's size; the application counts the eligible members of the list.
          task.getExecution().setVariable(KickoffElements.ELIGIBLE_PANEL_SIZE, 5L);
          task.getExecution().setVariable(KickoffElements.EXCLUDED_PANEL_MEMBERS, "");
        }));
    ProcessEngine engine = configuration.buildProcessEngine();
    // Decision inputs such as the proposal date are java.time values; the application's Spin registers this module.
    ((JacksonJsonDataFormat) DataFormats.getDataFormat(DataFormats.JSON_DATAFORMAT_NAME)).getObjectMapper()
        .registerModule(new JavaTimeModule());
    deployModels(engine);
    if (authorized) {
      IdentitySetup.setUpGroupsAndGrants(engine);
    }
    return engine;
  }

  /**
   * The application's connection pool: Hikari, 10 connections on H2 (Spring Boot's default) and 20 on PostgreSQL
   * (application-postgres.yaml), 30 s to wait for one. Camunda's own pool (MyBatis) takes back a connection held
   * longer than 20 s and hands it to the next waiting request, which under 100 officials at once failed requests
   * whose work had been committed.
   */
  private static HikariDataSource pool(Database database) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(database.kind() + "-bare");
    config.setJdbcUrl(database.url());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setDriverClassName(database.driver());
    config.setMaximumPoolSize(database.kind().equals("H2") ? 10 : 20);
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
  }

  /** Closes the engine, then its connection pool. */
  static void close(ProcessEngine engine) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    engine.close();
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }

  /** The application's models from the class path, as its auto-deployment finds them. */
  private static void deployModels(ProcessEngine engine) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bare");
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : new String[] {"classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn",
        "classpath*:processes/**/*.form"}) {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          deployment.addInputStream(resource.getFilename(), in);
        }
      }
    }
    deployment.deploy();
  }
}
