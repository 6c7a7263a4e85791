package kr.axhub.funding.security;

import static kr.axhub.funding.support.EngineRest.variables;
import static kr.axhub.funding.support.Proposals.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.identity.IdentitySetup;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.Response;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An administrator onboards a new official the way Admin does it, through the REST API: creating the user and adding
 * them to their group is all a national official needs; a regional official also joins their region's tenant.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnboardingByGroupRestTest {

  private static final String PASSWORD = "new-official-password";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired IdentitySetup identitySetup;

  private EngineRest admin;

  @BeforeEach
  void officials() {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identityService, "gwangju-planner", "region-planners", "gwangju");
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    Officials.national(identityService, "operator", "camunda-admin");
    admin = EngineRest.at(port).as("operator", Officials.PASSWORD);
  }

  @Test
  void aMinistryOfficialAddedOnlyToTheirGroupSeesAndCompletesADaeguReview() {
    start("daegu-planner", "AX-DAEGU-3101", "daegu");
    EngineRest director = EngineRest.at(port).as("daegu-director", Officials.PASSWORD);
    String approval = director.taskId("AX-DAEGU-3101", "Task_ApproveProposalInternally");
    assertThat(director.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE"))).status()).isEqualTo(204);

    EngineRest newcomer = onboard("msit-newcomer", "msit-officers");
    assertThat(admin.getJson("/engine-rest/tenant?userMember=msit-newcomer")).isEmpty();

    String review = newcomer.taskId("AX-DAEGU-3101", "Task_ReviewProposal");
    Response completed = newcomer.post("/engine-rest/task/" + review + "/complete",
        variables(Map.of("proposalReviewDecision", "ADOPT")));
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
    assertThat(newcomer.taskId("AX-DAEGU-3101", "Task_PrepareExemptionRequest")).isNotBlank();
    assertThat(admin.getJson("/engine-rest/history/user-operation?taskId=" + review + "&operationType=Complete")
        .findValuesAsText("userId")).containsOnly("msit-newcomer");
  }

  @Test
  void aPlannerAddedToTheirGroupAndGwangjusTenantSeesOnlyGwangju() {
    start("daegu-planner", "AX-DAEGU-3102", "daegu");
    start("gwangju-planner", "AX-GWANGJU-3102", "gwangju");

    EngineRest newcomer = onboard("gwangju-newcomer", "region-planners");
    assertThat(admin.put("/engine-rest/tenant/gwangju/user-members/gwangju-newcomer", Map.of()).status())
        .isEqualTo(204);

    JsonNode seen = newcomer.getJson("/engine-rest/history/process-instance");
    assertThat(seen.findValuesAsText("businessKey")).contains("AX-GWANGJU-3102").doesNotContain("AX-DAEGU-3102");
    assertThat(seen.findValuesAsText("tenantId")).containsOnly("gwangju");
    assertThat(newcomer.getJson("/engine-rest/task?processInstanceBusinessKey=AX-DAEGU-3102")).isEmpty();
    assertThat(newcomer.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal("AX-DAEGU-3103", "daegu"))).status()).isEqualTo(403);
    assertThat(newcomer.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal("AX-GWANGJU-3103", "gwangju"))).status()).isEqualTo(200);
  }

  @Test
  void aRegionalOfficialWithoutATenantSeesNoRegion() {
    start("daegu-planner", "AX-DAEGU-3104", "daegu");
    EngineRest newcomer = onboard("unplaced-planner", "region-planners");

    assertThat(newcomer.getJson("/engine-rest/history/process-instance")).isEmpty();
  }

  /**
   * Every start runs the identity set-up again: on an installation set up before it changes nothing, and what an
   * administrator removed by mistake — a group's grant, a permission of one, a national group's membership of a
   * region — is back after the next start.
   */
  @Test
  void aStartKeepsTheIdentityAsItIsAndRestoresWhatWasRemoved() {
    List<String> before = identityAsSetUp();
    assertThat(before).contains("grant pipeline-managers 7 * [READ]", "tenant gwangju: msit-officers");

    identitySetup.setUp();
    assertThat(identityAsSetUp()).as("a second start changes nothing").isEqualTo(before);

    authorizationService.deleteAuthorization(grant("pipeline-managers", Resources.TASK, "*").getId());
    Authorization planners = grant("region-planners", Resources.PROCESS_INSTANCE, "*");
    planners.removePermission(Permissions.CREATE);
    authorizationService.saveAuthorization(planners);
    identityService.deleteTenantGroupMembership("gwangju", "msit-officers");
    assertThat(identityAsSetUp()).isNotEqualTo(before);

    identitySetup.setUp();
    assertThat(identityAsSetUp()).as("the next start restores what was removed").isEqualTo(before);
  }

  private Authorization grant(String group, Resources resource, String resourceId) {
    return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
  }

  /** The groups, the regions' tenants with their member groups, and the grants to groups, one line each. */
  private List<String> identityAsSetUp() {
    List<String> lines = new ArrayList<>();
    identityService.createGroupQuery().list().forEach(group -> lines.add("group " + group.getId() + " "
        + group.getName() + " " + group.getType()));
    identityService.createTenantQuery().list().forEach(tenant -> identityService.createGroupQuery()
        .memberOfTenant(tenant.getId()).list()
        .forEach(group -> lines.add("tenant " + tenant.getId() + ": " + group.getId())));
    authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT).list().stream()
        .filter(grant -> grant.getGroupId() != null)
        .forEach(grant -> lines.add("grant " + grant.getGroupId() + " " + grant.getResourceType() + " "
            + grant.getResourceId() + " " + Arrays.stream(grant.getPermissions(Permissions.values()))
                .map(Permission::getName).filter(name -> !"NONE".equals(name)).sorted().toList()));
    Collections.sort(lines);
    return lines;
  }

  private EngineRest onboard(String userId, String group) {
    Response created = admin.post("/engine-rest/user/create", Map.of(
        "profile", Map.of("id", userId, "firstName", "신규", "lastName", "공무원", "email", userId + "@axhub.example.kr"),
        "credentials", Map.of("password", PASSWORD)));
    assertThat(created.status()).as(created.text()).isEqualTo(204);
    assertThat(admin.put("/engine-rest/group/" + group + "/members/" + userId, Map.of()).status()).isEqualTo(204);
    return EngineRest.at(port).as(userId, PASSWORD);
  }

  private void start(String planner, String code, String region) {
    Response started = EngineRest.at(port).as(planner, Officials.PASSWORD)
        .post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
            variables(proposal(code, region)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
  }
}
