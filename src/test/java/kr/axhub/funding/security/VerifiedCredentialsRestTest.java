package kr.axhub.funding.security;

import static kr.axhub.funding.support.EngineRest.variables;
import static kr.axhub.funding.support.Proposals.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * HTTP Basic requests of a client reuse its recently verified credentials, and still every change of an official
 * counts from the next request on: a new password, a deleted account, a group or region taken away or given.
 * Only a change that bypasses this node (another cluster node, or SQL) waits for the credentials to expire, 10 s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VerifiedCredentialsRestTest {

  private static final String ADMIN_API = "/api/admin/notifications";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void standStill() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private EngineRest as(String userId, String password) {
    return EngineRest.at(port).as(userId, password);
  }

  @Test
  void aNewPasswordCountsAtOnceAndAWrongOneNeverPasses() {
    Officials.national(identityService, "vc-msit", "msit-officers");
    EngineRest official = as("vc-msit", Officials.PASSWORD);
    assertThat(official.get("/engine-rest/task").status()).isEqualTo(200);
    assertThat(official.get("/engine-rest/task").status()).isEqualTo(200);
    assertThat(as("vc-msit", "wrong").get("/engine-rest/task").status()).isEqualTo(401);

    User user = identityService.createUserQuery().userId("vc-msit").singleResult();
    user.setPassword("a-new-password");
    identityService.saveUser(user);

    assertThat(official.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(as("vc-msit", "a-new-password").get("/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void aDeletedOfficialIsOutAtOnce() {
    Officials.national(identityService, "vc-leaver", "kistep-reviewers");
    EngineRest official = as("vc-leaver", Officials.PASSWORD);
    assertThat(official.get("/engine-rest/task").status()).isEqualTo(200);

    identityService.deleteUser("vc-leaver");

    assertThat(official.get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void aGroupTakenAwayOrGivenCountsAtOnce() {
    Officials.national(identityService, "vc-operator", "camunda-admin");
    EngineRest operator = as("vc-operator", Officials.PASSWORD);
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(200);

    identityService.deleteMembership("vc-operator", "camunda-admin");
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(403);

    identityService.createMembership("vc-operator", "camunda-admin");
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(200);
  }

  @Test
  void aRegionTakenAwayHidesItsTasksAtOnce() {
    Officials.regional(identityService, "vc-planner", "region-planners", "daegu");
    Officials.regional(identityService, "vc-director", "region-directors", "daegu");
    EngineRest.Response start = as("vc-planner", Officials.PASSWORD).post(
        "/engine-rest/process-definition/key/ax-funding-pipeline/start", variables(proposal("AX-DAEGU-3301", "daegu")));
    assertThat(start.status()).as(start.text()).isEqualTo(200);
    EngineRest director = as("vc-director", Officials.PASSWORD);
    String count = "/engine-rest/task/count?processInstanceBusinessKey=AX-DAEGU-3301";
    assertThat(director.getJson(count).path("count").asLong()).isEqualTo(1);

    identityService.deleteTenantUserMembership("daegu", "vc-director");

    assertThat(director.getJson(count).path("count").asLong()).isZero();
  }

  @Test
  void aChangeThatBypassesThisNodeCountsOnceTheCredentialsExpire() {
    Officials.national(identityService, "vc-remote", "camunda-admin");
    EngineRest operator = as("vc-remote", Officials.PASSWORD);
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(200);

    // As another node of the cluster would: straight in the shared database.
    jdbc.update("DELETE FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = ? AND GROUP_ID_ = ?", "vc-remote", "camunda-admin");
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(200);

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 10_001));
    assertThat(operator.get(ADMIN_API).status()).isEqualTo(403);
  }
}
