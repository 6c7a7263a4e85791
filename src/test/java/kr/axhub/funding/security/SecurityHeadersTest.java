package kr.axhub.funding.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;

/** Every answer of {@code /api}, {@code /engine-rest} and the actuator carries the browser security headers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityHeadersTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  @Test
  void answersAndRefusalsOfTheApisForbidSniffingFramingAndActiveContent() throws Exception {
    Officials.national(identityService, "operator", "camunda-admin");

    for (HttpResponse<String> response : new HttpResponse[] {
        get("/engine-rest/task", null, "application/json"),
        get("/engine-rest/task", "operator", "application/json"),
        get("/api/programmes/AX-NONE-2026/audit", null, "application/json"),
        get("/api/programmes/AX-NONE-2026/audit", "operator", "application/json"),
        get("/api/no-such-page", "operator", "text/html"),
        get("/actuator/health", null, "application/json")}) {
      String what = response.request().uri() + " → " + response.statusCode();
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(what)
          .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("Strict-Transport-Security")).as("plain HTTP: " + what).isEmpty();
    }
    HttpResponse<String> page = get("/api/no-such-page", "operator", "text/html");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("html"));
  }

  @Test
  void theProductionProfileSendsHstsOverHttpsOnly() throws Exception {
    Object configured = new YamlPropertySourceLoader()
        .load("postgres", new ClassPathResource("application-postgres.yaml")).get(0)
        .getProperty("axhub.security.hsts-max-age");
    SecurityHeaders headers = new SecurityHeaders(DurationStyle.detectAndParse(String.valueOf(configured)));

    MockHttpServletRequest https = new MockHttpServletRequest("GET", "/engine-rest/task");
    https.setSecure(true);
    MockHttpServletResponse overHttps = new MockHttpServletResponse();
    headers.doFilter(https, overHttps, new MockFilterChain());
    assertThat(overHttps.getHeader("Strict-Transport-Security"))
        .isEqualTo("max-age=" + Duration.ofDays(365).toSeconds() + "; includeSubDomains");

    MockHttpServletResponse overHttp = new MockHttpServletResponse();
    headers.doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), overHttp, new MockFilterChain());
    assertThat(overHttp.getHeader("Strict-Transport-Security")).isNull();
  }

  private HttpResponse<String> get(String path, String user, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", accept);
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + Officials.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
