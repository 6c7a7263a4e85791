package kr.axhub.funding.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Who receives a notification: members of groups, narrowed to one region, keeping only users with an e-mail
 * address. A region is a tenant: a user acts for a region when they are a member of its tenant, directly or through
 * a group. Runs inside engine commands, in their transaction, reading the engine's identity tables directly: one
 * statement per lookup, whatever the number of officials and groups, and no authorization check, because the official
 * whose command triggers a notification may not be allowed to read other users.
 */
@Component
public class Recipients {

  /** A person to notify. */
  public record Recipient(String userId, String name, String address) {
  }

  private static final String USER = "SELECT RES.ID_, RES.FIRST_, RES.LAST_, RES.EMAIL_ FROM ";

  private final NotificationProperties properties;
  private final JdbcTemplate jdbc;

  public Recipients(NotificationProperties properties, DataSource dataSource) {
    this.properties = properties;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * Members of a task's candidate group. With a tenant, only members of that tenant; without one, members of a
   * regional group (region-planners, region-directors) only when they belong to the programme's region, so one
   * region's officials never hear of another region's tasks.
   */
  public List<Recipient> membersOf(String groupId, String tenantId, String region) {
    String scope = tenantId != null ? tenantId : properties.regionalGroups().contains(groupId) ? region : null;
    String prefix = tablePrefix();
    String members = USER + prefix + "ACT_ID_USER RES INNER JOIN " + prefix + "ACT_ID_MEMBERSHIP M"
        + " ON M.USER_ID_ = RES.ID_ WHERE M.GROUP_ID_ = ?";
    return scope == null ? jdbc.query(members + " ORDER BY RES.ID_", RECIPIENTS, groupId)
        : jdbc.query(members + " AND " + tenantMembership(prefix) + " ORDER BY RES.ID_", RECIPIENTS, groupId, scope);
  }

  /**
   * Members of any of these groups who belong to the programme's region (its tenant, or its region variable), each
   * once, by user id: one query whatever the number of groups.
   */
  public List<Recipient> regionMembersOf(Collection<String> groupIds, String tenantId, String region) {
    String scope = tenantId != null ? tenantId : region;
    List<String> groups = List.copyOf(new LinkedHashSet<>(groupIds));
    if (scope == null || groups.isEmpty()) {
      return List.of();
    }
    String prefix = tablePrefix();
    List<Object> arguments = new ArrayList<>(groups);
    arguments.add(scope);
    return jdbc.query(USER + prefix + "ACT_ID_USER RES WHERE EXISTS (SELECT 1 FROM " + prefix + "ACT_ID_MEMBERSHIP M"
        + " WHERE M.USER_ID_ = RES.ID_ AND M.GROUP_ID_ IN (" + placeholders(groups.size()) + "))"
        + " AND " + tenantMembership(prefix) + " ORDER BY RES.ID_", RECIPIENTS, arguments.toArray());
  }

  /** These users, in this order, each once; unknown ones and those without an address are left out. */
  public List<Recipient> users(Collection<String> userIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Recipient> found = new HashMap<>();
    jdbc.query(USER + tablePrefix() + "ACT_ID_USER RES WHERE RES.ID_ IN (" + placeholders(ids.size()) + ")",
        RECIPIENTS, ids.toArray()).forEach(recipient -> found.put(recipient.userId(), recipient));
    List<Recipient> result = new ArrayList<>();
    for (String userId : ids) {
      if (found.containsKey(userId)) {
        result.add(found.get(userId));
      }
    }
    return result;
  }

  /** The user {@code RES} acts for the tenant of the statement's last argument: a member of it, or of a group that is. */
  private static String tenantMembership(String prefix) {
    return "EXISTS (SELECT 1 FROM " + prefix + "ACT_ID_TENANT_MEMBER TM"
        + " WHERE TM.TENANT_ID_ = ? AND (TM.USER_ID_ = RES.ID_ OR TM.GROUP_ID_ IN"
        + " (SELECT G.GROUP_ID_ FROM " + prefix + "ACT_ID_MEMBERSHIP G WHERE G.USER_ID_ = RES.ID_)))";
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** Users without an e-mail address are not recipients, so the query's rows may be fewer than its users. */
  private static final ResultSetExtractor<List<Recipient>> RECIPIENTS = rows -> {
    List<Recipient> result = new ArrayList<>();
    while (rows.next()) {
      String address = rows.getString("EMAIL_");
      if (address == null || address.isBlank()) {
        continue;
      }
      String last = rows.getString("LAST_");
      String first = rows.getString("FIRST_");
      String id = rows.getString("ID_");
      String name = ((last == null ? "" : last) + " " + (first == null ? "" : first)).strip();
      result.add(new Recipient(id, name.isEmpty() ? id : name, address.strip()));
    }
    return result;
  };

  private static String tablePrefix() {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      throw new IllegalStateException("Recipients are resolved inside engine commands");
    }
    String prefix = context.getProcessEngineConfiguration().getDatabaseTablePrefix();
    return prefix == null ? "" : prefix;
  }
}
