package kr.axhub.funding.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which of the variables an official submits their form lets them set: the form's editable fields that its own
 * conditions show for the values as they will be. Everything else — a read-only field, a field the form hides, a
 * variable the form does not have — is refused, unless it only repeats what is stored (Tasklist sends every shown
 * field back, read-only ones included): such a value is ignored, so the stored one stays exactly as it was.
 */
final class EditableInput {

  /** What the check found: the refused variables, and the unchanged ones to leave out of the submission. */
  record Outcome(List<Violation> refused, Set<String> unchanged) {}

  private EditableInput() {}

  /**
   * @param submitted the submitted values, by variable name
   * @param stored the values as they are now
   * @param hidden whether a {@code conditional.hide} expression hides its field for the given values
   */
  static Outcome check(FormSchema form, Map<String, Object> submitted, Map<String, Object> stored,
      BiPredicate<String, Map<String, Object>> hidden) {
    Map<String, Object> after = ScopeVariables.over(submitted, stored);
    Predicate<FormField> shown = field -> field.hideCondition() == null || !hidden.test(field.hideCondition(), after);
    Map<String, FormField> editable = new HashMap<>();
    Set<String> hiddenKeys = new LinkedHashSet<>();
    if (form != null) {
      for (FormField field : form.fields()) {
        if (shown.test(field)) {
          editable.put(field.key(), field);
        } else {
          hiddenKeys.add(field.key());
        }
      }
    }
    List<Violation> refused = new ArrayList<>();
    Set<String> unchanged = new LinkedHashSet<>();
    submitted.forEach((name, value) -> {
      if (editable.containsKey(name)) {
        return;
      }
      if (sameValue(value, stored.get(name))) {
        unchanged.add(name);
        return;
      }
      String label = form == null ? null : form.labels().get(name);
      String reason;
      if (hiddenKeys.contains(name)) {
        reason = "이 결정에서는 양식이 숨기는 항목이라 입력할 수 없습니다 (the form hides this field for this decision)";
      } else if (label != null) {
        reason = "이 양식에서 읽기 전용이라 바꿀 수 없습니다 (read-only in this form)";
      } else {
        reason = "이 양식에 없는 항목이라 바꿀 수 없습니다 (not a field of this form)";
      }
      refused.add(new Violation(name, label, reason));
    });
    return new Outcome(refused, unchanged);
  }

  /**
   * Whether a submitted value repeats the stored one: the same number whatever its Java type (browsers send
   * JavaScript numbers), the same JSON, the same text, or nothing where nothing is stored (an empty read-only field
   * comes back as an empty text, false, or an empty list).
   */
  static boolean sameValue(Object submitted, Object stored) {
    if (isEmpty(submitted) || isEmpty(stored)) {
      return isEmpty(submitted) && isEmpty(stored);
    }
    if (submitted instanceof Number || stored instanceof Number) {
      BigDecimal submittedNumber = number(submitted);
      BigDecimal storedNumber = number(stored);
      return submittedNumber != null && storedNumber != null && submittedNumber.compareTo(storedNumber) == 0;
    }
    JsonNode submittedJson = JsonValues.of(submitted);
    JsonNode storedJson = JsonValues.of(stored);
    if (submittedJson != null && storedJson != null) {
      return submittedJson.equals(JsonValues.NUMBERS_BY_VALUE, storedJson);
    }
    return Objects.equals(submitted, stored);
  }

  private static boolean isEmpty(Object value) {
    if (value == null || Boolean.FALSE.equals(value) || value instanceof String text && text.isBlank()) {
      return true;
    }
    JsonNode json = JsonValues.of(value);
    return json != null && json.isContainerNode() && json.isEmpty();
  }

  /** A number, or the text of one: a read-only text field may show a number. */
  private static BigDecimal number(Object value) {
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return FormInputValidator.toDecimal(value);
  }
}
