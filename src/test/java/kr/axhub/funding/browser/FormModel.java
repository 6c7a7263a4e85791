package kr.axhub.funding.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployed Camunda Form as the test reads it from the classpath: which component a variable key belongs to (form-js
 * names the DOM after component ids, not keys), the options of decisions and selects, and the labels to expect.
 */
final class FormModel {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String id;
  /** Top-level and grouped fields by key; dynamic-list children by "list.key". */
  final Map<String, JsonNode> fields = new LinkedHashMap<>();
  final List<JsonNode> labelled = new ArrayList<>();

  private FormModel(String id, JsonNode form) {
    this.id = id;
    collect(form.path("components"), "");
  }

  static FormModel load(String formId) {
    try (InputStream in = FormModel.class.getClassLoader().getResourceAsStream("processes/forms/" + formId + ".form")) {
      if (in == null) {
        throw new IllegalArgumentException("No form processes/forms/" + formId + ".form on the classpath");
      }
      return new FormModel(formId, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collect(JsonNode components, String prefix) {
    for (JsonNode component : components) {
      if (component.hasNonNull("label")) {
        labelled.add(component);
      }
      String type = component.path("type").asText();
      if ("dynamiclist".equals(type)) {
        fields.put(prefix + component.path("path").asText(), component);
        collect(component.path("components"), prefix + component.path("path").asText() + ".");
      } else if (component.has("components")) {
        collect(component.path("components"), prefix);
      } else if (component.hasNonNull("key")) {
        fields.put(prefix + component.path("key").asText(), component);
      }
    }
  }

  JsonNode field(String key) {
    JsonNode field = fields.get(key);
    if (field == null) {
      throw new AssertionError("Form " + id + " has no field '" + key + "'; it has " + fields.keySet());
    }
    return field;
  }

  String componentId(String key) {
    return field(key).path("id").asText();
  }

  String type(String key) {
    return field(key).path("type").asText();
  }

  boolean readonly(String key) {
    return field(key).path("readonly").asBoolean(false);
  }

  /** Position of a value among a radio's, select's or checklist's options. */
  int optionIndex(String key, String value) {
    JsonNode values = field(key).path("values");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).path("value").asText().equals(value)) {
        return i;
      }
    }
    throw new AssertionError(id + "." + key + " offers no option '" + value + "'");
  }

  String optionLabel(String key, String value) {
    return field(key).path("values").get(optionIndex(key, value)).path("label").asText();
  }

  /** Read-only fields outside dynamic lists: the context an official decides on. */
  List<String> readonlyKeys() {
    return fields.keySet().stream().filter(key -> !key.contains(".") && readonly(key)).toList();
  }
}
