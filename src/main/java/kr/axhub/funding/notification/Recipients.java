package kr.axhub.funding.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Who receives a notification: members of groups, narrowed to one region or tenant, keeping only users with an
 * e-mail address. Runs inside engine commands; the lookups bypass authorization checks because the official whose
 * command triggers a notification may not be allowed to read other users.
 *
 * <p>The region rule lives here and only here. A user acts for region {@code R} when
 * <ul>
 *   <li>the user is a member of tenant {@code R} (directly or through a group), or</li>
 *   <li>the user's id has {@code R} as one of its hyphen-separated parts ({@code daegu-planner},
 *       {@code planner-daegu}): the convention of the demo officials, since users carry no region attribute.</li>
 * </ul>
 * When regions become tenants for every user, the second clause can go.
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
   * regional group (region-planners, region-directors) only when they act for the programme's region, so one
   * region's officials never hear of another region's tasks.
   */
  public List<Recipient> membersOf(String groupId, String tenantId, String region) {
    return withoutAuthorization(identity -> {
      List<Recipient> result = new ArrayList<>();
      for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
        boolean keep;
        if (tenantId != null) {
          keep = inTenant(identity, user.getId(), tenantId);
        } else if (region != null && properties.regionalGroups().contains(groupId)) {
          keep = actsForRegion(identity, user.getId(), region);
        } else {
          keep = true;
        }
        if (keep) {
          toRecipient(user, result);
        }
      }
      return result;
    });
  }

  /** Members of these groups who act for the region (see the class comment). */
  public List<Recipient> regionMembersOf(Collection<String> groupIds, String tenantId, String region) {
    Map<String, Recipient> result = new LinkedHashMap<>();
    if (tenantId == null && region == null) {
      return List.of();
    }
    for (String group : groupIds) {
      List<Recipient> members = tenantId != null ? membersOf(group, tenantId, null)
          : withoutAuthorization(identity -> {
            List<Recipient> found = new ArrayList<>();
            for (User user : identity.createUserQuery().memberOfGroup(group).list()) {
              if (actsForRegion(identity, user.getId(), region)) {
                toRecipient(user, found);
              }
            }
            return found;
          });
      members.forEach(member -> result.putIfAbsent(member.userId(), member));
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

  static boolean actsForRegion(IdentityService identity, String userId, String region) {
    return inTenant(identity, userId, region) || Arrays.asList(userId.split("-")).contains(region);
  }

  private static boolean inTenant(IdentityService identity, String userId, String tenantId) {
    return identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).tenantId(tenantId)
        .count() > 0;
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
