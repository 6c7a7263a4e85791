package kr.axhub.funding.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A client of the application's {@code /engine-rest} API as an official's tool would use it: JSON over HTTP,
 * optionally as a user (HTTP Basic). Variables are typed the way the REST API expects them.
 */
public final class EngineRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String authorization;

  private EngineRest(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  public static EngineRest at(int port) {
    return new EngineRest("http://localhost:" + port, null);
  }

  public EngineRest as(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new EngineRest(baseUrl, "Basic " + token);
  }

  /** A response: status and body (JSON when there is one). */
  public record Response(int status, JsonNode body, String text) {}

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public JsonNode getJson(String path) {
    Response response = get(path);
    if (response.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.text());
    }
    return response.body();
  }

  /** The id of the only open task of this key in the process instance with this business key. */
  public String taskId(String businessKey, String taskKey) {
    JsonNode tasks = getJson("/engine-rest/task?processInstanceBusinessKey=" + encode(businessKey)
        + "&taskDefinitionKey=" + taskKey);
    if (tasks.size() != 1) {
      throw new AssertionError("Expected one open " + taskKey + " of " + businessKey + " but found " + tasks);
    }
    return tasks.get(0).path("id").asText();
  }

  /** Body of a start, completion or form submission: {@code {"variables": {...}}} typed for the REST API. */
  public static ObjectNode variables(Map<String, ?> variables) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode typed = body.putObject("variables");
    variables.forEach((name, value) -> typed.set(name, typed(value)));
    return body;
  }

  /**
   * Body of a form submission as Tasklist 7.24 sends it: every field the form shows, read-only ones included, each
   * as {@code {"value": ...}} without a type (the REST API then infers Integer, Double, String, Boolean); lists as
   * {@code Json}.
   */
  public static ObjectNode formValues(Map<String, ?> values) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode untyped = body.putObject("variables");
    values.forEach((name, value) -> untyped.set(name, value instanceof JsonValue
        ? typed(value) : JSON.createObjectNode().set("value", JSON.valueToTree(value))));
    return body;
  }

  /** A JSON list or object, sent as the {@code Json} type, as Tasklist sends dynamic lists and checklists. */
  public record JsonValue(String json) {}

  private static ObjectNode typed(Object value) {
    ObjectNode typed = JSON.createObjectNode();
    if (value instanceof JsonValue json) {
      typed.put("value", json.json());
      typed.put("type", "Json");
    } else if (value instanceof Long number) {
      typed.put("value", number);
      typed.put("type", "Long");
    } else if (value instanceof Integer number) {
      typed.put("value", number);
      typed.put("type", "Integer");
    } else if (value instanceof Double number) {
      typed.put("value", number);
      typed.put("type", "Double");
    } else if (value instanceof Boolean flag) {
      typed.put("value", flag);
      typed.put("type", "Boolean");
    } else {
      typed.put("value", String.valueOf(value));
      typed.put("type", "String");
    }
    return typed;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
    return authorization == null ? builder : builder.header("Authorization", authorization);
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode body = text == null || text.isBlank() ? null : tryParse(text);
      return new Response(response.statusCode(), body, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tryParse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String write(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
