package kr.axhub.funding.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of a Camunda Form (form-js JSON) that an official fills in. Read-only and disabled fields show context
 * and are not input; display-only components (text, separators) carry no value. {@code labels} names every variable
 * the form shows, input or not, so a refusal can say which field the official saw. {@code earlierRounds} maps each
 * read-only field that shows the previous visit's value of an input (custom property {@code earlierRoundOf}: the
 * input's key) to that input's key; see {@link ReviewRound}.
 */
record FormSchema(String formId, List<FormField> fields, Map<String, String> labels,
    Map<String, String> earlierRounds) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INPUT_TYPES = Set.of(
      "textfield", "textarea", "number", "checkbox", "checklist", "radio", "select", "taglist", "datetime",
      "dynamiclist");

  static FormSchema parse(InputStream formJson) {
    try {
      JsonNode root = JSON.readTree(formJson);
      Map<String, String> labels = new LinkedHashMap<>();
      Map<String, String> earlierRounds = new LinkedHashMap<>();
      labelsOf(root.path("components"), labels, earlierRounds);
      return new FormSchema(root.path("id").asText(null), fieldsOf(root.path("components"), null), labels,
          earlierRounds);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable Camunda Form: " + e.getMessage(), e);
    }
  }

  List<FormField> decisions() {
    return fields.stream().filter(FormField::isDecision).toList();
  }

  /** The fields of these components; a group's own condition hides every field inside it too. */
  private static List<FormField> fieldsOf(JsonNode components, String enclosingHide) {
    List<FormField> fields = new ArrayList<>();
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String hide = eitherHides(enclosingHide, hideCondition(component));
      if ("group".equals(type) && !component.hasNonNull("path")) {
        fields.addAll(fieldsOf(component.path("components"), hide));
        continue;
      }
      if (!INPUT_TYPES.contains(type)
          || component.path("readonly").asBoolean(false)
          || component.path("disabled").asBoolean(false)) {
        continue;
      }
      boolean dynamicList = "dynamiclist".equals(type);
      String key = dynamicList ? component.path("path").asText(null) : component.path("key").asText(null);
      if (key == null || key.isBlank()) {
        continue;
      }
      JsonNode validate = component.path("validate");
      fields.add(new FormField(
          key,
          type,
          component.path("label").asText(key),
          validate.path("required").asBoolean(false),
          decimal(validate.get("min")),
          decimal(validate.get("max")),
          integer(validate.get("minLength")),
          integer(validate.get("maxLength")),
          validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
          allowedValues(component),
          integer(component.get("decimalDigits")),
          component.hasNonNull("subtype") ? component.get("subtype").asText() : null,
          hide,
          dynamicList ? fieldsOf(component.path("components"), null) : List.of()));
    }
    return fields;
  }

  private static void labelsOf(JsonNode components, Map<String, String> labels,
      Map<String, String> earlierRounds) {
    for (JsonNode component : components) {
      String key = component.hasNonNull("path") ? component.get("path").asText()
          : component.hasNonNull("key") ? component.get("key").asText() : null;
      if (key != null && !key.isBlank()) {
        labels.putIfAbsent(key, component.path("label").asText(key));
        String earlierRoundOf = component.path("properties").path("earlierRoundOf").asText("");
        if (!earlierRoundOf.isBlank()) {
          earlierRounds.put(key, earlierRoundOf);
        }
      }
      if (!"dynamiclist".equals(component.path("type").asText())) {
        labelsOf(component.path("components"), labels, earlierRounds);
      }
    }
  }

  private static String eitherHides(String outer, String inner) {
    if (outer == null || inner == null) {
      return outer == null ? inner : outer;
    }
    return "(" + outer + ") or (" + inner + ")";
  }

  private static Set<String> allowedValues(JsonNode component) {
    if (!component.has("values")) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    component.get("values").forEach(v -> values.add(v.path("value").asText()));
    return values;
  }

  private static String hideCondition(JsonNode component) {
    JsonNode hide = component.path("conditional").path("hide");
    if (!hide.isTextual() || hide.asText().isBlank()) {
      return null;
    }
    String expression = hide.asText().trim();
    return expression.startsWith("=") ? expression.substring(1) : expression;
  }

  private static BigDecimal decimal(JsonNode node) {
    return node == null || node.isNull() || node.asText().isBlank() ? null : new BigDecimal(node.asText());
  }

  private static Integer integer(JsonNode node) {
    return node == null || node.isNull() || node.asText().isBlank() ? null : node.asInt();
  }
}
