package kr.axhub.funding.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One input of a deployed Camunda Form with the rules the form enforces in the browser; the server enforces the
 * same ones. {@code children} holds the fields of each item of a dynamic list.
 */
record FormField(
    String key,
    String type,
    String label,
    boolean required,
    BigDecimal min,
    BigDecimal max,
    Integer minLength,
    Integer maxLength,
    String pattern,
    Set<String> allowedValues,
    Integer decimalDigits,
    String subtype,
    String hideCondition,
    List<FormField> children) {

  boolean isDecision() {
    return "radio".equals(type);
  }

  boolean isDynamicList() {
    return "dynamiclist".equals(type);
  }
}
