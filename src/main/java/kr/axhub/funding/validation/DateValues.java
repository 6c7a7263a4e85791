package kr.axhub.funding.validation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Calendar days as variables hold them: forms submit ISO dates (2026-12-08) as text, the Java API may pass a
 * {@link LocalDate} or a {@link Date}, which is read as the day it is in Korea.
 */
public final class DateValues {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private DateValues() {}

  /** The day a variable stands for, or null when it holds none. */
  public static LocalDate of(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(SEOUL).toLocalDate();
    }
    if (value instanceof String text) {
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
