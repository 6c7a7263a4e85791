package kr.axhub.funding.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
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
    return withoutAuthorization(identity -> {
      Set<String> inScope = scope == null ? null : tenantMembers(identity, scope);
      List<Recipient> result = new ArrayList<>();
      for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
        if (inScope == null || inScope.contains(user.getId())) {
          toRecipient(user, result);
        }
      }
      return result;
    });
  }

  /** Members of these groups who belong to the programme's region (its tenant, or its region variable). */
  public List<Recipient> regionMembersOf(Collection<String> groupIds, String tenantId, String region) {
    String scope = tenantId != null ? tenantId : region;
    if (scope == null) {
      return List.of();
    }
    Map<String, Recipient> result = new LinkedHashMap<>();
    for (String group : groupIds) {
      membersOf(group, scope, null).forEach(member -> result.putIfAbsent(member.userId(), member));
    }
    return List.copyOf(result.values());
  }

  public List<Recipient> users(Collection<String> userIds) {
    return withoutAuthorization(identity -> {
      List<Recipient> result = new ArrayList<>();
      for (String userId : userIds) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user != null) {
          toRecipient(user, result);
        }
      }
      return result;
    });
  }

  /**
   * Everyone who acts for a tenant: its user members and the members of its member groups. A few queries whatever
   * the number of officials, since this runs for every task created.
   */
  private static Set<String> tenantMembers(IdentityService identity, String tenantId) {
    Set<String> members = new HashSet<>();
    identity.createUserQuery().memberOfTenant(tenantId).list().forEach(user -> members.add(user.getId()));
    for (Group group : identity.createGroupQuery().memberOfTenant(tenantId).list()) {
      identity.createUserQuery().memberOfGroup(group.getId()).list().forEach(user -> members.add(user.getId()));
    }
    return members;
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
    T run(IdentityService identity);
  }

  private static <T> T withoutAuthorization(Lookup<T> lookup) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      throw new IllegalStateException("Recipients are resolved inside engine commands");
    }
    IdentityService identity = context.getProcessEngineConfiguration().getIdentityService();
    return context.runWithoutAuthorization(() -> lookup.run(identity));
  }
}
