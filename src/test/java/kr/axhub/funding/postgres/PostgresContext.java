package kr.axhub.funding.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The embedded PostgreSQL a Spring test context runs the application on. It is started before the context: the web
 * server and its security filters (which need the engine, hence the database) are created before a
 * {@code DynamicPropertyRegistrar} would be applied, so the URL must be known up front. The test's configuration then
 * hands it to the context as a bean, stopped only after the data source, so the engine shuts down on a live database.
 */
final class PostgresContext {

  private PostgresContext() {}

  /** A server of the test class's own (test classes share a JVM, and each context stops its server). */
  static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-pg"))
          .setRegisterShutdownHook(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application's data source on that server. */
  static void dataSource(DynamicPropertyRegistry registry, EmbeddedPostgres postgres) {
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  /** The data source is created after the server's bean, so it is closed before the server stops. */
  static BeanFactoryPostProcessor dataSourceAfterPostgres() {
    return beanFactory -> beanFactory.getBeanDefinition("dataSource").setDependsOn("embeddedPostgres");
  }
}
