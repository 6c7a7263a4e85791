package kr.axhub.funding.support;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Officials for tests, set up as the application expects real ones: a user in one candidate group; a region's
 * official is a member of that region's tenant, a national body's official of every region's tenant.
 */
public final class Officials {

  public static final String PASSWORD = "test-password";
  public static final List<String> REGIONS = List.of("daegu", "gwangju", "jeonbuk", "gyeongnam");

  private Officials() {}

  /** A regional official, e.g. {@code regional(identity, "daegu-planner", "region-planners", "daegu")}. */
  public static void regional(IdentityService identity, String userId, String group, String region) {
    create(identity, userId, group, List.of(region));
  }

  /** An official of a national body (ministry, KISTEP, cabinet secretariat, agency, panel, managers). */
  public static void national(IdentityService identity, String userId, String group) {
    create(identity, userId, group, REGIONS);
  }

  private static void create(IdentityService identity, String userId, String group, List<String> regions) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      var created = identity.newGroup(group);
      created.setName(group);
      created.setType("WORKFLOW");
      identity.saveGroup(created);
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("Test");
      user.setEmail(userId + "@axhub.example.kr");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(userId, group);
    }
    for (String region : regions) {
      if (identity.createTenantQuery().tenantId(region).count() == 0) {
        var tenant = identity.newTenant(region);
        tenant.setName(region);
        identity.saveTenant(tenant);
      }
      if (identity.createTenantQuery().tenantId(region).userMember(userId).count() == 0) {
        identity.createTenantUserMembership(region, userId);
      }
    }
  }
}
