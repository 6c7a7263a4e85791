package kr.axhub.funding.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox table. Writes go through the caller's transaction when there is one (the engine's, so a
 * notification commits or rolls back with the command that caused it); the dispatcher's claims run on their own in
 * auto-commit, so a claim is visible to every node at once. Created after Flyway has migrated the table, since the
 * engine (and with it the first tasks) may start before.
 */
@Repository
@DependsOnDatabaseInitialization
public class NotificationRepository {

  private static final String COLUMNS = "id, kind, dedupe_key, recipient_address, recipient_user_id, subject, body, "
      + "notice_values, process_instance_id, execution_id, task_id, programme_code, status, attempts, next_attempt_at, last_error, "
      + "created_at, sent_at, claimed_by, claimed_at, incident_id";
  private static final String INSERT = "INSERT INTO axhub_notification (id, kind, dedupe_key, recipient_address, "
      + "recipient_user_id, notice_values, process_instance_id, execution_id, task_id, programme_code, status, "
      + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";

  /** The same insert, skipped in the same statement when the dedupe key is recorded already. */
  private static final String INSERT_UNLESS_RECORDED = INSERT.substring(0, INSERT.indexOf(" VALUES"))
      + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? FROM (VALUES (0)) one (x) WHERE NOT EXISTS "
      + "(SELECT 1 FROM axhub_notification WHERE dedupe_key = ?)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  public NotificationRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.postgres = isPostgres(jdbc);
  }

  /**
   * Records a PENDING notification unless one with the same dedupe key exists. On PostgreSQL a failed statement
   * aborts the whole transaction (here: the official's completion), so a duplicate must never raise an error
   * there: {@code ON CONFLICT DO NOTHING}. Elsewhere an insert that skips a recorded key, plus a caught duplicate
   * for two transactions racing, does the same in one statement.
   *
   * @return the new row's id, or empty when the notification was already recorded
   */
  public Optional<String> insertIfAbsent(NotificationDraft draft, Instant now) {
    String id = UUID.randomUUID().toString();
    Object[] values = {id, draft.kind().name(), draft.dedupeKey(), draft.recipientAddress(),
        draft.recipientUserId(), writeValues(draft.values()), draft.processInstanceId(), draft.executionId(),
        draft.taskId(), draft.programmeCode(), Timestamp.from(now), Timestamp.from(now)};
    if (postgres) {
      return jdbc.update(INSERT + " ON CONFLICT (dedupe_key) DO NOTHING", values) == 1
          ? Optional.of(id) : Optional.empty();
    }
    Object[] withKey = Arrays.copyOf(values, values.length + 1);
    withKey[values.length] = draft.dedupeKey();
    try {
      return jdbc.update(INSERT_UNLESS_RECORDED, withKey) == 1 ? Optional.of(id) : Optional.empty();
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }

  public Optional<Notification> find(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM axhub_notification WHERE id = ?", MAPPER, id).stream().findFirst();
  }

  /** Newest first; status and programme code filter when given. */
  public List<Notification> list(NotificationStatus status, String programmeCode, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM axhub_notification WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (programmeCode != null && !programmeCode.isBlank()) {
      sql.append(" AND programme_code = ?");
      args.add(programmeCode);
    }
    sql.append(" ORDER BY created_at DESC, id FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), MAPPER, args.toArray());
  }

  public List<Notification> findByProcessInstance(String processInstanceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM axhub_notification WHERE process_instance_id = ? "
        + "ORDER BY created_at, id", MAPPER, processInstanceId);
  }

  public List<String> findDue(Instant now, int limit) {
    return jdbc.queryForList("SELECT id FROM axhub_notification WHERE status = 'PENDING' AND next_attempt_at <= ? "
        + "ORDER BY next_attempt_at, created_at FETCH FIRST " + limit + " ROWS ONLY", String.class,
        Timestamp.from(now));
  }

  /** The rows of {@code ids} this node holds claimed for sending, oldest first. */
  public List<Notification> findClaimed(List<String> ids, String node) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(ids.size() + 1);
    args.add(node);
    args.addAll(ids);
    return jdbc.query("SELECT " + COLUMNS + " FROM axhub_notification WHERE status = 'SENDING' AND claimed_by = ? "
        + "AND id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY created_at, id",
        MAPPER, args.toArray());
  }

  public int countByStatus(NotificationStatus status) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE status = ?", Integer.class,
        status.name());
    return count == null ? 0 : count;
  }

  /**
   * Takes a due row for sending. The conditional update is atomic in the database: of two nodes racing for the same
   * row exactly one sees an update count of 1.
   */
  public boolean claim(String id, String node, Instant now) {
    return jdbc.update("UPDATE axhub_notification SET status = 'SENDING', claimed_by = ?, claimed_at = ?, "
        + "attempts = attempts + 1 WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?",
        node, Timestamp.from(now), id, Timestamp.from(now)) == 1;
  }

  /** Returns rows whose claiming node stopped mid-send to the queue; they are sent again (at least once). */
  public int releaseStaleClaims(Instant claimedBefore) {
    return jdbc.update("UPDATE axhub_notification SET status = 'PENDING', claimed_by = NULL, claimed_at = NULL "
        + "WHERE status = 'SENDING' AND claimed_at < ?", Timestamp.from(claimedBefore));
  }

  /**
   * Marks a notification sent and keeps the subject and body it was sent with: the record of what the recipient
   * read. The values it was rendered from are dropped then; the text says it all.
   */
  public boolean markSent(String id, String node, Instant now, String subject, String body) {
    return jdbc.update("UPDATE axhub_notification SET status = 'SENT', sent_at = ?, last_error = NULL, subject = ?, "
        + "body = ?, notice_values = NULL WHERE id = ? AND status = 'SENDING' AND claimed_by = ?",
        Timestamp.from(now), truncate(subject, 1000), body, id, node) == 1;
  }

  public boolean markRetry(String id, String node, Instant nextAttempt, String error) {
    return jdbc.update("UPDATE axhub_notification SET status = 'PENDING', next_attempt_at = ?, last_error = ?, "
        + "claimed_by = NULL, claimed_at = NULL WHERE id = ? AND status = 'SENDING' AND claimed_by = ?",
        Timestamp.from(nextAttempt), truncate(error, 4000), id, node) == 1;
  }

  public boolean markFailed(String id, String node, String error) {
    return jdbc.update("UPDATE axhub_notification SET status = 'FAILED', last_error = ? "
        + "WHERE id = ? AND status = 'SENDING' AND claimed_by = ?", truncate(error, 4000), id, node) == 1;
  }

  public void setIncident(String id, String incidentId) {
    jdbc.update("UPDATE axhub_notification SET incident_id = ? WHERE id = ?", incidentId, id);
  }

  /** Puts a FAILED (or waiting PENDING) notification back in the queue for an immediate attempt. */
  public boolean requeue(String id, Instant now) {
    return jdbc.update("UPDATE axhub_notification SET status = 'PENDING', attempts = 0, next_attempt_at = ?, "
        + "claimed_by = NULL, claimed_at = NULL, incident_id = NULL WHERE id = ? AND status IN ('FAILED', 'PENDING')",
        Timestamp.from(now), id) == 1;
  }

  static String truncate(String text, int max) {
    if (text == null) {
      return null;
    }
    return text.length() <= max ? text : text.substring(0, max);
  }

  static String writeValues(Map<String, String> values) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Notification values cannot be written: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readValues(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, VALUES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Notification values cannot be read: " + e.getMessage(), e);
    }
  }

  private static boolean isPostgres(JdbcTemplate jdbc) {
    Boolean result = jdbc.execute((Connection connection) ->
        connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
    return Boolean.TRUE.equals(result);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static final RowMapper<Notification> MAPPER = (rs, row) -> new Notification(
      rs.getString("id"),
      NotificationKind.valueOf(rs.getString("kind")),
      rs.getString("dedupe_key"),
      rs.getString("recipient_address"),
      rs.getString("recipient_user_id"),
      rs.getString("subject"),
      rs.getString("body"),
      readValues(rs.getString("notice_values")),
      rs.getString("process_instance_id"),
      rs.getString("execution_id"),
      rs.getString("task_id"),
      rs.getString("programme_code"),
      NotificationStatus.valueOf(rs.getString("status")),
      rs.getInt("attempts"),
      instant(rs, "next_attempt_at"),
      rs.getString("last_error"),
      instant(rs, "created_at"),
      instant(rs, "sent_at"),
      rs.getString("claimed_by"),
      instant(rs, "claimed_at"),
      rs.getString("incident_id"));
}
