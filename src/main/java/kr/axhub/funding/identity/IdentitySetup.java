package kr.axhub.funding.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The identity every installation needs, in every profile: the candidate groups, the regions as tenants, the
 * national groups as members of every region's tenant (so adding an official to such a group in Admin is all it
 * takes), each group's grants, the shared Tasklist filters and, when {@code AXHUB_ADMIN_PASSWORD} is set, the administrator.
 * It runs under the engine's exclusive lock ({@link ExclusiveSetup}), so nodes starting together set it up exactly
 * once; running it again changes nothing.
 */
@Component
public class IdentitySetup {

  /** Runs before the demo data, which relies on the groups and tenants. */
  public static final int ORDER = 0;

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final ProcessEngine engine;
  private final PlatformTransactionManager transactions;
  private final String adminId;
  private final String adminPassword;

  public IdentitySetup(ProcessEngine engine, PlatformTransactionManager transactions,
      @Value("${axhub.admin.id:admin}") String adminId, @Value("${axhub.admin.password:}") String adminPassword) {
    this.engine = engine;
    this.transactions = transactions;
    this.adminId = adminId;
    this.adminPassword = adminPassword;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(ORDER)
  public void setUp() {
    ExclusiveSetup.run(engine, transactions, () -> {
      setUpGroupsAndGrants(engine);
      shareFilters(engine.getFilterService(), engine.getTaskService(), engine.getAuthorizationService());
      createAdministrator(engine.getIdentityService());
    });
  }

  /**
   * The candidate groups, the regions' tenants and each group's grants, without filters or administrator: what an
   * engine needs so that officials can work in it as in the application (the benchmark's engine with authorization
   * uses it as well, so both grant exactly the same).
   */
  public static void setUpGroupsAndGrants(ProcessEngine engine) {
    createGroupsAndTenants(engine.getIdentityService());
    grantAccess(engine.getAuthorizationService());
  }

  /** What exists is read in a few queries (a start of an installation set up before only reads). */
  private static void createGroupsAndTenants(IdentityService identity) {
    Set<String> groups = identity.createGroupQuery()
        .groupIdIn(OfficialGroups.ALL.stream().map(OfficialGroups.Group::id).toArray(String[]::new)).list().stream()
        .map(Group::getId).collect(Collectors.toSet());
    for (OfficialGroups.Group group : OfficialGroups.ALL) {
      if (!groups.contains(group.id())) {
        Group created = identity.newGroup(group.id());
        created.setName(group.name());
        created.setType(OfficialGroups.ADMINS.equals(group.id()) || OfficialGroups.MONITORING.equals(group.id())
            ? "SYSTEM" : "WORKFLOW");
        identity.saveGroup(created);
      }
    }
    Set<String> tenants = tenantIds(identity.createTenantQuery().tenantIdIn(Regions.ALL.toArray(String[]::new)));
    Map<String, Set<String>> tenantsOfGroup = new HashMap<>();
    for (String group : OfficialGroups.NATIONAL) {
      tenantsOfGroup.put(group, tenantIds(identity.createTenantQuery().groupMember(group)));
    }
    for (String region : Regions.ALL) {
      if (!tenants.contains(region)) {
        Tenant tenant = identity.newTenant(region);
        tenant.setName(Regions.koreanName(region));
        identity.saveTenant(tenant);
      }
      for (String group : OfficialGroups.NATIONAL) {
        if (!tenantsOfGroup.get(group).contains(region)) {
          identity.createTenantGroupMembership(region, group);
        }
      }
    }
  }

  private static Set<String> tenantIds(TenantQuery query) {
    return query.list().stream().map(Tenant::getId).collect(Collectors.toSet());
  }

  /** A grant the installation already has with all its permissions is left as it is. */
  private static void grantAccess(AuthorizationService authorizations) {
    for (AccessGrants.Grant grant : AccessGrants.all()) {
      Authorization existing = authorizations.createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(grant.groupId())
          .resourceType(grant.resource())
          .resourceId(grant.resourceId())
          .singleResult();
      if (existing != null && grant.permissions().stream().allMatch(existing::isPermissionGranted)) {
        continue;
      }
      Authorization authorization = existing != null ? existing
          : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      grant.permissions().forEach(authorization::addPermission);
      authorizations.saveAuthorization(authorization);
    }
  }

  private static void shareFilters(FilterService filters, TaskService taskService,
      AuthorizationService authorizations) {
    for (TasklistFilters.SharedFilter shared : TasklistFilters.all(taskService)) {
      Filter filter = filters.createFilterQuery().filterName(shared.name()).singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(shared.name());
      }
      filter.setProperties(shared.properties());
      filter.setQuery(shared.query());
      filters.saveFilter(filter);
      for (String group : OfficialGroups.TASK_WORKERS) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group)
            .resourceType(Resources.FILTER)
            .resourceId(filter.getId()).count() == 0) {
          Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          read.setGroupId(group);
          read.setResource(Resources.FILTER);
          read.setResourceId(filter.getId());
          read.addPermission(Permissions.READ);
          authorizations.saveAuthorization(read);
        }
      }
    }
  }

  private void createAdministrator(IdentityService identity) {
    if (adminPassword == null || adminPassword.isBlank()) {
      return;
    }
    User admin = identity.createUserQuery().userId(adminId).singleResult();
    if (admin == null) {
      admin = identity.newUser(adminId);
      admin.setFirstName("관리자");
      admin.setLastName("Administrator");
    }
    admin.setPassword(adminPassword);
    identity.saveUser(admin);
    if (identity.createUserQuery().userId(adminId).memberOfGroup(OfficialGroups.ADMINS).count() == 0) {
      identity.createMembership(adminId, OfficialGroups.ADMINS);
    }
    LOG.info("Administrator '{}' set up from AXHUB_ADMIN_PASSWORD", adminId);
  }
}
