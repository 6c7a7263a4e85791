package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.axhub.funding.benchmark.Databases.Database;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The anchor of the REST part: Camunda's own REST API ({@code /engine-rest}, its JAX-RS resources on the Jersey the
 * application uses) over the bare engine with authorization and tenant checks on ({@link BareEngine}), in a plain
 * Tomcat on loopback. HTTP Basic goes through Camunda's {@link ProcessEngineAuthenticationFilter} with its
 * {@link HttpBasicAuthenticationProvider}: the password check, the official's groups and tenants, as the engine's
 * documentation sets it up. No Spring context, none of the application's plugins, filters or security.
 */
final class BareEngineRest implements AutoCloseable {

  static final String ENGINE_NAME = "default";

  private final ProcessEngine engine;
  private final Tomcat tomcat;
  private final int port;

  private BareEngineRest(ProcessEngine engine, Tomcat tomcat, int port) {
    this.engine = engine;
    this.tomcat = tomcat;
    this.port = port;
  }

  static BareEngineRest start(Database database) throws Exception {
    ProcessEngine engine = BareEngine.start(database, true, ENGINE_NAME);
    Tomcat tomcat = new Tomcat();
    Path base = Files.createDirectories(Path.of("target", "benchmark", "tomcat-bare"));
    tomcat.setBaseDir(base.toAbsolutePath().toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);

    FilterDef authentication = new FilterDef();
    authentication.setFilterName("camunda-auth");
    authentication.setFilter(new ProcessEngineAuthenticationFilter());
    authentication.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    authentication.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
    context.addFilterDef(authentication);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("camunda-auth");
    mapping.addURLPattern("/engine-rest/*");
    context.addFilterMap(mapping);

    CamundaJerseyResourceConfig resources = new CamundaJerseyResourceConfig();
    // Jersey's Spring bridge (on the class path for the application) finds no Spring context and steps aside.
    resources.afterPropertiesSet();
    Tomcat.addServlet(context, "engine-rest", new ServletContainer(resources));
    context.addServletMappingDecoded("/engine-rest/*", "engine-rest");
    tomcat.start();
    return new BareEngineRest(engine, tomcat, connector.getLocalPort());
  }

  ProcessEngine engine() {
    return engine;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IOException(e);
    }
    BareEngine.close(engine);
  }
}
