package kr.axhub.funding.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.axhub.funding.pipeline.PipelineElements;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import kr.axhub.funding.reporting.ProgrammeReports;
import kr.axhub.funding.reporting.Stage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo data on a first start: the earlier programmes launched and the four regions' programmes stand where they
 * stand, each with the stage durations of its real days; the clock is back at the real time, no waiting task is
 * overdue because of the replay, and seeding again duplicates nothing.
 */
@DemoApplicationTest
class DemoDataTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Autowired DemoDataSeeder seeder;
  @Autowired ProgrammeReports reports;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void theDemoProgrammesHaveTheirRealHistoryAndAreCreatedOnce() {
    Map<String, ProgrammeReport> byCode = reports.programmes(ProgrammeReports.Filter.ALL).stream()
        .collect(Collectors.toMap(ProgrammeReport::programme, p -> p));
    assertThat(byCode.keySet()).containsExactlyInAnyOrder("AX-DAEGU-2026", "AX-GWANGJU-2026", "AX-JEONBUK-2026",
        "AX-GYEONGNAM-2026", "AX-DEMODG-2024", "AX-DEMOGJ-2024", "AX-DEMOJB-2025", "AX-DEMOGN-2024",
        "AX-DEMODG-2025");

    ProgrammeReport daegu = byCode.get("AX-DAEGU-2026");
    assertThat(daegu.started().toLocalDate()).isEqualTo(LocalDate.of(2022, 8, 1));
    assertThat(daegu.currentStage()).isEqualTo(Stage.ADEQUACY_REVIEW);
    assertThat(days(daegu, Stage.PROPOSAL)).as("1 Aug to 20 Dec 2022").isEqualTo(141.0);
    assertThat(days(daegu, Stage.EXEMPTION)).as("20 Dec 2022 to 30 Jul 2025").isEqualTo(953.0);
    assertThat(days(daegu, Stage.CABINET)).as("tabled 30 Jul, resolved 18 Aug 2025").isEqualTo(19.0);
    assertThat(visit(daegu, Stage.ADEQUACY_REVIEW).entered().toLocalDate()).isEqualTo(LocalDate.of(2025, 8, 22));

    for (String earlier : List.of("AX-DEMODG-2024", "AX-DEMOGJ-2024", "AX-DEMOJB-2025", "AX-DEMOGN-2024",
        "AX-DEMODG-2025")) {
      ProgrammeReport programme = byCode.get(earlier);
      assertThat(programme.endEvent()).as(earlier).isEqualTo(PipelineElements.END_PROGRAMME_LAUNCHED);
      assertThat(programme.name()).as(earlier).startsWith("[데모]");
    }
    ProgrammeReport gwangjuEarlier = byCode.get("AX-DEMOGJ-2024");
    assertThat(days(gwangjuEarlier, Stage.EXEMPTION)).as("request, supplement, request again, recommend")
        .isEqualTo(70.0 + 300 + 60 + 200);
    assertThat(visit(byCode.get("AX-DEMODG-2025"), Stage.FULL_STUDY).durationDays()).isEqualTo(460.0);
    assertThat(byCode.get("AX-DEMOGN-2024").visits()).extracting(Visit::stage).doesNotContain(Stage.EXEMPTION);

    long before = historyService.createHistoricProcessInstanceQuery().count();
    seeder.seed();
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void theClockIsRealAgainAndNoWaitingTaskIsOverdueBecauseOfTheReplay() {
    Instant now = Instant.now();
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), now).abs()).isLessThan(Duration.ofMinutes(1));
    List<Task> open = taskService.createTaskQuery().list();
    assertThat(open).extracting(Task::getProcessInstanceId).hasSize(4);
    for (Task task : open) {
      assertThat(task.getDueDate().toInstant()).as("due date of %s", task.getTaskDefinitionKey())
          .isAfter(now.plus(Duration.ofDays(13))).isBefore(now.plus(Duration.ofDays(15)));
    }
    List<Job> timers = managementService.createJobQuery().timers().list();
    assertThat(timers).as("one deadline timer per waiting task").hasSize(4);
    assertThat(timers).allSatisfy(t -> assertThat(t.getDuedate().toInstant()).isAfter(now.plus(Duration.ofDays(13))));
    assertThat(managementService.createJobQuery().executable().count()).as("nothing due to run").isZero();
  }

  private static double days(ProgrammeReport programme, Stage stage) {
    return programme.visits().stream().filter(v -> v.stage() == stage).mapToDouble(Visit::durationDays).sum();
  }

  private static Visit visit(ProgrammeReport programme, Stage stage) {
    return programme.visits().stream().filter(v -> v.stage() == stage).findFirst().orElseThrow();
  }
}
