package kr.axhub.funding.forecast;

import static kr.axhub.funding.reporting.ReportResponses.csv;
import static kr.axhub.funding.reporting.ReportResponses.notFound;
import static kr.axhub.funding.reporting.ReportResponses.wantsCsv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.axhub.funding.forecast.ProgrammeForecast.StageForecast;
import kr.axhub.funding.reporting.ReportResponses;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The launch forecast in JSON or CSV, beside the reports and guarded the same way: under {@code /api/forecast}
 * (HTTP Basic) and {@code /camunda/api/axhub/forecast} (the Cockpit session), computed as the calling official.
 */
@RestController
@RequestMapping({"/api/forecast", "/camunda/api/axhub/forecast"})
public class ForecastController {

  private final ProgrammeForecasts forecasts;
  private final IdentityService identityService;

  public ForecastController(ProgrammeForecasts forecasts, IdentityService identityService) {
    this.forecasts = forecasts;
    this.identityService = identityService;
  }

  @GetMapping("/programmes/{code}")
  public ResponseEntity<?> programme(@PathVariable String code, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ReportResponses.requireAuthentication(identityService);
    ProgrammeForecast forecast = forecasts.programme(code).orElseThrow(() -> notFound(code));
    return wantsCsv(format, accept) ? csv(code + "-forecast.csv", stageRows(forecast)) : ResponseEntity.ok(forecast);
  }

  @GetMapping("/process-instances/{id}")
  public ResponseEntity<?> processInstance(@PathVariable String id, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ReportResponses.requireAuthentication(identityService);
    ProgrammeForecast forecast = forecasts.processInstance(id).orElseThrow(() -> notFound(id));
    return wantsCsv(format, accept) ? csv(forecast.programme() + "-forecast.csv", stageRows(forecast))
        : ResponseEntity.ok(forecast);
  }

  @GetMapping("/at-risk")
  public ResponseEntity<?> atRisk(@RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ReportResponses.requireAuthentication(identityService);
    List<ProgrammeForecasts.AtRisk> atRisk = forecasts.atRisk();
    return wantsCsv(format, accept) ? csv("at-risk.csv", riskRows(atRisk)) : ResponseEntity.ok(atRisk);
  }

  @GetMapping("/backtest")
  public ResponseEntity<?> backtest(@RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ReportResponses.requireAuthentication(identityService);
    Backtest.Result result = forecasts.backtest();
    return wantsCsv(format, accept) ? csv("backtest.csv", backtestRows(result)) : ResponseEntity.ok(result);
  }

  private static List<List<Object>> stageRows(ProgrammeForecast f) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("programme", "route", "plannedStartYear", "launchExpected", "launchEarly", "launchLate", "late",
        "daysLate", "basedOnProgrammes", "stage", "stageName", "status", "entered", "left", "actualDays",
        "expectedEntry", "expectedExit", "exitEarly", "exitLate", "source", "medianDays", "p10Days", "p80Days",
        "p90Days", "visits", "programmes", "loopProbability", "elapsedDays", "overP80", "holders"));
    for (StageForecast s : f.stages()) {
      rows.add(Arrays.asList(f.programme(), f.route(), f.plannedStartYear(), f.launchExpected(), f.launchEarly(),
          f.launchLate(), f.late(), f.daysLate(), f.basedOnProgrammes(), s.stage(), s.stageLabel(), s.status(),
          s.entered(), s.left(), s.actualDays(), s.expectedEntry(), s.expectedExit(), s.exitEarly(), s.exitLate(),
          s.source(), s.medianDays(), s.p10Days(), s.p80Days(), s.p90Days(), s.visits(), s.programmes(),
          s.loopProbability(), s.elapsedDays(), s.overP80(), String.join(" ", s.holders())));
    }
    return rows;
  }

  private static List<List<Object>> riskRows(List<ProgrammeForecasts.AtRisk> atRisk) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("programme", "programmeName", "region", "kind", "stage", "stageName", "holders", "daysAtStake",
        "plannedStartYear", "launchExpected", "reason"));
    for (ProgrammeForecasts.AtRisk r : atRisk) {
      rows.add(Arrays.asList(r.programme(), r.name(), r.region(), r.kind(), r.stage(), r.stageLabel(),
          String.join(" ", r.holders()), r.daysAtStake(), r.plannedStartYear(), r.launchExpected(), r.reason()));
    }
    return rows;
  }

  private static List<List<Object>> backtestRows(Backtest.Result result) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("programme", "stage", "madeAt", "forecastLaunch", "actualLaunch", "errorDays",
        "basedOnProgrammes", "standardStages"));
    for (Backtest.Point p : result.points()) {
      rows.add(Arrays.asList(p.programme(), p.stage(), p.madeAt(), p.forecastLaunch(), p.actualLaunch(),
          p.errorDays(), p.basedOnProgrammes(), String.join(" ", p.standardStages().stream().map(Enum::name).toList())));
    }
    return rows;
  }
}
