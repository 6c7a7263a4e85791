package kr.axhub.funding.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads list- and object-valued variables: Tasklist submits checklists and dynamic lists as {@code Json} (Spin)
 * variables, Java callers may pass collections or maps. Text is not a list, even when it looks like JSON.
 */
public final class JsonValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Compares JSON numbers by value: 5, 5.0 and a long 5 are the same number. */
  static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b) ? 0
      : a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

  private JsonValues() {}

  /** The value as a JSON tree, or null when it is absent or not a JSON value. */
  public static JsonNode of(Object value) {
    try {
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
    } catch (Exception unreadable) {
      return null;
    }
    return null;
  }
}
