package kr.axhub.funding.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser-like session of Camunda's webapps (Cockpit, Tasklist, Admin): login form, session cookie and the CSRF
 * token the webapps require on every call that is not a GET.
 */
public final class WebappSession {

  /** A response: status and body text. */
  public record Response(int status, String text) {}

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private boolean loggedIn;

  private WebappSession(int port) {
    this.baseUrl = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** Logs in to an app ({@code cockpit}, {@code tasklist}, {@code admin}); {@link #loggedIn()} tells the outcome. */
  public static WebappSession login(int port, String app, String user, String password) {
    WebappSession session = new WebappSession(port);
    session.get("/camunda/app/" + app + "/default/");
    Response login = session.send(HttpRequest.newBuilder(URI.create(session.baseUrl
            + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))));
    session.loggedIn = login.status() == 200;
    return session;
  }

  public boolean loggedIn() {
    return loggedIn;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json").GET());
  }

  public Response post(String path, String json) {
    return send(withCsrf(path).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(withCsrf(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path) {
    return send(withCsrf(path).DELETE());
  }

  private HttpRequest.Builder withCsrf(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", csrfToken());
  }

  private String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst().orElse("");
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
