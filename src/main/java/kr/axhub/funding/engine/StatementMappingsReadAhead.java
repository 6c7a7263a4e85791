package kr.axhub.funding.engine;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts reading Camunda's statement mappings as soon as the application's settings are read, long before Spring
 * gets to build the engine (registered in {@code META-INF/spring.factories}, so it runs before any bean exists). The
 * database type comes from {@code camunda.bpm.database.type} or the JDBC URL, the prefix from
 * {@code camunda.bpm.database.table-prefix}; if the engine turns out to be on another database, the reading is not
 * used ({@link StatementMappingsPlugin}). {@code axhub.engine.read-mappings-ahead=false} switches it off.
 */
public class StatementMappingsReadAhead implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  static final String ENABLED = "axhub.engine.read-mappings-ahead";

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    if (!environment.getProperty(ENABLED, Boolean.class, true)) {
      return;
    }
    String databaseType = environment.getProperty("camunda.bpm.database.type");
    if (databaseType == null || databaseType.isBlank()) {
      databaseType = StatementMappings.databaseTypeOf(environment.getProperty("spring.datasource.url"));
    }
    if (databaseType == null) {
      return;
    }
    String prefix = environment.getProperty("camunda.bpm.database.table-prefix", "");
    StatementMappings.readAhead(new StatementMappings.Key(databaseType, prefix),
        event.getSpringApplication().getClassLoader());
  }
}
