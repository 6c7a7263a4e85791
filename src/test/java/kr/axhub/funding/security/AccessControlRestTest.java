package kr.axhub.funding.security;

import static kr.axhub.funding.support.EngineRest.variables;
import static kr.axhub.funding.support.Proposals.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.Response;
import kr.axhub.funding.support.Officials;
import kr.axhub.funding.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Officials see and do only their own work, checked through the real REST API as real users: regions are tenants,
 * candidate groups decide who completes what, managers read everything and change nothing, nobody anonymous gets in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessControlRestTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  private EngineRest daeguPlanner;
  private EngineRest gwangjuPlanner;
  private EngineRest daeguDirector;
  private EngineRest ministry;
  private EngineRest manager;
  private EngineRest admin;

  @BeforeEach
  void officials() {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identityService, "gwangju-planner", "region-planners", "gwangju");
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    Officials.national(identityService, "msit-officer", "msit-officers");
    Officials.national(identityService, "pipeline-manager", "pipeline-managers");
    Officials.national(identityService, "operator", "camunda-admin");
    daeguPlanner = as("daegu-planner");
    gwangjuPlanner = as("gwangju-planner");
    daeguDirector = as("daegu-director");
    ministry = as("msit-officer");
    manager = as("pipeline-manager");
    admin = as("operator");
  }

  @Test
  void nobodyAnonymousGetsIn() {
    EngineRest anonymous = EngineRest.at(port);
    assertThat(anonymous.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/process-instance").status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal("AX-ANON-2026", "daegu"))).status()).isEqualTo(401);
    assertThat(anonymous.get("/api/programmes/AX-DAEGU-2026/audit").status()).isEqualTo(401);
    // Another user than the others here: Camunda delays logins of a user after a wrong password.
    Officials.national(identityService, "msit-typo", "msit-officers");
    assertThat(EngineRest.at(port).as("msit-typo", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-ANON-2026"))
        .isEmpty();
  }

  @Test
  void onlyAdministratorsUseTheAdministrationApi() {
    assertThat(EngineRest.at(port).get("/api/admin/notifications").status()).isEqualTo(401);
    assertThat(ministry.get("/api/admin/notifications").status()).isEqualTo(403);
    assertThat(manager.get("/api/admin/notifications").status()).isEqualTo(403);
    assertThat(admin.get("/api/admin/notifications").status()).isEqualTo(200);
  }

  @Test
  void anotherRegionsOfficialSeesAndChangesNothingOfDaegu() {
    String daegu = start(daeguPlanner, "AX-DAEGU-2101", "daegu");
    String approval = daeguDirector.taskId("AX-DAEGU-2101", "Task_ApproveProposalInternally");

    assertThat(gwangjuPlanner.getJson("/engine-rest/task")).noneMatch(t -> t.path("id").asText().equals(approval));
    assertThat(gwangjuPlanner.getJson("/engine-rest/task?processInstanceBusinessKey=AX-DAEGU-2101")).isEmpty();
    assertThat(gwangjuPlanner.get("/engine-rest/task/" + approval).status()).isIn(403, 404);
    assertThat(gwangjuPlanner.get("/engine-rest/task/" + approval + "/variables").status()).isIn(403, 404);
    assertThat(gwangjuPlanner.getJson("/engine-rest/process-instance?businessKey=AX-DAEGU-2101")).isEmpty();
    assertThat(gwangjuPlanner.get("/engine-rest/process-instance/" + daegu).status()).isIn(403, 404);
    assertThat(gwangjuPlanner.get("/engine-rest/process-instance/" + daegu + "/variables").status()).isIn(403, 404);
    assertThat(gwangjuPlanner.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-DAEGU-2101"))
        .isEmpty();
    assertThat(gwangjuPlanner.getJson("/engine-rest/history/variable-instance?processInstanceId=" + daegu)).isEmpty();
    assertThat(gwangjuPlanner.getJson("/engine-rest/history/task?processInstanceId=" + daegu)).isEmpty();
    assertThat(gwangjuPlanner.get("/api/programmes/AX-DAEGU-2101/audit").status()).isEqualTo(404);

    assertThat(gwangjuPlanner.post("/engine-rest/task/" + approval + "/claim", Map.of("userId", "gwangju-planner"))
        .status()).isIn(403, 404);
    assertThat(gwangjuPlanner.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "WITHDRAW", "internalApprovalComment", "x"))).status())
        .isIn(403, 404);
    Response startForDaegu = gwangjuPlanner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal("AX-DAEGU-2102", "daegu")));
    assertThat(startForDaegu.status()).as(startForDaegu.text()).isEqualTo(403);

    JsonNode task = admin.getJson("/engine-rest/task/" + approval);
    assertThat(task.path("assignee").isNull()).isTrue();
    assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-DAEGU-2102"))
        .isEmpty();
    assertThat(admin.getJson("/engine-rest/process-instance/" + daegu).path("tenantId").asText()).isEqualTo("daegu");
  }

  @Test
  void anOfficialStartsAndSeesTheirOwnRegionsProgramme() {
    String gwangju = start(gwangjuPlanner, "AX-GWANGJU-2101", "gwangju");

    assertThat(admin.getJson("/engine-rest/process-instance/" + gwangju).path("tenantId").asText())
        .isEqualTo("gwangju");
    assertThat(gwangjuPlanner.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-GWANGJU-2101"))
        .hasSize(1);
    assertThat(daeguDirector.getJson("/engine-rest/task?processInstanceBusinessKey=AX-GWANGJU-2101")).isEmpty();
  }

  @Test
  void aCandidateOfTheWrongGroupCannotCompleteATask() {
    String daegu = start(daeguPlanner, "AX-DAEGU-2103", "daegu");
    String approval = daeguDirector.taskId("AX-DAEGU-2103", "Task_ApproveProposalInternally");

    assertThat(ministry.getJson("/engine-rest/task?processInstanceBusinessKey=AX-DAEGU-2103")).isEmpty();
    assertThat(ministry.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE"))).status()).isIn(403, 404);
    assertThat(daeguPlanner.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE"))).status()).isIn(403, 404);

    assertThat(admin.getJson("/engine-rest/task?processInstanceId=" + daegu)).singleElement()
        .satisfies(task -> assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("Task_ApproveProposalInternally"));
  }

  @Test
  void twoOfficialsReachingForOneTaskAreToldWhatHappened() {
    Officials.regional(identityService, "daegu-deputy", "region-directors", "daegu");
    EngineRest deputy = as("daegu-deputy");
    start(daeguPlanner, "AX-DAEGU-2109", "daegu");
    String approval = daeguDirector.taskId("AX-DAEGU-2109", "Task_ApproveProposalInternally");
    assertThat(daeguDirector.post("/engine-rest/task/" + approval + "/claim", Map.of("userId", "daegu-director"))
        .status()).isEqualTo(204);

    Response second = deputy.post("/engine-rest/task/" + approval + "/claim", Map.of("userId", "daegu-deputy"));
    assertThat(second.status()).as(second.text()).isEqualTo(409);
    assertThat(second.body().path("message").asText()).contains("another official claimed this task first");

    assertThat(daeguDirector.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE"))).status()).isEqualTo(204);
    Response late = deputy.post("/engine-rest/task/" + approval + "/claim", Map.of("userId", "daegu-deputy"));
    assertThat(late.status()).as(late.text()).isEqualTo(404);
    assertThat(late.body().path("type").asText()).isEqualTo("TaskNotFound");
    Response lateCompletion = deputy.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE")));
    assertThat(lateCompletion.status()).as(lateCompletion.text()).isEqualTo(404);
  }

  @Test
  void theRightOfficialsCompletionAppearsInTheProgrammesAudit() {
    start(daeguPlanner, "AX-DAEGU-2104", "daegu");
    String approval = daeguDirector.taskId("AX-DAEGU-2104", "Task_ApproveProposalInternally");

    Response completed = daeguDirector.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE")));
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);

    JsonNode audit = daeguPlanner.getJson("/api/programmes/AX-DAEGU-2104/audit");
    assertThat(audit).singleElement().satisfies(entry -> {
      assertThat(entry.path("taskKey").asText()).isEqualTo("Task_ApproveProposalInternally");
      assertThat(entry.path("completedBy").asText()).isEqualTo("daegu-director");
      assertThat(entry.path("completedAt").isMissingNode()).isFalse();
      assertThat(entry.path("submitted").path("internalApprovalDecision").asText()).isEqualTo("APPROVE");
    });
    assertThat(manager.getJson("/api/programmes/AX-DAEGU-2104/audit")).hasSize(1);
  }

  @Test
  void aManagerReadsEverythingAndChangesNothing() {
    String daegu = start(daeguPlanner, "AX-DAEGU-2105", "daegu");
    String gwangju = start(gwangjuPlanner, "AX-GWANGJU-2105", "gwangju");
    String approval = daeguDirector.taskId("AX-DAEGU-2105", "Task_ApproveProposalInternally");

    assertThat(manager.getJson("/engine-rest/process-instance").findValuesAsText("id")).contains(daegu, gwangju);
    assertThat(manager.getJson("/engine-rest/process-instance/" + daegu + "/variables").path("totalCost")
        .path("value").asLong()).isEqualTo(5510L);
    assertThat(manager.getJson("/engine-rest/task?processInstanceId=" + daegu)).hasSize(1);
    assertThat(manager.getJson("/engine-rest/history/activity-instance?processInstanceId=" + gwangju)).isNotEmpty();

    assertThat(manager.put("/engine-rest/process-instance/" + daegu + "/suspended", Map.of("suspended", true))
        .status()).isEqualTo(403);
    assertThat(manager.put("/engine-rest/process-instance/" + daegu + "/variables/totalCost",
        Map.of("value", 1L, "type", "Long")).status()).isEqualTo(403);
    assertThat(manager.delete("/engine-rest/process-instance/" + daegu).status()).isEqualTo(403);
    assertThat(manager.post("/engine-rest/task/" + approval + "/complete",
        variables(Map.of("internalApprovalDecision", "APPROVE"))).status()).isEqualTo(403);
    assertThat(manager.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal("AX-DAEGU-2106", "daegu"))).status()).isEqualTo(403);

    JsonNode instance = admin.getJson("/engine-rest/process-instance/" + daegu);
    assertThat(instance.path("suspended").asBoolean()).isFalse();
    assertThat(admin.getJson("/engine-rest/process-instance/" + daegu + "/variables/totalCost").path("value").asLong())
        .isEqualTo(5510L);
    assertThat(admin.getJson("/engine-rest/task?processInstanceId=" + daegu)).hasSize(1);
  }

  @Test
  void aManagerUsesCockpitsApiReadOnly() {
    String daegu = start(daeguPlanner, "AX-DAEGU-2107", "daegu");
    WebappSession cockpit = WebappSession.login(port, "cockpit", "pipeline-manager", Officials.PASSWORD);

    assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance/" + daegu).status()).isEqualTo(200);
    assertThat(cockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").status())
        .isEqualTo(200);
    assertThat(cockpit.put("/camunda/api/engine/engine/default/process-instance/" + daegu + "/suspended",
        "{\"suspended\": true}").status()).isEqualTo(403);
    assertThat(cockpit.delete("/camunda/api/engine/engine/default/process-instance/" + daegu).status())
        .isEqualTo(403);

    assertThat(admin.getJson("/engine-rest/process-instance/" + daegu).path("suspended").asBoolean()).isFalse();
    WebappSession tasklistAsPlanner = WebappSession.login(port, "cockpit", "daegu-planner", Officials.PASSWORD);
    assertThat(tasklistAsPlanner.loggedIn()).as("a planner has no Cockpit access").isFalse();
  }

  private String start(EngineRest official, String code, String region) {
    Response started = official.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal(code, region)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.body().path("id").asText();
  }

  private EngineRest as(String user) {
    return EngineRest.at(port).as(user, Officials.PASSWORD);
  }
}
