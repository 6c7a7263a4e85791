package kr.axhub.funding.reporting;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * How every managers' report answers, whatever it reports: JSON or CSV as the client asks, CSV readable by Excel,
 * never computed for nobody, and the same refusal for a programme that does not exist as for one the official may
 * not see (so a report never tells an official that a programme of another region exists).
 */
public final class ReportResponses {

  private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  /** Excel reads a CSV file as UTF-8 (and shows Korean) only when it starts with a byte-order mark. */
  private static final String BOM = "\uFEFF";
  private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ReportResponses() {}

  /** {@code ?format=csv} wins over the Accept header, so a link in a page can ask for CSV. */
  public static boolean wantsCsv(String format, String accept) {
    return format != null ? format.equalsIgnoreCase("csv") : accept != null && accept.contains("text/csv");
  }

  /** Without an official the engine would answer unchecked: never report to nobody. */
  public static void requireAuthentication(IdentityService identityService) {
    if (identityService.getCurrentAuthentication() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "로그인이 필요합니다 (authentication required)");
    }
  }

  public static ResponseStatusException notFound(String what) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND,
        "사업 " + what + "을(를) 찾을 수 없습니다 (no programme " + what + " you may see)");
  }

  /** Rows (the first is the header) as a UTF-8 CSV attachment; times in Korean time, to the second. */
  public static ResponseEntity<byte[]> csv(String fileName, List<List<Object>> rows) {
    StringBuilder text = new StringBuilder(BOM);
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append(cell(row.get(i)));
      }
      text.append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(fileName, StandardCharsets.UTF_8).build().toString())
        .body(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof OffsetDateTime time ? CSV_TIME.format(time) : value.toString();
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
