package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Real HTTP requests to the application on its loopback port, each authenticated with HTTP Basic as an official, as
 * Tasklist's and Cockpit's REST calls and API clients are: every request pays for authentication, authorization and
 * tenant checks, JSON and the connection pool.
 */
final class GrowthClient {

  record Response(int status, String body, double millis) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String password;

  GrowthClient(int port, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.password = password;
  }

  Response get(String official, String path, String accept) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(5))
        .header("Accept", accept)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((official + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .GET().build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), (System.nanoTime() - started) / 1e6);
  }

  /** The body of a request that must succeed. */
  String body(String official, String path, String accept) throws IOException, InterruptedException {
    Response response = get(official, path, accept);
    if (response.status() != 200) {
      throw new IllegalStateException("GET " + path + " as " + official + " answered " + response.status() + ": "
          + response.body());
    }
    return response.body();
  }

  /**
   * Latencies of up to {@code requests} successful requests, one after another, after {@code warmups} unmeasured
   * ones; a slow query warms up with one request once a quarter of {@code budget} is spent and stops measuring after
   * {@code budget} once it has at least {@code minimum} requests.
   */
  Stats time(String official, String path, String accept, int warmups, int requests, int minimum, Duration budget)
      throws IOException, InterruptedException {
    long warm = System.nanoTime() + budget.toNanos() / 4;
    for (int i = 0; i < warmups && (i == 0 || System.nanoTime() < warm); i++) {
      body(official, path, accept);
    }
    List<Double> millis = new ArrayList<>();
    long deadline = System.nanoTime() + budget.toNanos();
    for (int i = 0; i < requests && (i < minimum || System.nanoTime() < deadline); i++) {
      Response response = get(official, path, accept);
      if (response.status() != 200) {
        throw new IllegalStateException("GET " + path + " as " + official + " answered " + response.status());
      }
      millis.add(response.millis());
    }
    return Stats.of(millis);
  }
}
