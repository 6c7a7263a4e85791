package kr.axhub.funding.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import kr.axhub.funding.notification.Notification;
import kr.axhub.funding.notification.NotificationKind;
import kr.axhub.funding.notification.NotificationService;
import kr.axhub.funding.support.Officials;
import kr.axhub.funding.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Password guessing is slow and visible, and still nobody can lock an official out: the guesser waits longer after
 * every wrong password, the official logs in from where they usually work, the lock expires or an administrator
 * ends it, administrators are mailed, and no answer tells a wrong password from a lock or from an unknown user.
 * Client addresses come from {@code X-Forwarded-For} as behind the production load balancer. The engine's clock
 * stands still and is moved by hand, so the delays are exact.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.forward-headers-strategy=native")
@ActiveProfiles("test")
class LoginThrottlingTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ELSEWHERE = "198.51.100.3";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired NotificationService notifications;
  @Autowired MeterRegistry meters;

  private Instant now;

  @BeforeEach
  void setUp() {
    Officials.national(identityService, "operator", "camunda-admin");
    now = Instant.parse("2026-12-01T09:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aGuesserCannotLockAnOfficialOutOfTheirUsualDesk() throws Exception {
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    double locksBefore = locks("account");
    assertThat(login("daegu-director", Officials.PASSWORD, "10.1.1.1").statusCode()).isEqualTo(200);

    String guesser = "203.0.113.7";
    guessPatiently("daegu-director", guesser, 12);

    HttpResponse<String> wrong = login("daegu-director", "guess-13", guesser);
    HttpResponse<String> lockedOut = login("daegu-director", Officials.PASSWORD, guesser);
    HttpResponse<String> unknown = login("no-such-official", "guess", ELSEWHERE);
    assertThat(List.of(wrong.statusCode(), lockedOut.statusCode(), unknown.statusCode())).containsOnly(401);
    assertThat(lockedOut.body()).isEqualTo(wrong.body()).isEqualTo(unknown.body());
    assertThat(lockedOut.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
    assertThat(login("daegu-director", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(401);

    assertThat(login("daegu-director", Officials.PASSWORD, "10.1.1.1").statusCode()).isEqualTo(200);

    assertThat(guessingMails()).anySatisfy(mail -> {
      assertThat(mail.recipientAddress()).isEqualTo("operator@axhub.example.kr");
      assertThat(mail.subject()).contains("daegu-director");
      assertThat(mail.body()).contains("Unlock User", "/camunda/app/admin/default/#/users/daegu-director");
    });
    assertThat(locks("account")).isEqualTo(locksBefore + 1);
    assertThat(meters.counter(LoginAlerts.REFUSED, "reason", "account-waiting").count()).isPositive();
  }

  @Test
  void theLockExpiresByItself() throws Exception {
    Officials.national(identityService, "kistep-reviewer", "kistep-reviewers");
    guessPatiently("kistep-reviewer", "203.0.113.8", 12);
    assertThat(login("kistep-reviewer", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(401);

    tick(Duration.ofMinutes(14));
    assertThat(login("kistep-reviewer", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(401);
    tick(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(login("kistep-reviewer", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdministratorEndsTheLockInAdmin() throws Exception {
    Officials.national(identityService, "agency-officer", "agency-officers");
    guessPatiently("agency-officer", "203.0.113.9", 12);
    assertThat(login("agency-officer", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(401);

    WebappSession admin = WebappSession.login(port, "admin", "operator", Officials.PASSWORD);
    assertThat(admin.loggedIn()).isTrue();
    admin.get("/camunda/app/admin/default/");
    WebappSession.Response unlocked = admin.post("/camunda/api/engine/engine/default/user/agency-officer/unlock", "{}");
    assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(204);

    assertThat(login("agency-officer", Officials.PASSWORD, ELSEWHERE).statusCode()).isEqualTo(200);
  }

  @Test
  void anAddressTryingManyAccountsWaitsLongerAfterEveryFailure() throws Exception {
    Officials.national(identityService, "evaluator", "evaluation-panel");
    String sprayer = "192.0.2.50";
    double locksBefore = locks("address");
    for (int i = 1; i <= 20; i++) {
      assertThat(login("official-" + i, "Password1!", sprayer).statusCode()).isEqualTo(401);
      tick(Duration.ofMinutes(16));
    }
    tick(Duration.ofMinutes(-16));
    assertThat(login("evaluator", Officials.PASSWORD, sprayer).statusCode()).as("waiting 1 s").isEqualTo(401);
    tick(Duration.ofSeconds(1));
    assertThat(login("official-21", "Password1!", sprayer).statusCode()).isEqualTo(401);
    tick(Duration.ofSeconds(1));
    assertThat(login("evaluator", Officials.PASSWORD, sprayer).statusCode()).as("waiting 2 s").isEqualTo(401);
    tick(Duration.ofSeconds(1));
    assertThat(login("evaluator", Officials.PASSWORD, sprayer).statusCode()).isEqualTo(200);

    assertThat(locks("address")).isEqualTo(locksBefore + 1);
    assertThat(guessingMails()).anySatisfy(mail -> assertThat(mail.subject()).contains(sprayer));
  }

  @Test
  void theWebappLoginIsSlowedDownTheSameWay() throws Exception {
    Officials.national(identityService, "cabinet-secretary", "cabinet-secretariat");
    double locksBefore = locks("account");
    for (int i = 1; i <= 12; i++) {
      assertThat(WebappSession.login(port, "tasklist", "cabinet-secretary", "guess-" + i).loggedIn()).isFalse();
      tick(Duration.ofMinutes(16));
    }
    assertThat(WebappSession.login(port, "tasklist", "cabinet-secretary", "guess-13").loggedIn()).isFalse();
    assertThat(WebappSession.login(port, "tasklist", "cabinet-secretary", Officials.PASSWORD).loggedIn())
        .as("the account waits").isFalse();
    assertThat(WebappSession.login(port, "tasklist", "nobody-at-all", "guess").loggedIn()).isFalse();
    assertThat(locks("account")).isEqualTo(locksBefore + 1);

    tick(Duration.ofMinutes(16));
    assertThat(WebappSession.login(port, "tasklist", "cabinet-secretary", Officials.PASSWORD).loggedIn()).isTrue();
  }

  /** Wrong passwords, each after the previous delay has passed: what a patient guesser achieves. */
  private void guessPatiently(String userId, String address, int times) throws Exception {
    for (int i = 1; i <= times; i++) {
      assertThat(login(userId, "guess-" + i, address).statusCode()).isEqualTo(401);
      tick(i < times ? Duration.ofMinutes(16) : Duration.ofSeconds(1));
    }
  }

  private List<Notification> guessingMails() {
    return notifications.list(null, null, 500).stream()
        .filter(notification -> notification.kind() == NotificationKind.LOGIN_GUESSING).toList();
  }

  private double locks(String scope) {
    return meters.counter(LoginAlerts.LOCKS, "scope", scope).count();
  }

  private void tick(Duration duration) {
    now = now.plus(duration);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private HttpResponse<String> login(String user, String password, String address)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task?maxResults=1"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .header("X-Forwarded-For", address)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
