package kr.axhub.funding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated region director working through {@code /engine-rest} as Tasklist does, in a closed loop, without
 * think time or pausing an exponentially distributed think time (reading the form) before each task: list the group's open unclaimed tasks (newest first, one page of 15), claim one of them at random,
 * complete it with an approval. A claim refused because another director took the task first is a conflict, not an
 * error: the director lists the tasks again. Every request carries the director's HTTP Basic credentials and goes
 * through the director's own HTTP client (HTTP/1.1, connections kept alive). Latencies are recorded per operation,
 * in milliseconds, for successful requests only; a refused or failed request (also a completion refused by
 * validation, 400) counts as an error of its operation.
 */
final class RestLatencyOfficial implements Runnable {

  enum Operation {
    QUERY("task query"), CLAIM("claim"), CONFLICT("claim (conflict)"), COMPLETE("complete"),
    /** From the first list of a task to its completion, lost claims and their new lists included. */
    TASK("whole task");

    final String label;

    Operation(String label) {
      this.label = label;
    }
  }

  /** What the directors of one run share: the number of completions wanted, and when to give up. */
  static final class Run {

    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    private final int target;
    private final int errorLimit;
    private final long deadline;
    final CountDownLatch ready;
    final CountDownLatch go = new CountDownLatch(1);

    Run(int officials, int target, int errorLimit, Duration limit) {
      this.target = target;
      this.errorLimit = errorLimit;
      this.deadline = System.nanoTime() + limit.toNanos();
      this.ready = new CountDownLatch(officials);
    }

    boolean over() {
      return completions.get() >= target || errors.get() >= errorLimit || System.nanoTime() > deadline;
    }

    boolean reachedTarget() {
      return completions.get() >= target;
    }
  }

  static final int PAGE = 15;
  static final String TASK_LIST = "/engine-rest/task?candidateGroup=region-directors&unassigned=true"
      + "&sortBy=created&sortOrder=desc&firstResult=0&maxResults=" + PAGE;
  private static final String APPROVAL = "{\"variables\": {\"internalApprovalDecision\": {\"value\": \"APPROVE\"}}}";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Answer(int status, String body, double millis) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String userId;
  private final String base;
  private final String authorization;
  private final Run run;
  private final double thinkMillis;
  private long taskStart;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  final Map<Operation, List<Double>> latencies = new EnumMap<>(Operation.class);
  final Map<Operation, Integer> errors = new EnumMap<>(Operation.class);
  /** Conflicting claims by the answer's status and exception type, e.g. {@code 500 TaskAlreadyClaimedException}. */
  final Map<String, Integer> conflicts = new TreeMap<>();
  /** Errors by operation, the answer's status and exception type, e.g. {@code complete 500 ProcessEngineException}. */
  final Map<String, Integer> errorKinds = new TreeMap<>();
  int completed;
  /**
   * Completions that got no answer (a timeout or a broken connection): the server may have committed them or not,
   * so the history decides.
   */
  int unanswered;
  boolean ranOut;
  String firstError;

  /** {@code thinkMillis}: the mean pause before each task, 0 for none. */
  RestLatencyOfficial(String userId, String password, int port, Run run, double thinkMillis) {
    this.thinkMillis = thinkMillis;
    this.userId = userId;
    this.base = "http://127.0.0.1:" + port;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.run = run;
    for (Operation operation : Operation.values()) {
      latencies.put(operation, new ArrayList<>());
      errors.put(operation, 0);
    }
  }

  @Override
  public void run() {
    try {
      // Opens the connection and checks the credentials before the clock starts.
      Answer first = send(get(TASK_LIST));
      if (!first.ok()) {
        error(Operation.QUERY, first);
      }
    } finally {
      run.ready.countDown();
    }
    try {
      run.go.await();
      boolean tasksLeft = true;
      think();
      while (tasksLeft && !run.over()) {
        tasksLeft = once();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Pauses a think time, exponentially distributed (officials finish reading independently of each other). */
  private void think() throws InterruptedException {
    if (thinkMillis > 0) {
      Thread.sleep(Math.round(-thinkMillis * Math.log(1 - ThreadLocalRandom.current().nextDouble())));
    }
    taskStart = System.nanoTime();
  }

  /** One pass of the loop; false when the director's region has no unclaimed task left. */
  private boolean once() throws InterruptedException {
    Answer list = send(get(TASK_LIST));
    if (!list.ok()) {
      error(Operation.QUERY, list);
      return true;
    }
    latencies.get(Operation.QUERY).add(list.millis());
    List<String> tasks = taskIds(list.body());
    if (tasks.isEmpty()) {
      ranOut = true;
      return false;
    }
    String task = tasks.get(ThreadLocalRandom.current().nextInt(tasks.size()));
    Answer claim = send(post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"" + userId + "\"}"));
    if (!claim.ok()) {
      String conflict = conflict(claim, task);
      if (conflict == null) {
        error(Operation.CLAIM, claim);
      } else {
        latencies.get(Operation.CONFLICT).add(claim.millis());
        conflicts.merge(conflict, 1, Integer::sum);
      }
      return true;
    }
    latencies.get(Operation.CLAIM).add(claim.millis());
    Answer complete = send(post("/engine-rest/task/" + task + "/complete", APPROVAL));
    if (!complete.ok()) {
      unanswered += complete.status() < 0 ? 1 : 0;
      error(Operation.COMPLETE, complete);
      return true;
    }
    latencies.get(Operation.COMPLETE).add(complete.millis());
    latencies.get(Operation.TASK).add((System.nanoTime() - taskStart) / 1e6);
    completed++;
    run.completions.incrementAndGet();
    if (!run.over()) {
      think();
    }
    return true;
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, String json) {
    return request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Authorization", authorization).header("Accept", "application/json");
  }

  private Answer send(HttpRequest request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e6);
    } catch (IOException e) {
      return new Answer(-1, e.toString(), (System.nanoTime() - start) / 1e6);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, e.toString(), (System.nanoTime() - start) / 1e6);
    }
  }

  private static List<String> taskIds(String body) {
    List<String> ids = new ArrayList<>();
    try {
      for (JsonNode task : JSON.readTree(body)) {
        ids.add(task.get("id").asText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("Not a task list: " + body, e);
    }
    return ids;
  }

  /**
   * The kind of a claim that lost a race with another director's claim or completion of the same task, or null when
   * the refusal is something else: the task was claimed meanwhile (409 TaskAlreadyClaimed; Camunda's own REST API
   * answers 500 TaskAlreadyClaimedException), both claims ran at once (OptimisticLockingException), or the task
   * was completed meanwhile (404 TaskNotFound; or 403 when the completion
   * removed the task's authorizations while the claim ran, confirmed by the task being gone).
   */
  private String conflict(Answer claim, String task) {
    JsonNode body = json(claim.body());
    String type = body.path("type").asText("");
    boolean gone = claim.status() == 404 || body.path("message").asText("").startsWith("Cannot find task")
        || claim.status() == 403 && send(get("/engine-rest/task/" + task)).status() == 404;
    if (gone || claim.status() == 409 || type.equals("OptimisticLockingException")
        || type.equals("TaskAlreadyClaimedException")) {
      return claim.status() + " " + type;
    }
    return null;
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }

  private void error(Operation operation, Answer answer) {
    errors.merge(operation, 1, Integer::sum);
    String type = answer.status() < 0 ? answer.body().replaceAll(":.*", "")
        : json(answer.body()).path("type").asText("");
    errorKinds.merge(operation.label + " " + answer.status() + " " + type, 1, Integer::sum);
    run.errors.incrementAndGet();
    if (firstError == null) {
      String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
      firstError = operation.label + " by " + userId + ": " + answer.status() + " " + body;
    }
  }
}
