package kr.axhub.funding.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Applies a form's own rules to submitted values, exactly as form-js applies them in the browser: required, type,
 * min/max, length, pattern, allowed values, date format and the fields of every dynamic-list item. Values are
 * normalised to the type the form implies: whole-number fields ({@code decimalDigits: 0}, i.e. money in 억원) to
 * {@link Long}, because browsers submit JavaScript numbers and money must never be stored as floating point; other
 * numbers (scores) to {@link Double}; lists to {@code Json}.
 */
final class FormInputValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the validation found: violations to refuse with, or values to store in normalised form. */
  record Outcome(List<Violation> violations, Map<String, Object> normalised) {}

  private FormInputValidator() {}

  static Outcome validate(List<FormField> fields, Map<String, Object> values, Predicate<String> hidden) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Object> normalised = new LinkedHashMap<>();
    for (FormField field : fields) {
      if (field.hideCondition() != null && hidden.test(field.hideCondition())) {
        continue;
      }
      Object value = values.get(field.key());
      Object checked = check(field, value, field.key(), violations);
      if (checked != value && checked != null) {
        normalised.put(field.key(), checked);
      }
    }
    return new Outcome(violations, normalised);
  }

  /** Returns the value to store: the same object, a normalised one, or null when it was refused or absent. */
  private static Object check(FormField field, Object value, String path, List<Violation> violations) {
    if (isEmpty(value)) {
      if (field.required()) {
        violations.add(new Violation(path, field.label(), "필수 입력 항목입니다 (is required)"));
      }
      return null;
    }
    return switch (field.type()) {
      case "number" -> checkNumber(field, value, path, violations);
      case "checkbox" -> checkBoolean(field, value, path, violations);
      case "radio", "select" -> checkChoice(field, value, path, violations);
      case "checklist", "taglist" -> checkChoices(field, value, path, violations);
      case "datetime" -> checkDate(field, value, path, violations);
      case "dynamiclist" -> checkList(field, value, path, violations);
      default -> checkText(field, value, path, violations);
    };
  }

  private static Object checkText(FormField field, Object value, String path, List<Violation> violations) {
    if (!(value instanceof String text)) {
      violations.add(new Violation(path, field.label(), "문자열이어야 합니다 (must be text)"));
      return null;
    }
    if (field.minLength() != null && text.length() < field.minLength()) {
      violations.add(new Violation(path, field.label(), "최소 " + field.minLength() + "자 이상이어야 합니다 (must have at least "
          + field.minLength() + " characters)"));
    }
    if (field.maxLength() != null && text.length() > field.maxLength()) {
      violations.add(new Violation(path, field.label(), "최대 " + field.maxLength() + "자까지 입력할 수 있습니다 (must have at most "
          + field.maxLength() + " characters)"));
    }
    if (field.pattern() != null && !matches(field.pattern(), text)) {
      violations.add(new Violation(path, field.label(), "형식이 맞지 않습니다: " + field.pattern()
          + " (does not match the pattern " + field.pattern() + ")"));
    }
    return value;
  }

  private static Object checkNumber(FormField field, Object value, String path, List<Violation> violations) {
    BigDecimal number = toDecimal(value);
    if (number == null) {
      violations.add(new Violation(path, field.label(), "숫자여야 합니다 (must be a number)"));
      return null;
    }
    int allowedDigits = field.decimalDigits() == null ? Integer.MAX_VALUE : field.decimalDigits();
    if (Math.max(number.stripTrailingZeros().scale(), 0) > allowedDigits) {
      violations.add(new Violation(path, field.label(), allowedDigits == 0
          ? "정수여야 합니다 (must be a whole number)"
          : "소수점 이하 " + allowedDigits + "자리까지 입력할 수 있습니다 (at most " + allowedDigits + " decimal digits)"));
      return null;
    }
    boolean inRange = true;
    if (field.min() != null && number.compareTo(field.min()) < 0) {
      violations.add(new Violation(path, field.label(), field.min().toPlainString() + " 이상이어야 합니다 (must be at least "
          + field.min().toPlainString() + ")"));
      inRange = false;
    }
    if (field.max() != null && number.compareTo(field.max()) > 0) {
      violations.add(new Violation(path, field.label(), field.max().toPlainString() + " 이하여야 합니다 (must be at most "
          + field.max().toPlainString() + ")"));
      inRange = false;
    }
    if (!inRange) {
      return null;
    }
    if (allowedDigits == 0) {
      return value instanceof Long ? value : number.longValueExact();
    }
    return value instanceof Double ? value : number.doubleValue();
  }

  private static Object checkBoolean(FormField field, Object value, String path, List<Violation> violations) {
    if (!(value instanceof Boolean checked)) {
      violations.add(new Violation(path, field.label(), "참/거짓 값이어야 합니다 (must be true or false)"));
      return null;
    }
    if (field.required() && !checked) {
      violations.add(new Violation(path, field.label(), "확인이 필요합니다 (must be checked)"));
    }
    return value;
  }

  private static Object checkChoice(FormField field, Object value, String path, List<Violation> violations) {
    if (!(value instanceof String choice)) {
      violations.add(new Violation(path, field.label(), "선택 값(문자열)이어야 합니다 (must be one of the choices, as text)"));
      return null;
    }
    if (field.allowedValues() != null && !field.allowedValues().contains(choice)) {
      violations.add(new Violation(path, field.label(), "허용되지 않는 값 '" + choice + "' — 가능한 값 " + field.allowedValues()
          + " (is not one of " + field.allowedValues() + ")"));
      return null;
    }
    return value;
  }

  private static Object checkChoices(FormField field, Object value, String path, List<Violation> violations) {
    JsonNode list = JsonValues.of(value);
    if (list == null || !list.isArray()) {
      violations.add(new Violation(path, field.label(), "목록이어야 합니다 (must be a list)"));
      return null;
    }
    if (field.required() && list.isEmpty()) {
      violations.add(new Violation(path, field.label(), "하나 이상 선택해야 합니다 (at least one must be chosen)"));
    }
    for (JsonNode item : list) {
      if (!item.isTextual() || (field.allowedValues() != null && !field.allowedValues().contains(item.asText()))) {
        violations.add(new Violation(path, field.label(), "허용되지 않는 값 " + item + " — 가능한 값 " + field.allowedValues()
            + " (is not one of " + field.allowedValues() + ")"));
      }
    }
    return asJson(value, list);
  }

  private static Object checkDate(FormField field, Object value, String path, List<Violation> violations) {
    String subtype = field.subtype() == null ? "date" : field.subtype();
    if (value instanceof String text) {
      try {
        switch (subtype) {
          case "time" -> LocalTime.parse(text.length() > 5 && text.charAt(5) != ':' ? text.substring(0, 5) : text);
          case "datetime" -> parseDateTime(text);
          default -> LocalDate.parse(text);
        }
        return value;
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    String expected = switch (subtype) {
      case "time" -> "시각 HH:mm (a time HH:mm)";
      case "datetime" -> "일시 yyyy-MM-ddTHH:mm (a date and time yyyy-MM-ddTHH:mm)";
      default -> "날짜 yyyy-MM-dd (a date yyyy-MM-dd)";
    };
    violations.add(new Violation(path, field.label(), "형식이 맞지 않습니다: " + expected));
    return null;
  }

  private static void parseDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      LocalDateTime.parse(text);
    }
  }

  private static Object checkList(FormField field, Object value, String path, List<Violation> violations) {
    JsonNode list = JsonValues.of(value);
    if (list == null || !list.isArray()) {
      violations.add(new Violation(path, field.label(), "목록이어야 합니다 (must be a list)"));
      return null;
    }
    int index = 0;
    for (JsonNode item : list) {
      String itemPath = path + "[" + index++ + "]";
      if (item.getNodeType() != JsonNodeType.OBJECT) {
        violations.add(new Violation(itemPath, field.label(), "항목이어야 합니다 (must be an entry with fields)"));
        continue;
      }
      for (FormField child : field.children()) {
        JsonNode childValue = item.get(child.key());
        check(child, childValue == null || childValue.isNull() ? null : JSON.convertValue(childValue, Object.class),
            itemPath + "." + child.key(), violations);
      }
    }
    return asJson(value, list);
  }

  /** Lists are stored as {@code Json}, as Tasklist submits them, whatever a client sent (a Java list, an object). */
  private static Object asJson(Object value, JsonNode list) {
    return value instanceof SpinJsonNode ? value : Spin.JSON(list.toString());
  }

  private static boolean isEmpty(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  static BigDecimal toDecimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
    }
    return null;
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).matches();
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("The form's pattern " + pattern + " is not a valid expression", e);
    }
  }
}
