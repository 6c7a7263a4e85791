package kr.axhub.funding.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import kr.axhub.funding.benchmark.Databases.Database;

/**
 * Copies programmes the engine produced ("templates") into many more, with SQL on PostgreSQL: every row of a
 * template's history (process, activity, task, variable, detail, operation log, identity link, decision, job log,
 * incident instances and their byte arrays) and, for a template still running, its runtime rows (executions, task,
 * candidate link, task authorization, variables, timer job). Driving 100,000 programmes through the engine would take
 * hours; a copy is a programme the engine could have written.
 *
 * <p>Copy {@code n} of template {@code n % templates} gets:
 * <ul>
 *   <li>every id that belongs to one programme (instance, execution, activity instance, task, variable, byte array,
 *       operation, job, decision instance ids...) with the last 12 hex digits of its UUID — the generator's node,
 *       the same in all ids of one run — replaced by {@code n} in hex: unique, and no longer than the column allows
 *       (activity instance ids already fill it); ids shared by all programmes (process and decision definitions,
 *       deployment, job definitions, tenants, users, groups) unchanged;
 *   <li>a business key of its own, {@link #code(long)}; an R&D task's kickoff keeps its {@code /TASK} part;
 *   <li>every timestamp moved back by {@code n × spacing}, so copies spread over the years before the templates.
 * </ul>
 * Any column named like an id that is in neither list stops the copy, so a new engine version cannot slip an
 * unsuffixed per-programme id in.
 */
final class GrowthClones {

  /** Columns holding ids of one programme's rows. */
  private static final Set<String> PER_PROGRAMME = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_",
      "EXECUTION_ID_", "ACT_INST_ID_", "PARENT_ACT_INST_ID_", "TASK_ID_", "PARENT_TASK_ID_", "CALL_PROC_INST_ID_",
      "CALL_CASE_INST_ID_", "SUPER_PROCESS_INSTANCE_ID_", "SUPER_CASE_INSTANCE_ID_", "CASE_INST_ID_",
      "CASE_EXECUTION_ID_", "BYTEARRAY_ID_", "VAR_INST_ID_", "OPERATION_ID_", "JOB_ID_", "PROCESS_INSTANCE_ID_",
      "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "JOB_EXCEPTION_STACK_ID_", "EXCEPTION_STACK_ID_", "CAUSE_INCIDENT_ID_",
      "ROOT_CAUSE_INCIDENT_ID_", "CONFIGURATION_", "HISTORY_CONFIGURATION_", "RESTARTED_PROC_INST_ID_",
      "CONTENT_ID_", "ERROR_DETAILS_ID_", "EXT_TASK_ID_", "EXTERNAL_TASK_ID_", "PARENT_ID_", "SUPER_EXEC_", "VAR_SCOPE_",
      "LAST_FAILURE_LOG_ID_", "RESOURCE_ID_");
  /** Columns holding ids shared by every programme. */
  private static final Set<String> SHARED = Set.of("PROC_DEF_ID_", "DEPLOYMENT_ID_", "DEC_DEF_ID_", "JOB_DEF_ID_",
      "TENANT_ID_", "USER_ID_", "START_USER_ID_", "GROUP_ID_", "ASSIGNER_ID_", "CASE_DEF_ID_", "CLAUSE_ID_",
      "RULE_ID_", "DEC_REQ_ID_", "ACT_ID_", "FAILED_ACT_ID_", "START_ACT_ID_", "END_ACT_ID_", "ACTIVITY_ID_",
      "FAILED_ACTIVITY_ID_", "BATCH_ID_", "WORKER_ID_", "PROCESS_DEF_ID_", "SEED_JOB_DEF_ID_",
      "MONITOR_JOB_DEF_ID_", "BATCH_JOB_DEF_ID_", "CREATE_USER_ID_", "CASE_ACT_ID_");

  /** A table and the rows of it that belong to template {@code t} (its root process instance id is {@code t.ROOT}). */
  private record Part(String table, String owned) {}

  private static final String UUID_AT_END = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  private static final String TASKS_OF_TEMPLATE = "(SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = t.ROOT)";

  /** Largest first, so the connections finish at about the same time. */
  private static final List<Part> PARTS = List.of(
      new Part("ACT_HI_DETAIL", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_VARINST", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_ACTINST", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_JOB_LOG", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_OP_LOG", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_TASKINST", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_IDENTITYLINK", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      // History byte arrays carry their root; runtime ones (variables of a running programme) do not.
      new Part("ACT_GE_BYTEARRAY", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_DEC_OUT", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_DEC_IN", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_DECINST", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_PROCINST", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_INCIDENT", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_COMMENT", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_ATTACHMENT", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_HI_EXT_TASK_LOG", "h.ROOT_PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_GE_BYTEARRAY",
          "h.ID_ IN (SELECT BYTEARRAY_ID_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = t.ROOT)"),
      new Part("ACT_RU_EXECUTION", "h.PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_RU_TASK", "h.PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_RU_IDENTITYLINK", "h.TASK_ID_ IN " + TASKS_OF_TEMPLATE),
      new Part("ACT_RU_AUTHORIZATION", "h.RESOURCE_TYPE_ = 7 AND h.RESOURCE_ID_ IN " + TASKS_OF_TEMPLATE),
      new Part("ACT_RU_VARIABLE", "h.PROC_INST_ID_ = t.ROOT"),
      new Part("ACT_RU_JOB", "h.PROCESS_INSTANCE_ID_ = t.ROOT"),
      new Part("ACT_RU_EVENT_SUBSCR", "h.PROC_INST_ID_ = t.ROOT"));

  private final Database database;
  private final int threads;
  private final Map<String, List<Column>> columns = new LinkedHashMap<>();

  private record Column(String name, boolean timestamp) {}

  /** Copies with {@code threads} connections at once, one table per connection (a running template's runtime
   * tables in order, for their foreign keys). */
  GrowthClones(Database database, int threads) throws SQLException {
    this.database = database;
    this.threads = threads;
    try (Connection connection = database.connect()) {
      for (Part part : PARTS) {
        if (!columns.containsKey(part.table())) {
          columns.put(part.table(), columnsOf(connection, part.table()));
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS growth_template (slot int PRIMARY KEY, root varchar(64))");
      }
    }
  }

  /** The business key of copy {@code n}: {@code AX-H} and two letters, a dash and four digits. */
  static String code(long n) {
    long block = n / 10_000;
    return "AX-H" + (char) ('A' + block / 26 % 26) + (char) ('A' + block % 26) + "-" + String.format("%04d", n % 10_000);
  }

  private static String codeSql() {
    return "('AX-H' || chr(65 + (g / 10000 / 26 % 26)::int) || chr(65 + (g / 10000 % 26)::int) || '-' "
        + "|| lpad((g % 10000)::text, 4, '0'))";
  }

  /**
   * Adds copies {@code from} (inclusive) to {@code to} (exclusive) of the templates, given by their root process
   * instance ids (copy n is of template n % size; a template may be listed several times to weigh it); returns the
   * number of rows written per table.
   */
  Map<String, Long> copy(List<String> templates, long from, long to, Duration spacing) throws Exception {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE growth_template");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO growth_template VALUES (?, ?)")) {
        for (int i = 0; i < templates.size(); i++) {
          insert.setInt(1, i);
          insert.setString(2, templates.get(i));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("ANALYZE growth_template");
      requireUuids(statement);
    }
    List<List<Part>> work = new ArrayList<>();
    List<Part> runtime = new ArrayList<>();
    for (Part part : PARTS) {
      if (part.table().startsWith("ACT_RU_") || part.owned().contains("ACT_RU_")) {
        runtime.add(part);
      } else {
        work.add(List.of(part));
      }
    }
    work.add(runtime);
    Map<String, Long> written = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<Part> parts : work) {
        done.add(pool.submit(() -> {
          copy(parts, templates.size(), from, to, spacing, written);
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    columns.keySet().forEach(table -> ordered.put(table, written.getOrDefault(table, 0L)));
    return ordered;
  }

  private void copy(List<Part> parts, int templates, long from, long to, Duration spacing, Map<String, Long> written)
      throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // A bulk load of the benchmark's own: no need to wait for each WAL flush.
        statement.execute("SET LOCAL synchronous_commit = off");
        for (Part part : parts) {
          long started = System.nanoTime();
          long rows = statement.executeUpdate(copySql(part, templates, from, to, spacing));
          written.merge(part.table(), rows, Long::sum);
          if (Boolean.getBoolean("bench.growth.trace")) {
            System.out.printf("  %s: %,d rows in %,d ms%n", part.table(), rows,
                (System.nanoTime() - started) / 1_000_000);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Every per-programme id of the templates must end in a UUID for {@link #value} to renumber it. */
  private void requireUuids(Statement statement) throws SQLException {
    for (Part part : PARTS) {
      for (Column column : columns.get(part.table())) {
        if (!PER_PROGRAMME.contains(column.name())) {
          continue;
        }
        try (ResultSet found = statement.executeQuery("SELECT min(h." + column.name() + ") FROM growth_template t JOIN "
            + part.table() + " h ON " + part.owned() + " WHERE h." + column.name() + " !~ '" + UUID_AT_END + "'")) {
          found.next();
          if (found.getString(1) != null) {
            throw new IllegalStateException(part.table() + "." + column.name() + " holds an id that does not end in "
                + "a UUID: " + found.getString(1));
          }
        }
      }
    }
  }

  private String copySql(Part part, int templates, long from, long to, Duration spacing) {
    List<Column> cols = columns.get(part.table());
    String names = cols.stream().map(Column::name).collect(Collectors.joining(", "));
    String values = cols.stream().map(c -> value(part.table(), c, spacing)).collect(Collectors.joining(", "));
    // The templates' rows are found once, then repeated for every copy.
    return "INSERT INTO " + part.table() + " (" + names + ") WITH h AS MATERIALIZED (SELECT h.*, t.slot AS growth_slot"
        + " FROM growth_template t JOIN " + part.table() + " h ON " + part.owned() + ") SELECT " + values
        + " FROM generate_series(" + from + "::bigint, " + (to - 1) + "::bigint) g"
        + " JOIN h ON h.growth_slot = g % " + templates;
  }

  private static String value(String table, Column column, Duration spacing) {
    String name = column.name();
    String h = "h." + name;
    if (column.timestamp()) {
      return h + " - g * interval '" + spacing.toSeconds() + " seconds'";
    }
    if (name.equals("BUSINESS_KEY_")) {
      return "CASE WHEN " + h + " IS NULL THEN NULL WHEN position('/' in " + h + ") > 0 THEN " + codeSql() + " || substr(" + h + ", position('/' in "
          + h + ")) ELSE " + codeSql() + " END";
    }
    if (name.equals("TEXT_") && (table.equals("ACT_HI_VARINST") || table.equals("ACT_HI_DETAIL")
        || table.equals("ACT_RU_VARIABLE"))) {
      return "CASE WHEN h.NAME_ = 'programmeCode' THEN " + codeSql() + " ELSE " + h + " END";
    }
    if (PER_PROGRAMME.contains(name)) {
      // The node part of the id's UUID becomes the copy's number (NULL stays NULL); ids keep their length.
      return "left(" + h + ", length(" + h + ") - 12) || lpad(to_hex(g), 12, '0')";
    }
    return h;
  }

  private static List<Column> columnsOf(Connection connection, String table) {
    List<Column> result = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type FROM "
        + "information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
        + "ORDER BY ordinal_position")) {
      query.setString(1, table.toLowerCase());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1).toUpperCase();
          if (name.endsWith("ID_") && !PER_PROGRAMME.contains(name) && !SHARED.contains(name)) {
            throw new IllegalStateException(table + "." + name + " is not known as a per-programme or shared id");
          }
          result.add(new Column(name, rows.getString(2).startsWith("timestamp")));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (result.isEmpty()) {
      throw new IllegalStateException("No table " + table);
    }
    return result;
  }
}
