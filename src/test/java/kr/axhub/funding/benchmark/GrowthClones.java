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
 * Any column named like an id that is in neither list stops the copy, so a new engine version cannot slip a shared
 * per-programme id in; so does a per-programme id that does not end in a UUID.
 *
 * <p>Tables are copied over several connections at once. A large copy goes into tables without their secondary
 * indexes, which are built again afterwards: several times faster than updating some 90 indexes row by row, and the
 * indexes end up as compact as after a REINDEX.
 */
final class GrowthClones {

  /** Columns holding ids of one programme's rows. */
  private static final Set<String> PER_PROGRAMME = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_",
      "EXECUTION_ID_", "ACT_INST_ID_", "PARENT_ACT_INST_ID_", "TASK_ID_", "PARENT_TASK_ID_", "CALL_PROC_INST_ID_",
      "CALL_CASE_INST_ID_", "SUPER_PROCESS_INSTANCE_ID_", "SUPER_CASE_INSTANCE_ID_", "CASE_INST_ID_",
      "CASE_EXECUTION_ID_", "BYTEARRAY_ID_", "VAR_INST_ID_", "OPERATION_ID_", "JOB_ID_", "PROCESS_INSTANCE_ID_",
      "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "JOB_EXCEPTION_STACK_ID_", "EXCEPTION_STACK_ID_", "CAUSE_INCIDENT_ID_",
      "ROOT_CAUSE_INCIDENT_ID_", "CONFIGURATION_", "HISTORY_CONFIGURATION_", "RESTARTED_PROC_INST_ID_",
      "CONTENT_ID_", "ERROR_DETAILS_ID_", "EXT_TASK_ID_", "EXTERNAL_TASK_ID_", "PARENT_ID_", "SUPER_EXEC_",
      "VAR_SCOPE_", "LAST_FAILURE_LOG_ID_", "RESOURCE_ID_");
  /** Columns holding ids shared by every programme. */
  private static final Set<String> SHARED = Set.of("PROC_DEF_ID_", "DEPLOYMENT_ID_", "DEC_DEF_ID_", "JOB_DEF_ID_",
      "TENANT_ID_", "USER_ID_", "START_USER_ID_", "GROUP_ID_", "ASSIGNER_ID_", "CASE_DEF_ID_", "CLAUSE_ID_",
      "RULE_ID_", "DEC_REQ_ID_", "ACT_ID_", "FAILED_ACT_ID_", "START_ACT_ID_", "END_ACT_ID_", "ACTIVITY_ID_",
      "FAILED_ACTIVITY_ID_", "BATCH_ID_", "WORKER_ID_", "PROCESS_DEF_ID_", "SEED_JOB_DEF_ID_",
      "MONITOR_JOB_DEF_ID_", "BATCH_JOB_DEF_ID_", "CREATE_USER_ID_", "CASE_ACT_ID_");

  /**
   * A table and how its rows of template {@code t} are found: {@code source} joins {@code growth_template t} to the
   * table as {@code h}.
   */
  private record Part(String table, String source) {

    static Part byRoot(String table) {
      return new Part(table, "growth_template t JOIN " + table + " h ON h.ROOT_PROC_INST_ID_ = t.ROOT");
    }

    static Part byInstance(String table, String column) {
      return new Part(table, "growth_template t JOIN " + table + " h ON h." + column + " = t.ROOT");
    }

    boolean runtime() {
      return source.contains("ACT_RU_");
    }
  }

  private static final String UUID_AT_END = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  private static final String TASKS_OF_TEMPLATE = "growth_template t JOIN ACT_RU_TASK k ON k.PROC_INST_ID_ = t.ROOT";

  /** Largest first, so the connections finish at about the same time. */
  private static final List<Part> PARTS = List.of(
      Part.byRoot("ACT_HI_DETAIL"),
      Part.byRoot("ACT_HI_VARINST"),
      Part.byRoot("ACT_HI_ACTINST"),
      Part.byRoot("ACT_HI_JOB_LOG"),
      Part.byRoot("ACT_HI_OP_LOG"),
      Part.byRoot("ACT_HI_TASKINST"),
      Part.byRoot("ACT_HI_IDENTITYLINK"),
      // History byte arrays carry their root; runtime ones (variables of a running programme) do not.
      Part.byRoot("ACT_GE_BYTEARRAY"),
      Part.byRoot("ACT_HI_DEC_OUT"),
      Part.byRoot("ACT_HI_DEC_IN"),
      Part.byRoot("ACT_HI_DECINST"),
      Part.byRoot("ACT_HI_PROCINST"),
      Part.byRoot("ACT_HI_INCIDENT"),
      Part.byRoot("ACT_HI_COMMENT"),
      Part.byRoot("ACT_HI_ATTACHMENT"),
      Part.byRoot("ACT_HI_EXT_TASK_LOG"),
      // A running template's runtime rows, in the order their foreign keys need.
      new Part("ACT_GE_BYTEARRAY", "growth_template t JOIN ACT_RU_VARIABLE v ON v.PROC_INST_ID_ = t.ROOT"
          + " JOIN ACT_GE_BYTEARRAY h ON h.ID_ = v.BYTEARRAY_ID_"),
      Part.byInstance("ACT_RU_EXECUTION", "PROC_INST_ID_"),
      Part.byInstance("ACT_RU_TASK", "PROC_INST_ID_"),
      new Part("ACT_RU_IDENTITYLINK", TASKS_OF_TEMPLATE + " JOIN ACT_RU_IDENTITYLINK h ON h.TASK_ID_ = k.ID_"),
      new Part("ACT_RU_AUTHORIZATION", TASKS_OF_TEMPLATE
          + " JOIN ACT_RU_AUTHORIZATION h ON h.RESOURCE_TYPE_ = 7 AND h.RESOURCE_ID_ = k.ID_"),
      Part.byInstance("ACT_RU_VARIABLE", "PROC_INST_ID_"),
      Part.byInstance("ACT_RU_JOB", "PROCESS_INSTANCE_ID_"),
      Part.byInstance("ACT_RU_EVENT_SUBSCR", "PROC_INST_ID_"));

  /** Copies of at least this many programmes go into tables without their secondary indexes. */
  private static final long REBUILD_FROM = 1_000;

  private final Database database;
  private final int threads;
  private final Map<String, List<Column>> columns = new LinkedHashMap<>();

  private record Column(String name, boolean timestamp) {}

  /**
   * Copies with {@code threads} connections at once, one table per connection; a running template's runtime tables
   * on one, in the order their foreign keys need.
   */
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
        statement.execute("CREATE TABLE IF NOT EXISTS growth_template (batch int, slot int, root varchar(64), "
            + "PRIMARY KEY (batch, slot))");
      }
    }
  }

  /** The business key of copy {@code n}: {@code AX-H} and two letters, a dash and four digits. */
  static String code(long n) {
    long block = n / 10_000;
    return "AX-H" + (char) ('A' + block / 26 % 26) + (char) ('A' + block % 26) + "-"
        + String.format("%04d", n % 10_000);
  }

  private static String codeSql() {
    return "('AX-H' || chr(65 + (g / 10000 / 26 % 26)::int) || chr(65 + (g / 10000 % 26)::int) || '-' "
        + "|| lpad((g % 10000)::text, 4, '0'))";
  }

  /**
   * Copies {@code from} (inclusive) to {@code to} (exclusive) of templates given by their root process instance ids:
   * copy n is of template {@code n % templates.size()} (a template listed several times weighs more).
   */
  record Batch(List<String> templates, long from, long to) {}

  /** Adds the copies of every batch; returns the number of rows written per table. */
  Map<String, Long> copy(List<Batch> batches, Duration spacing) throws Exception {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE growth_template");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO growth_template VALUES (?, ?, ?)")) {
        for (int b = 0; b < batches.size(); b++) {
          List<String> templates = batches.get(b).templates();
          for (int i = 0; i < templates.size(); i++) {
            insert.setInt(1, b);
            insert.setInt(2, i);
            insert.setString(3, templates.get(i));
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      statement.execute("ANALYZE growth_template");
      requireUuids(statement);
    }
    List<List<Part>> work = new ArrayList<>();
    List<Part> runtime = new ArrayList<>();
    for (Part part : PARTS) {
      if (part.runtime()) {
        runtime.add(part);
      } else {
        work.add(List.of(part));
      }
    }
    work.add(runtime);
    Map<String, Long> written = new ConcurrentHashMap<>();
    long copies = batches.stream().mapToLong(b -> b.to() - b.from()).sum();
    List<String> dropped = copies >= REBUILD_FROM ? dropSecondaryIndexes() : List.of();
    try {
      inParallel(work, parts -> copy(parts, batches, spacing, written));
    } finally {
      inParallel(dropped, this::build);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    columns.keySet().forEach(table -> ordered.put(table, written.getOrDefault(table, 0L)));
    return ordered;
  }

  /** Runs the work over the connections, each piece on one of them, and waits for all of it. */
  private <T> void inParallel(List<T> pieces, Work<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (T piece : pieces) {
        done.add(pool.submit(() -> {
          work.run(piece);
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Work<T> {
    void run(T piece) throws SQLException;
  }

  /**
   * Drops the secondary indexes of the tables copied into — neither unique nor backing a constraint — and returns
   * their definitions. A large copy inserts into bare tables and builds each index once afterwards, several times
   * faster than updating some 90 indexes row by row.
   */
  private List<String> dropSecondaryIndexes() throws SQLException {
    List<String> tables = PARTS.stream().map(p -> "'" + p.table().toLowerCase() + "'").distinct().toList();
    List<String> definitions = new ArrayList<>();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet found = statement.executeQuery("SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
          + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
          + " WHERE t.relname IN (" + String.join(", ", tables) + ") AND pg_table_is_visible(t.oid)"
          + " AND NOT i.indisunique AND NOT i.indisprimary"
          + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)")) {
        while (found.next()) {
          names.add(found.getString(1));
          definitions.add(found.getString(2));
        }
      }
      for (String name : names) {
        statement.execute("DROP INDEX " + name);
      }
    }
    return definitions;
  }

  private void build(String indexDefinition) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET maintenance_work_mem = '256MB'");
      // The connections already share the cores.
      statement.execute("SET max_parallel_maintenance_workers = 0");
      statement.execute(indexDefinition);
    }
  }

  private void copy(List<Part> parts, List<Batch> batches, Duration spacing, Map<String, Long> written)
      throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // A bulk load of the benchmark's own: no need to wait for each WAL flush.
        statement.execute("SET LOCAL synchronous_commit = off");
        for (Part part : parts) {
          long started = System.nanoTime();
          long rows = 0;
          for (int b = 0; b < batches.size(); b++) {
            if (batches.get(b).to() > batches.get(b).from()) {
              rows += statement.executeUpdate(copySql(part, b, batches.get(b), spacing));
            }
          }
          written.merge(part.table(), rows, Long::sum);
          if (Options.flag("bench.growth.trace")) {
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
        try (ResultSet found = statement.executeQuery("SELECT min(h." + column.name() + ") FROM " + part.source()
            + " WHERE h." + column.name() + " !~ '" + UUID_AT_END + "'")) {
          found.next();
          if (found.getString(1) != null) {
            throw new IllegalStateException(part.table() + "." + column.name() + " holds an id that does not end in "
                + "a UUID: " + found.getString(1));
          }
        }
      }
    }
  }

  private String copySql(Part part, int batch, Batch copies, Duration spacing) {
    List<Column> cols = columns.get(part.table());
    String names = cols.stream().map(Column::name).collect(Collectors.joining(", "));
    String values = cols.stream().map(c -> value(part.table(), c, spacing)).collect(Collectors.joining(", "));
    // The templates' rows are found once, then repeated for every copy.
    return "INSERT INTO " + part.table() + " (" + names + ") WITH h AS MATERIALIZED (SELECT h.*, t.slot AS growth_slot"
        + " FROM " + part.source() + " WHERE t.batch = " + batch
        + ") SELECT " + values + " FROM generate_series(" + copies.from() + "::bigint, " + (copies.to() - 1)
        + "::bigint) g JOIN h ON h.growth_slot = g % " + copies.templates().size();
  }


  private static String value(String table, Column column, Duration spacing) {
    String name = column.name();
    String h = "h." + name;
    if (column.timestamp()) {
      return h + " - g * interval '" + spacing.toSeconds() + " seconds'";
    }
    if (name.equals("BUSINESS_KEY_")) {
      String slash = "position('/' in " + h + ")";
      return "CASE WHEN " + h + " IS NULL THEN NULL WHEN " + slash + " > 0 THEN " + codeSql() + " || substr(" + h
          + ", " + slash + ") ELSE " + codeSql() + " END";
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
