package kr.axhub.funding.reporting;

import static kr.axhub.funding.reporting.ReportResponses.csv;
import static kr.axhub.funding.reporting.ReportResponses.notFound;
import static kr.axhub.funding.reporting.ReportResponses.wantsCsv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.axhub.funding.identity.Regions;
import kr.axhub.funding.reporting.ProgrammeReports.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The managers' reports, in JSON or CSV ({@code ?format=csv} or {@code Accept: text/csv}). Served twice: under
 * {@code /api/reporting} for API clients (HTTP Basic, see package security) and under
 * {@code /camunda/api/axhub/reporting} for the Cockpit plugin, where Camunda's webapp session login and CSRF
 * protection already guard every request. Either way the report is computed as the calling official.
 */
@RestController
@RequestMapping({"/api/reporting", "/camunda/api/axhub/reporting"})
public class ReportingController {

  private static final int MAX_PAGE = 500;
  static final String TOTAL_COUNT = "X-Total-Count";

  private final ProgrammeReports reports;
  private final IdentityService identityService;

  public ReportingController(ProgrammeReports reports, IdentityService identityService) {
    this.reports = reports;
    this.identityService = identityService;
  }

  @GetMapping("/programmes")
  public ResponseEntity<?> programmes(@RequestParam(required = false) String region,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Integer firstResult, @RequestParam(required = false) Integer maxResults,
      @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
      String accept) {
    Filter filter = filter(region, from, to);
    if (firstResult == null && maxResults == null) {
      List<ProgrammeReport> programmes = reports.programmes(filter);
      return wantsCsv(format, accept) ? csv("programmes.csv", visitRows(programmes)) : ResponseEntity.ok(programmes);
    }
    int first = firstResult == null ? 0 : firstResult;
    int max = maxResults == null ? MAX_PAGE : maxResults;
    if (first < 0 || max < 1 || max > MAX_PAGE) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "쪽 범위가 올바르지 않습니다 (firstResult must be >= 0"
          + " and maxResults between 1 and " + MAX_PAGE + ")");
    }
    List<ProgrammeReport> page = reports.programmes(filter, first, max);
    // The page is the body, as without paging; the total lets a client show "21–40 of 57".
    return wantsCsv(format, accept) ? csv("programmes.csv", visitRows(page))
        : ResponseEntity.ok().header(TOTAL_COUNT, String.valueOf(reports.count(filter))).body(page);
  }

  @GetMapping("/programmes/{code}")
  public ResponseEntity<?> programme(@PathVariable String code, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    requireAuthentication();
    ProgrammeReport programme = reports.programme(code).orElseThrow(() -> notFound(code));
    return wantsCsv(format, accept) ? csv(code + ".csv", visitRows(List.of(programme)))
        : ResponseEntity.ok(programme);
  }

  @GetMapping("/process-instances/{id}")
  public ResponseEntity<?> processInstance(@PathVariable String id, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    requireAuthentication();
    ProgrammeReport programme = reports.processInstance(id).orElseThrow(() -> notFound(id));
    return wantsCsv(format, accept) ? csv(programme.programme() + ".csv", visitRows(List.of(programme)))
        : ResponseEntity.ok(programme);
  }

  @GetMapping("/stages")
  public ResponseEntity<?> stages(@RequestParam(required = false) String region,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
      String accept) {
    List<StageStatistics> stages = reports.stages(filter(region, from, to));
    return wantsCsv(format, accept) ? csv("stages.csv", stageRows(stages)) : ResponseEntity.ok(stages);
  }

  private Filter filter(String region, LocalDate from, LocalDate to) {
    requireAuthentication();
    if (region != null && !region.isBlank() && !Regions.isRegion(region)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "알 수 없는 지역입니다 (unknown region '" + region
          + "'; one of " + String.join(", ", Regions.ALL) + ")");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "기간의 끝이 시작보다 앞섭니다 (period ends before it starts: from " + from + " to " + to + ")");
    }
    return new Filter(region == null || region.isBlank() ? null : region, from, to);
  }

  private void requireAuthentication() {
    ReportResponses.requireAuthentication(identityService);
  }

  private static List<List<Object>> visitRows(List<ProgrammeReport> programmes) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("programme", "programmeName", "region", "state", "stage", "stageName", "visit", "entered",
        "left", "durationDays", "open", "outcome", "actor", "decidedAt", "waitingAt", "dueDate"));
    for (ProgrammeReport p : programmes) {
      for (ProgrammeReport.Visit v : p.visits()) {
        rows.add(java.util.Arrays.asList(p.programme(), p.name(), p.region(), p.state(), v.stage(), v.stageLabel(),
            v.visit(), v.entered(), v.left(), v.durationDays(), v.open(), v.outcome(), v.actor(), v.decidedAt(),
            v.waitingAt(), v.dueDate()));
      }
    }
    return rows;
  }

  private static List<List<Object>> stageRows(List<StageStatistics> stages) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("stage", "stageName", "count", "programmes", "medianDays", "p90Days", "maxDays", "medianMillis",
        "p90Millis", "maxMillis", "waitingNow"));
    for (StageStatistics s : stages) {
      rows.add(java.util.Arrays.asList(s.stage(), s.stageLabel(), s.count(), s.programmes(), s.medianDays(),
          s.p90Days(), s.maxDays(), s.medianMillis(), s.p90Millis(), s.maxMillis(), s.waitingNow()));
    }
    return rows;
  }
}
