package kr.axhub.funding.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Counts the SQL statements each thread executes, whoever issues them (the engine's MyBatis mappers, the
 * application's own JDBC): a JDBC driver for URLs {@code jdbc:counted:<the real URL without "jdbc:">} that hands out
 * the real driver's connections, counting every execution. Counts are per thread, so the benchmark reads the
 * statements of one step as the difference before and after it; by statement text they are collected only while a
 * thread has a label set ({@link #label(String)}), to show which statements make a difference between engines.
 */
public final class StatementCounter implements Driver {

  static final String PREFIX = "jdbc:counted:";

  private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);
  private static final ThreadLocal<String> LABEL = new ThreadLocal<>();
  private static final Map<String, LongAdder> BY_TEXT = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new StatementCounter());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Hikari and Camunda create the driver from its class name. */
  public StatementCounter() {}

  /** The counted form of a JDBC URL. */
  static String counted(String url) {
    return PREFIX + url.substring("jdbc:".length());
  }

  /** Statements this thread has executed so far. */
  static long count() {
    return COUNT.get()[0];
  }

  /** Collects this thread's statements by text under the label until it is set to null. */
  static void label(String label) {
    LABEL.set(label);
  }

  /** Statement executions by "label | statement", since the last {@link #clearTexts()}. */
  static Map<String, LongAdder> texts() {
    return BY_TEXT;
  }

  static void clearTexts() {
    BY_TEXT.clear();
  }

  private static void executed(Object sql) {
    COUNT.get()[0]++;
    String label = LABEL.get();
    if (label != null) {
      String text = sql == null ? "?" : sql.toString().replaceAll("\\s+", " ").trim();
      BY_TEXT.computeIfAbsent(label + " | " + (text.length() > 160 ? text.substring(0, 160) : text),
          key -> new LongAdder()).increment();
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
    return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Counting(real, null));
  }

  /** Forwards every call; counts executions and wraps the statements a connection hands out. */
  private record Counting(Object target, String sql) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (target instanceof Statement && name.startsWith("execute")) {
        executed(args != null && args.length > 0 && args[0] instanceof String text ? text : sql);
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (target instanceof Connection && result instanceof Statement statement) {
        Class<?> type = result instanceof CallableStatement ? CallableStatement.class
            : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        String text = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
            new Counting(statement, text));
      }
      return result;
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
