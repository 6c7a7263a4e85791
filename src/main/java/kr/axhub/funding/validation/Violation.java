package kr.axhub.funding.validation;

/**
 * One reason an official's input is refused: the field (variable name), its label as the form shows it, and
 * what is wrong, in Korean first and English after.
 */
public record Violation(String field, String label, String message) {

  @Override
  public String toString() {
    return label == null || label.isBlank()
        ? "'" + field + "': " + message
        : "'" + field + "' (" + label + "): " + message;
  }
}
