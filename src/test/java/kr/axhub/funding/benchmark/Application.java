package kr.axhub.funding.benchmark;

import java.util.ArrayList;
import java.util.List;
import kr.axhub.funding.FundingPipelineApplication;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application itself, in this JVM, on a given database: every plugin, listener, authorization and tenant check
 * of production, the web server on a free loopback port, no demo data (profile {@code benchmark} replaces
 * {@code default}), jobs run by hand (the job executor is off) and mail recorded but not sent (no mail server).
 * One at a time: Camunda's engine registry is JVM-global.
 */
final class Application implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "benchmark-admin";

  private final ConfigurableApplicationContext context;

  private Application(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static Application start(Database database, String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.driver-class-name=" + database.driver(),
        "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + database.password(),
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--axhub.admin.password=" + ADMIN_PASSWORD,
        "--camunda.bpm.job-execution.enabled=false",
        "--axhub.notifications.scheduling-enabled=false",
        "--logging.level.root=WARN",
        "--logging.level.org.camunda.bpm.engine.context=OFF",
        "--spring.main.banner-mode=off"));
    if (database.postgres()) {
      arguments.add("--spring.profiles.active=postgres,benchmark");
      arguments.add("--camunda.bpm.database.schema-update=true");
      // The benchmark's clients speak plain HTTP on loopback.
      arguments.add("--server.servlet.session.cookie.secure=false");
    } else {
      arguments.add("--spring.profiles.active=benchmark");
    }
    arguments.addAll(List.of(extraArguments));
    return new Application(new SpringApplicationBuilder(FundingPipelineApplication.class)
        .run(arguments.toArray(String[]::new)));
  }

  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * The officials of the step sequence, created as the README sets up real ones (a group, and the region tenants
   * they work for); password {@link Officials#PASSWORD}.
   */
  void createOfficials() {
    createOfficials(engine());
  }

  /** The same officials in any engine that has the application's groups and tenants. */
  static void createOfficials(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (String[] official : ProgrammeWalk.officials(Officials.REGIONS)) {
      if (official[2] == null) {
        Officials.national(identity, official[0], official[1]);
      } else {
        Officials.regional(identity, official[0], official[1], official[2]);
      }
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
