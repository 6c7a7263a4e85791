package kr.axhub.funding.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Who receives a notification: members of groups, narrowed to one region, keeping only users with an e-mail
 * address. A region is a tenant: a user acts for a region when they are a member of its tenant, directly or through
 * a group. Runs inside engine commands; the lookups bypass authorization checks because the official whose command
 * triggers a notification may not be allowed to read other users.
 */
@Component
public class Recipients {

  /** A person to notify. */
  public record Recipient(String userId, String name, String address) {
  }

  private final NotificationProperties properties;

  public Recipients(NotificationProperties properties) {
    this.properties = properties;
  }

  /**
   * Members of a task's candidate group. With a tenant, only members of that tenant; without one, members of a
   * regional group (region-planners, region-directors) only when they belong to the programme's region, so one
   * region's officials never hear of another region's tasks.
   */
  public List<Recipient> membersOf(String groupId, String tenantId, String region) {
    String scope = tenantId != null ? tenantId : properties.regionalGroups().contains(groupId) ? region : null;
    return withoutAuthorization((identity, tablePrefix) -> {
      List<User> members = scope == null ? identity.createUserQuery().memberOfGroup(groupId).list()
          : identity.createNativeUserQuery().sql(membersInTenant(tablePrefix))
              .parameter("groupId", groupId).parameter("tenantId", scope).list();
      List<Recipient> result = new ArrayList<>();
      members.forEach(user -> toRecipient(user, result));
      return result;
    });
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
    return withoutAuthorization((identity, tablePrefix) -> {
      var query = identity.createNativeUserQuery().sql(membersOfAnyInTenant(tablePrefix, groups.size()))
          .parameter("tenantId", scope);
      for (int i = 0; i < groups.size(); i++) {
        query.parameter("group" + i, groups.get(i));
      }
      List<Recipient> result = new ArrayList<>();
      query.list().forEach(user -> toRecipient(user, result));
      return result;
    });
  }

  public List<Recipient> users(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    return withoutAuthorization((identity, tablePrefix) -> {
      Map<String, User> found = new HashMap<>();
      identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()
          .forEach(user -> found.put(user.getId(), user));
      List<Recipient> result = new ArrayList<>();
      for (String userId : userIds) {
        if (found.containsKey(userId)) {
          toRecipient(found.get(userId), result);
        }
      }
      return result;
    });
  }

  /**
   * The members of a group who act for a tenant: members of the tenant themselves, or through any group of theirs
   * that is a member of it. One query whatever the number of officials and groups, since this runs for every task
   * created.
   */
  private static String membersInTenant(String tablePrefix) {
    return "SELECT RES.* FROM " + tablePrefix + "ACT_ID_USER RES"
        + " INNER JOIN " + tablePrefix + "ACT_ID_MEMBERSHIP M ON M.USER_ID_ = RES.ID_"
        + " WHERE M.GROUP_ID_ = #{groupId} AND " + tenantMembership(tablePrefix) + " ORDER BY RES.ID_";
  }

  /** Like {@link #membersInTenant}, for members of any of {@code groups} groups ({@code #{group0}} and on). */
  private static String membersOfAnyInTenant(String tablePrefix, int groups) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < groups; i++) {
      in.append(i == 0 ? "" : ", ").append("#{group").append(i).append('}');
    }
    return "SELECT RES.* FROM " + tablePrefix + "ACT_ID_USER RES"
        + " WHERE EXISTS (SELECT 1 FROM " + tablePrefix + "ACT_ID_MEMBERSHIP M WHERE M.USER_ID_ = RES.ID_"
        + " AND M.GROUP_ID_ IN (" + in + "))"
        + " AND " + tenantMembership(tablePrefix) + " ORDER BY RES.ID_";
  }

  /** The user {@code RES} acts for {@code #{tenantId}}: a member of it, or of a group that is. */
  private static String tenantMembership(String tablePrefix) {
    return "EXISTS (SELECT 1 FROM " + tablePrefix + "ACT_ID_TENANT_MEMBER TM"
        + " WHERE TM.TENANT_ID_ = #{tenantId} AND (TM.USER_ID_ = RES.ID_ OR TM.GROUP_ID_ IN"
        + " (SELECT G.GROUP_ID_ FROM " + tablePrefix + "ACT_ID_MEMBERSHIP G WHERE G.USER_ID_ = RES.ID_)))";
  }

  private static void toRecipient(User user, List<Recipient> into) {
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      return;
    }
    String name = ((user.getLastName() == null ? "" : user.getLastName()) + " "
        + (user.getFirstName() == null ? "" : user.getFirstName())).strip();
    into.add(new Recipient(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail().strip()));
  }

  private interface Lookup<T> {
    T run(IdentityService identity, String tablePrefix);
  }

  private static <T> T withoutAuthorization(Lookup<T> lookup) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      throw new IllegalStateException("Recipients are resolved inside engine commands");
    }
    var configuration = context.getProcessEngineConfiguration();
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    return context.runWithoutAuthorization(() -> lookup.run(configuration.getIdentityService(), prefix));
  }
}
