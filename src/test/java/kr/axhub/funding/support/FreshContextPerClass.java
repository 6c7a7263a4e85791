package kr.axhub.funding.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Every test class gets an application of its own, with its own in-memory database, although the test classes share
 * one JVM: after each class its application is closed and its in-memory database dropped. The JVM is shared so that
 * each application starts warm (about 3 s instead of 15); the applications are not, because the tests assert what
 * the engine holds (programme codes are unique, counts cover the whole engine), and because Camunda registers its
 * engines JVM-wide by name, so two open at once would answer for each other. Registered in
 * {@code META-INF/spring.factories}.
 */
public class FreshContextPerClass implements TestExecutionListener, Ordered {

  @Override
  public void afterTestClass(TestContext testContext) throws SQLException {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    String inMemory = inMemoryDatabase(testContext.getApplicationContext());
    testContext.markApplicationContextDirty(null);
    if (inMemory != null) {
      // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down; closing its pool is not enough.
      try (Connection connection = DriverManager.getConnection(inMemory, "sa", "");
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
  }

  private static String inMemoryDatabase(ApplicationContext context) throws SQLException {
    for (DataSource dataSource : context.getBeansOfType(DataSource.class).values()) {
      try (Connection connection = dataSource.getConnection()) {
        String url = connection.getMetaData().getURL();
        if (url.startsWith("jdbc:h2:mem:")) {
          return url;
        }
      }
    }
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
