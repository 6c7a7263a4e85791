package kr.axhub.funding.notification;

import static kr.axhub.funding.notification.MailTestSupport.body;
import static kr.axhub.funding.notification.MailTestSupport.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.axhub.funding.identity.Regions;
import kr.axhub.funding.pipeline.PipelineElements;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.spin.Spin;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications end to end against a real SMTP server: who receives what, with which subject and link; reminders,
 * overdue notices and escalations with the engine clock moved by hand; outcome notices and the Assembly report;
 * a mail server that is down during a completion; exhausted retries; racing dispatchers; rolled-back commands.
 */
@SpringBootTest(properties = {
    "spring.mail.host=localhost",
    "axhub.tasklist-base-url=https://tasklist.test/camunda/app/tasklist/default/",
    "axhub.notifications.scheduling-enabled=false",
    "axhub.notifications.max-attempts=3",
    "axhub.notifications.assembly-committee-address=committee@assembly.test"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
@DirtiesContext
class NotificationMailTest {

  private static final int PORT = MailTestSupport.freePort();
  private static final String LINK = "https://tasklist.test/camunda/app/tasklist/default/#/?task=";
  private static GreenMail smtp;
  private static boolean deployed;

  @DynamicPropertySource
  static void mailPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> PORT);
  }

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired NotificationService notificationService;
  @Autowired NotificationRepository repository;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired NotificationProperties properties;
  @Autowired NotificationTemplates templates;
  @Autowired DeadlineScanner scanner;
  @Autowired TransactionTemplate transactionTemplate;
  @Autowired ObjectProvider<JavaMailSender> mailSender;
  @Autowired MockMvc mvc;
  @Autowired DataSource dataSource;

  @BeforeEach
  void setUp() throws Exception {
    startSmtp();
    smtp.purgeEmailFromAllMailboxes();
    MailTestSupport.officials(identityService);
    if (!deployed) {
      repositoryService.createDeployment().addModelInstance("notification-review-test.bpmn", reviewModel())
          .addModelInstance("notification-assigned-test.bpmn", assignedModel())
          .addModelInstance("notification-failing-test.bpmn", failingModel())
          .addModelInstance("notification-assembly-test.bpmn", assemblyModel())
          .deploy();
      repositoryService.createDeployment().tenantId("jeonbuk")
          .addModelInstance("notification-tenant-test.bpmn", tenantModel()).deploy();
      deployed = true;
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
      smtp = null;
    }
  }

  // ---------------------------------------------------------------- task created, assigned

  @Test
  void everyCandidateWithAnAddressGetsOneMailWithTheTaskLink() {
    ProcessInstance instance = startReview("AX-CREATED-2026", "daegu");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    List<Notification> rows = deliver(instance, 2);
    assertThat(rows).extracting(Notification::recipientUserId).containsExactlyInAnyOrder("msit-kim", "msit-lee");
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.kind()).isEqualTo(NotificationKind.TASK_CREATED);
      assertThat(row.status()).isEqualTo(NotificationStatus.SENT);
      assertThat(row.taskId()).isEqualTo(task.getId());
      assertThat(row.programmeCode()).isEqualTo("AX-CREATED-2026");
    });

    List<MimeMessage> toKim = mails(instance, "kim@msit.example.kr");
    assertThat(toKim).hasSize(1);
    assertThat(subject(toKim.get(0))).contains("처리 요청", "제안서 검토 (Review proposal)", "AX-CREATED-2026");
    assertThat(body(toKim.get(0)))
        .contains(LINK + task.getId())
        .contains("사업: 테스트 사업 (Test programme) (AX-CREATED-2026)")
        .contains("요청 사항: 채택 또는 불채택을 결정합니다 (Decide: adopt or reject)")
        .contains("Decision asked: 채택 또는 불채택을 결정합니다 (Decide: adopt or reject)")
        .contains("처리 기한: ", "Due: ");
    assertThat(body(toKim.get(0)).indexOf("새 업무")).isLessThan(body(toKim.get(0)).indexOf("A new task"));
    assertThat(mails(instance, "lee@msit.example.kr")).hasSize(1);
  }

  @Test
  void regionalTasksGoOnlyToTheProgrammesRegion() {
    ProcessInstance instance = startReview("AX-REGION-2026", "daegu");
    complete(instance, Map.of("proposalReviewDecision", "ADOPT"));

    List<Notification> drafts = rows(instance, NotificationKind.TASK_CREATED).stream()
        .filter(row -> !row.recipientUserId().startsWith("msit")).toList();
    assertThat(drafts).extracting(Notification::recipientUserId).containsExactly("daegu-planner");
  }

  @Test
  void tenantTasksGoOnlyToMembersOfTheTenant() {
    ProcessInstance instance = runtimeService.createProcessInstanceByKey("notification-tenant-test")
        .processDefinitionTenantId("jeonbuk").businessKey("AX-TENANT-2026").execute();

    assertThat(deliver(instance, 1)).extracting(Notification::recipientUserId).containsExactly("tenant-planner-a");
  }

  @Test
  void anAssignmentByAnotherOfficialIsMailedToTheNewAssignee() {
    ProcessInstance instance = startReview("AX-ASSIGN-2026", "daegu");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    deliver(instance, 2);

    identityService.setAuthentication("msit-lee", List.of("msit-officers"), Regions.ALL);
    taskService.setAssignee(task.getId(), "msit-kim");
    identityService.clearAuthentication();

    List<Notification> assigned = deliver(instance, 3).stream()
        .filter(row -> row.kind() == NotificationKind.TASK_ASSIGNED).toList();
    assertThat(assigned).extracting(Notification::recipientUserId).containsExactly("msit-kim");
    List<MimeMessage> toKim = mails(instance, "kim@msit.example.kr");
    assertThat(toKim).hasSize(2);
    assertThat(toKim).anySatisfy(mail -> {
      assertThat(subject(mail)).contains("담당 지정", "Assigned to you");
      assertThat(body(mail)).contains(LINK + task.getId());
    });

    // Claiming a task for oneself is no news to oneself.
    taskService.setAssignee(task.getId(), null);
    identityService.setAuthentication("msit-lee", List.of("msit-officers"), Regions.ALL);
    taskService.claim(task.getId(), "msit-lee");
    identityService.clearAuthentication();
    assertThat(rows(instance, NotificationKind.TASK_ASSIGNED)).hasSize(1);
  }

  @Test
  void aTaskCreatedWithAnAssigneeMailsTheAssigneeOnceAndTheOtherCandidates() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("notification-assigned-test", "AX-PRE-2026",
        Map.of("region", "daegu"));

    List<Notification> rows = deliver(instance, 2);
    assertThat(rows).extracting(Notification::kind, Notification::recipientUserId).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(NotificationKind.TASK_ASSIGNED, "msit-kim"),
        org.assertj.core.groups.Tuple.tuple(NotificationKind.TASK_CREATED, "msit-lee"));
  }

  // ---------------------------------------------------------------- reminders, overdue, escalation

  @Test
  void remindersOverdueNoticesAndEscalationsFollowTheEngineClockOnceEach() {
    Instant due = Instant.now().plus(Duration.ofDays(5));
    ProcessInstance instance = startReview("AX-DEADLINE-2026", "daegu", due);
    complete(instance, Map.of("proposalReviewDecision", "ADOPT"));
    Task draft = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(draft.getTaskDefinitionKey()).isEqualTo("Task_DraftPlan");

    at(due.minus(Duration.ofDays(3)));
    scanner.scan();
    assertThat(rows(instance, NotificationKind.TASK_DUE_SOON)).isEmpty();

    at(due.minus(Duration.ofDays(1)));
    scanner.scan();
    scanner.scan();
    assertThat(rows(instance, NotificationKind.TASK_DUE_SOON)).extracting(Notification::recipientUserId)
        .containsExactly("daegu-planner");

    at(due.plus(Duration.ofHours(1)));
    scanner.scan();
    scanner.scan();
    assertThat(rows(instance, NotificationKind.TASK_OVERDUE)).extracting(Notification::recipientUserId)
        .containsExactly("daegu-planner");
    assertThat(rows(instance, NotificationKind.TASK_ESCALATED)).isEmpty();

    at(due.plus(properties.escalationGracePeriod()).plus(Duration.ofHours(1)));
    scanner.scan();
    scanner.scan();
    assertThat(rows(instance, NotificationKind.TASK_ESCALATED)).extracting(Notification::recipientUserId)
        .containsExactly("daegu-director");

    deliver(instance, rows(instance, null).size());
    List<MimeMessage> toPlanner = mails(instance, "planner@daegu.example.kr");
    assertThat(toPlanner).extracting(MailTestSupport::subject).anySatisfy(s -> assertThat(s).contains("기한 임박"))
        .anySatisfy(s -> assertThat(s).contains("기한 경과", "Overdue"));
    List<MimeMessage> toDirector = mails(instance, "director@daegu.example.kr");
    assertThat(toDirector).extracting(MailTestSupport::subject).as("the adoption notice and the escalation")
        .hasSize(2);
    assertThat(toDirector).anySatisfy(mail -> {
      assertThat(subject(mail)).contains("지연 보고", "Escalation", "사업계획 작성 (Draft the business plan)");
      assertThat(body(mail)).contains(LINK + draft.getId(), "3일", "3 days", "region-planners");
    });
    assertThat(mails(instance, "director@gwangju.example.kr")).isEmpty();
  }

  // ---------------------------------------------------------------- outcomes, Assembly report

  /** An official acting as planner and director at once hears of the outcome once. */
  @Test
  void thePlannersAndTheDirectorOfTheRegionHearOfAnOutcome() {
    MailTestSupport.user(identityService, "gwangju-acting", "acting@gwangju.example.kr", "region-planners",
        "region-directors");
    MailTestSupport.tenant(identityService, "gwangju", "gwangju-acting");
    List<Notification> outcomes;
    ProcessInstance instance;
    try {
      instance = startReview("AX-REJECT-2026", "gwangju");
      complete(instance, Map.of("proposalReviewDecision", "REJECT",
          "proposalReviewReason", "사업 범위가 불명확함 (Unclear scope)"));
      outcomes = rows(instance, NotificationKind.OUTCOME);
    } finally {
      identityService.deleteUser("gwangju-acting");
    }
    assertThat(outcomes).extracting(Notification::recipientUserId)
        .containsExactlyInAnyOrder("gwangju-planner", "gwangju-director", "gwangju-acting");
    deliver(instance, rows(instance, null).size());
    List<MimeMessage> toPlanner = mails(instance, "planner@gwangju.example.kr");
    assertThat(toPlanner).hasSize(1);
    assertThat(subject(toPlanner.get(0))).contains("제안 불채택", "Proposal rejected", "AX-REJECT-2026");
    assertThat(body(toPlanner.get(0))).contains("사유: 사업 범위가 불명확함 (Unclear scope)",
        "Reason: 사업 범위가 불명확함 (Unclear scope)");
    assertThat(mails(instance, "planner@daegu.example.kr")).isEmpty();
  }

  @Test
  void theExemptionReportGoesToTheCommitteeOnce() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("programmeName", "지역거점 AX 혁신 기술개발사업");
    variables.put("region", "daegu");
    variables.put("totalCost", 5510L);
    variables.put("nationalFunding", 3300L);
    variables.put("exemptionGround", "ART38_2_10");
    variables.put("exemptionGroundLabel", "지역 균형발전 (Balanced regional development)");
    variables.put("resolutionDate", "2025-08-18");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("notification-assembly-test", "AX-DAEGU-2026",
        variables);

    List<Notification> rows = deliver(instance, 1);
    assertThat(rows.get(0).kind()).isEqualTo(NotificationKind.ASSEMBLY_REPORT);
    List<MimeMessage> reports = mails(instance, "committee@assembly.test");
    assertThat(reports).hasSize(1);
    assertThat(subject(reports.get(0))).contains("예비타당성조사 면제 사업 보고", "지역거점 AX 혁신 기술개발사업");
    assertThat(body(reports.get(0))).contains("총사업비: 5510억원 (국비 3300억원)",
        "면제 사유: 지역 균형발전 (Balanced regional development) (ART38_2_10)",
        "국무회의 의결일: 2025-08-18");

    // Called again for the same programme (a retried step), it records nothing new.
    runtimeService.signal(runtimeService.createExecutionQuery().processInstanceId(instance.getId())
        .activityId("ReceiveTask_Again").singleResult().getId());
    assertThat(rows(instance, NotificationKind.ASSEMBLY_REPORT)).hasSize(1);
  }

  @Test
  void theRealPipelinesFirstTaskAndRejectionReachTheRegionsOfficials() {
    ProcessInstance programme = runtimeService.startProcessInstanceByKey(PipelineElements.PROCESS_KEY,
        proposal("AX-PIPE-2026"));
    Task approval = taskService.createTaskQuery().processInstanceId(programme.getId()).singleResult();
    assertThat(approval.getTaskDefinitionKey()).isEqualTo(PipelineElements.TASK_APPROVE_PROPOSAL_INTERNALLY);

    List<Notification> rows = deliver(programme, 1);
    assertThat(rows).extracting(Notification::recipientUserId).containsExactly("daegu-director");
    MimeMessage mail = mails(programme, "director@daegu.example.kr").get(0);
    assertThat(subject(mail)).contains("제안서 내부 결재 (Approve proposal internally)", "AX-PIPE-2026");
    assertThat(body(mail)).contains(LINK + approval.getId(), "지역거점 AX 혁신 기술개발사업");

    taskService.complete(approval.getId(), Map.of(PipelineElements.INTERNAL_APPROVAL_DECISION, "WITHDRAW",
        PipelineElements.INTERNAL_APPROVAL_COMMENT, "내년에 다시 제안 (Propose again next year)"));
    assertThat(rows(programme, NotificationKind.OUTCOME)).extracting(Notification::recipientUserId)
        .containsExactlyInAnyOrder("daegu-planner", "daegu-director");
  }

  // ---------------------------------------------------------------- never lose, never block

  @Test
  void aCompletionWhileTheMailServerIsDownSucceedsAndItsMailGoesOutLater() {
    ProcessInstance instance = startReview("AX-DOWN-2026", "daegu");
    deliver(instance, 2);
    smtp.stop();

    complete(instance, Map.of("proposalReviewDecision", "ADOPT"));
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("Task_DraftPlan");
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      dispatcher.dispatchDue();
      return rows(instance, null).stream().filter(row -> row.status() != NotificationStatus.SENT)
          .allMatch(row -> row.status() == NotificationStatus.PENDING && row.attempts() == 1);
    });
    List<Notification> waiting = rows(instance, null).stream()
        .filter(row -> row.status() != NotificationStatus.SENT).toList();
    assertThat(waiting).hasSize(3); // the planner's new task, the adoption notice to planner and director
    assertThat(waiting).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.lastError()).isNotBlank();
      assertThat(row.nextAttemptAt()).isAfter(Instant.now());
    });

    startSmtp();
    at(Instant.now().plus(properties.initialBackoff()).plusSeconds(5));
    List<Notification> sent = deliver(instance, 5);
    assertThat(sent).allSatisfy(row -> assertThat(row.status()).isEqualTo(NotificationStatus.SENT));
    assertThat(mails(instance, "planner@daegu.example.kr")).hasSize(2);
    assertThat(mails(instance, "director@daegu.example.kr")).hasSize(1);
  }

  @Test
  void exhaustedRetriesFailWithAnIncidentThatAnAdministratorCanRetry() throws Exception {
    smtp.stop();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("notification-tenant-test",
        "AX-FAIL-2026");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Instant now = Instant.now();
    for (int round = 0; round < 10 && rows(instance, null).get(0).status() != NotificationStatus.FAILED; round++) {
      at(now);
      dispatcher.dispatchDue();
      now = now.plus(properties.maxBackoff()).plusSeconds(1);
    }
    Notification failed = rows(instance, null).get(0);
    assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(NotificationDispatcher.INCIDENT_TYPE);
    assertThat(incident.getExecutionId()).isEqualTo(task.getExecutionId());
    assertThat(incident.getConfiguration()).isEqualTo(failed.id());
    assertThat(incident.getIncidentMessage()).contains("failed after 3 attempts");
    assertThat(failed.incidentId()).isEqualTo(incident.getId());
    // Recorded as the values its templates need; the text is made when it goes out.
    assertThat(failed.subject()).isNull();
    assertThat(failed.values()).hasEntrySatisfying("tasklistLink",
        link -> assertThat(link).endsWith("/#/?task=" + task.getId()));
    Notification shown = templates.shown(failed);

    mvc.perform(get("/api/admin/notifications").param("status", "FAILED").param("programme", "AX-FAIL-2026")
            .header("Authorization", MailTestSupport.adminAuthorization()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].id").value(failed.id()))
        .andExpect(jsonPath("$[0].lastError").isNotEmpty())
        .andExpect(jsonPath("$[0].subject").value(Matchers.startsWith("[AX 허브] 처리 요청: ")))
        .andExpect(jsonPath("$[0].body").value(Matchers.containsString("/#/?task=" + task.getId())))
        .andExpect(jsonPath("$[0].values").doesNotExist());

    startSmtp();
    ClockUtil.reset();
    mvc.perform(post("/api/admin/notifications/{id}/retry", failed.id())
            .header("Authorization", MailTestSupport.adminAuthorization()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.attempts").value(0));
    Notification sent = deliver(instance, 1).get(0);
    assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
    assertThat(repository.find(sent.id()).orElseThrow()).satisfies(row -> {
      assertThat(row.subject()).isEqualTo(shown.subject()).isEqualTo(subject(mails(instance, sent.recipientAddress()).get(0)));
      assertThat(row.body()).isEqualTo(shown.body());
      assertThat(row.values()).isNull();
    });
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    mvc.perform(post("/api/admin/notifications/{id}/retry", failed.id())
        .header("Authorization", MailTestSupport.adminAuthorization())).andExpect(status().isConflict());
    mvc.perform(post("/api/admin/notifications/{id}/retry", "no-such-id")
        .header("Authorization", MailTestSupport.adminAuthorization())).andExpect(status().isNotFound());
  }

  @Test
  void twoDispatchersRacingSendEachNotificationExactlyOnce() throws Exception {
    ProcessInstance holder = runtimeService.startProcessInstanceByKey("notification-assembly-test", "AX-RACE-2026",
        Map.of("programmeName", "race"));
    int count = 40;
    transactionTemplate.executeWithoutResult(status -> {
      for (int i = 0; i < count; i++) {
        notificationService.record(NotificationKind.OUTCOME, "race:" + i, "race" + i + "@example.kr", null,
            Map.of("headlineKo", "경합 " + i, "headlineEn", "Race " + i, "programmeLabel", "race"),
            holder.getId(), null, null, "AX-RACE-2026");
      }
    });
    NotificationDispatcher nodeA = new NotificationDispatcher(repository, templates, properties, mailSender,
        runtimeService, new SimpleMeterRegistry(), "node-a");
    NotificationDispatcher nodeB = new NotificationDispatcher(repository, templates, properties, mailSender,
        runtimeService, new SimpleMeterRegistry(), "node-b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (NotificationDispatcher node : List.of(nodeA, nodeB)) {
        results.add(pool.submit(() -> {
          go.await();
          return node.dispatchDue();
        }));
      }
      go.countDown();
      for (Future<Integer> result : results) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Notification> rows = deliver(holder, count + 1);
    assertThat(rows).allSatisfy(row -> assertThat(row.status()).isEqualTo(NotificationStatus.SENT));
    smtp.waitForIncomingEmail(2000, count + 1);
    List<String> raceIds = Arrays.stream(smtp.getReceivedMessages())
        .map(this::notificationId).filter(id -> rows.stream().anyMatch(row -> row.id().equals(id))).toList();
    assertThat(raceIds).hasSize(count + 1).doesNotHaveDuplicates();
    assertThat(rows.stream().map(Notification::claimedBy).filter(n -> n.startsWith("node-")).count())
        .isGreaterThan(0);
  }

  @Test
  void aRoundSendsItsNoticesOverOneConnectionAndANoticeThatCannotGoOutFailsAlone() throws Exception {
    ProcessInstance holder = runtimeService.startProcessInstanceByKey("notification-assembly-test", "AX-BATCH-2026",
        Map.of("programmeName", "batch"));
    dispatcher.awaitNudges();
    dispatcher.dispatchDue();
    // Written as the outbox holds them; no round is nudged, so the counting dispatcher below is the only sender.
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String address = i == 3 ? "no-domain@" : "batch" + i + "@example.kr";
      ids.add(repository.insertIfAbsent(new NotificationDraft(NotificationKind.OUTCOME, "batch:" + i, address, null,
          Map.of("headlineKo", "일괄 " + i, "headlineEn", "Batch " + i, "programmeLabel", "batch"), holder.getId(),
          null, null, "AX-BATCH-2026"), now).orElseThrow());
    }
    int[] connections = {0};
    JavaMailSenderImpl counting = new JavaMailSenderImpl() {
      @Override
      protected Transport connectTransport() throws MessagingException {
        connections[0]++;
        return super.connectTransport();
      }
    };
    counting.setHost("localhost");
    counting.setPort(PORT);
    NotificationDispatcher node = new NotificationDispatcher(repository, templates, properties,
        new StaticListableBeanFactory(Map.of("mailSender", counting)).getBeanProvider(JavaMailSender.class),
        runtimeService, new SimpleMeterRegistry(), "node-batch");

    assertThat(node.dispatchDue()).isEqualTo(5);
    assertThat(connections[0]).isEqualTo(1);
    smtp.waitForIncomingEmail(2000, 5);
    for (int i = 0; i < 6; i++) {
      Notification row = repository.find(ids.get(i)).orElseThrow();
      if (i == 3) {
        assertThat(row.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("AddressException");
        assertThat(row.values()).containsEntry("headlineEn", "Batch 3");
        continue;
      }
      assertThat(row.status()).isEqualTo(NotificationStatus.SENT);
      List<MimeMessage> received = MailTestSupport.to(smtp, "batch" + i + "@example.kr");
      assertThat(received).hasSize(1);
      assertThat(notificationId(received.get(0))).isEqualTo(row.id());
      assertThat(row.subject()).isEqualTo(subject(received.get(0))).contains("Batch " + i);
      assertThat(row.body().strip()).isEqualTo(body(received.get(0)).replace("\r\n", "\n").strip());
    }
  }

  @Test
  void aRoundOnAThreadWhoseClassLoaderCannotSeeTheMailProviderStillSends() throws Exception {
    ProcessInstance holder = runtimeService.startProcessInstanceByKey("notification-assembly-test", "AX-LOADER-2026",
        Map.of("programmeName", "loader"));
    dispatcher.awaitNudges();
    dispatcher.dispatchDue();
    String id = repository.insertIfAbsent(new NotificationDraft(NotificationKind.OUTCOME, "loader:1",
        "loader@example.kr", null, Map.of("headlineKo", "로더", "headlineEn", "Loader", "programmeLabel", "loader"),
        holder.getId(), null, null, "AX-LOADER-2026"), ClockUtil.getCurrentTime().toInstant()).orElseThrow();
    // Named once, so that building and sending a message no longer scans the class path for it.
    assertThat(System.getProperty(NotificationDispatcher.STREAM_PROVIDER_PROPERTY)).isNotBlank();

    int[] sent = {-1};
    Throwable[] error = {null};
    Thread round = new Thread(() -> {
      try {
        sent[0] = dispatcher.dispatchDue();
      } catch (Throwable e) {
        error[0] = e;
      }
    });
    try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], null)) {
      round.setContextClassLoader(jdkOnly);
      round.start();
      round.join(30_000);
    }

    assertThat(error[0]).isNull();
    assertThat(sent[0]).isEqualTo(1);
    Notification row = repository.find(id).orElseThrow();
    assertThat(row.status()).isEqualTo(NotificationStatus.SENT);
    smtp.waitForIncomingEmail(2000, 1);
    List<MimeMessage> received = MailTestSupport.to(smtp, "loader@example.kr");
    assertThat(received).hasSize(1);
    assertThat(subject(received.get(0))).isEqualTo(row.subject()).contains("로더");
  }

  @Test
  void aMessageSentAgainAfterANodeDiedIsTheSameMessageForTheReader() throws Exception {
    ProcessInstance holder = runtimeService.startProcessInstanceByKey("notification-assembly-test", "AX-RESEND-2026",
        Map.of("programmeName", "resend"));
    String id = transactionTemplate.execute(status -> notificationService.record(NotificationKind.OUTCOME,
        "resend:1", "resend@example.kr", null,
        Map.of("headlineKo", "재발송", "headlineEn", "Resend", "programmeLabel", "resend"),
        holder.getId(), null, null, "AX-RESEND-2026").orElseThrow());
    // The commit nudged a round on the dispatcher's own thread; it sends the notice, or this round does.
    dispatcher.awaitNudges();
    dispatcher.dispatchDue();
    assertThat(repository.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    // The node that sent it died before marking it SENT: its claim is left behind and goes stale.
    new JdbcTemplate(dataSource).update("UPDATE axhub_notification SET status = 'SENDING', claimed_by = 'dead-node', "
        + "claimed_at = ? WHERE id = ?", Timestamp.from(Instant.now().minus(Duration.ofHours(1))), id);
    assertThat(dispatcher.dispatchDue()).isPositive();

    smtp.waitForIncomingEmail(2000, 2);
    List<MimeMessage> copies = Arrays.stream(smtp.getReceivedMessages())
        .filter(mail -> id.equals(notificationId(mail))).toList();
    assertThat(copies).hasSize(2);
    MimeMessage first = copies.get(0);
    MimeMessage second = copies.get(1);
    assertThat(first.getMessageID()).isEqualTo("<" + id + ".notification@axhub.example.kr>")
        .isEqualTo(second.getMessageID());
    assertThat(first.getHeader("Date")).isEqualTo(second.getHeader("Date"));
    assertThat(first.getSubject()).isEqualTo(second.getSubject());
    assertThat(first.getContent()).isEqualTo(second.getContent());
    assertThat(repository.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
  }

  @Test
  void aRolledBackCommandLeavesNoNotification() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("notification-failing-test",
        "AX-ROLLBACK-2026", Map.of("fail", true));
    Task first = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(rows(instance, null)).hasSize(2);

    // The second task's notifications are recorded, then its custom listener fails: all of it rolls back.
    assertThatThrownBy(() -> taskService.complete(first.getId())).isNotNull();
    assertThat(rows(instance, null)).hasSize(2);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId())
        .isEqualTo(first.getId());

    // A completion inside a transaction that is rolled back afterwards leaves nothing either.
    runtimeService.setVariable(instance.getId(), "fail", false);
    transactionTemplate.executeWithoutResult(status -> {
      taskService.complete(first.getId());
      assertThat(rows(instance, null)).hasSize(4);
      status.setRollbackOnly();
    });
    assertThat(rows(instance, null)).hasSize(2);

    taskService.complete(first.getId());
    assertThat(rows(instance, null)).hasSize(4);
  }

  // ---------------------------------------------------------------- helpers

  private ProcessInstance startReview(String code, String region) {
    return startReview(code, region, Instant.now().plus(Duration.ofDays(14)));
  }

  private ProcessInstance startReview(String code, String region, Instant due) {
    return runtimeService.startProcessInstanceByKey("notification-review-test", code, Map.of(
        "programmeName", "테스트 사업 (Test programme)", "region", region, "dueDate", Date.from(due)));
  }

  private void complete(ProcessInstance instance, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    taskService.complete(task.getId(), variables);
  }

  /** Moves the engine clock once the after-commit dispatch rounds already asked for have run. */
  private void at(Instant instant) {
    dispatcher.awaitNudges();
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private static synchronized void startSmtp() {
    if (smtp == null || !smtp.isRunning()) {
      smtp = MailTestSupport.smtp(PORT);
      smtp.start();
    }
  }

  private List<Notification> rows(ProcessInstance instance, NotificationKind kind) {
    return repository.findByProcessInstance(instance.getId()).stream()
        .filter(row -> kind == null || row.kind() == kind).toList();
  }

  /** Dispatches until the instance's {@code expected} notifications are all sent (the after-commit nudge may race). */
  private List<Notification> deliver(ProcessInstance instance, int expected) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      dispatcher.dispatchDue();
      List<Notification> rows = rows(instance, null);
      return rows.size() == expected && rows.stream().allMatch(row -> row.status() == NotificationStatus.SENT);
    });
    List<Notification> rows = rows(instance, null);
    smtp.waitForIncomingEmail(5000, 0);
    return rows;
  }

  /** Mails of this instance's notifications to one address. */
  private List<MimeMessage> mails(ProcessInstance instance, String address) {
    Set<String> ids = rows(instance, null).stream().map(Notification::id).collect(Collectors.toSet());
    return MailTestSupport.to(smtp, address).stream().filter(mail -> ids.contains(notificationId(mail))).toList();
  }

  private String notificationId(MimeMessage mail) {
    try {
      String[] header = mail.getHeader("X-AXHub-Notification-Id");
      return header == null ? null : header[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> proposal(String code) {
    Map<String, Object> form = new HashMap<>();
    form.put("programmeCode", code);
    form.put("programmeName", "지역거점 AX 혁신 기술개발사업 (Regional AX innovation R&D)");
    form.put("region", "daegu");
    form.put("proposalDate", "2025-03-04");
    form.put("startYear", 2026L);
    form.put("endYear", 2030L);
    form.put("ministries", Spin.JSON("[\"MSIT\",\"MOTIE\",\"MOHW\"]"));
    form.put("leadMinistry", "MSIT");
    form.put("totalCost", 5510L);
    form.put("nationalFunding", 3300L);
    form.put("localFunding", 1100L);
    form.put("standardModelCost", 1380L);
    form.put("solutionProductCost", 3580L);
    form.put("rndCentreCost", 550L);
    form.put("summary", "로봇·의료 AX 표준모델 (Robot and medical AX)");
    return form;
  }

  // ---------------------------------------------------------------- test models

  /** A review as in the programme model, declaring the same outcome notices on the same elements. */
  private static BpmnModelInstance reviewModel() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("notification-review-test").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Test")
        .userTask(PipelineElements.TASK_REVIEW_PROPOSAL).name("제안서 검토 (Review proposal)")
        .documentation("채택 또는 불채택을 결정합니다 (Decide: adopt or reject)")
        .camundaCandidateGroups("msit-officers").camundaDueDate("${dueDate}")
        .exclusiveGateway("Gateway_Outcome")
        .condition("adopted", "${proposalReviewDecision == 'ADOPT'}")
        .userTask("Task_DraftPlan").name("사업계획 작성 (Draft the business plan)")
        .camundaCandidateGroups("region-planners").camundaDueDate("${dueDate}")
        .endEvent(PipelineElements.END_PROGRAMME_LAUNCHED)
        .moveToLastGateway()
        .condition("rejected", "${proposalReviewDecision == 'REJECT'}")
        .endEvent(PipelineElements.END_PROPOSAL_REJECTED)
        .done();
    declare(model, PipelineElements.TASK_REVIEW_PROPOSAL, "outcomeVariable", "proposalReviewDecision",
        "outcomeNotice:ADOPT", "PROPOSAL_ADOPTED");
    declare(model, PipelineElements.END_PROPOSAL_REJECTED, "outcomeNotice", "PROPOSAL_REJECTED");
    declare(model, PipelineElements.END_PROGRAMME_LAUNCHED, "outcomeNotice", "PROGRAMME_LAUNCHED");
    return model;
  }

  private static void declare(BpmnModelInstance model, String elementId, String... namesAndValues) {
    BaseElement element = model.getModelElementById(elementId);
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      element.setExtensionElements(extensions);
    }
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      CamundaProperty property = model.newInstance(CamundaProperty.class);
      property.setCamundaName(namesAndValues[i]);
      property.setCamundaValue(namesAndValues[i + 1]);
      properties.addChildElement(property);
    }
    extensions.addChildElement(properties);
  }

  private static BpmnModelInstance assignedModel() {
    return Bpmn.createExecutableProcess("notification-assigned-test").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Assigned").name("배정된 업무 (Assigned task)")
        .camundaCandidateGroups("msit-officers").camundaAssignee("msit-kim")
        .endEvent()
        .done();
  }

  private static BpmnModelInstance tenantModel() {
    return Bpmn.createExecutableProcess("notification-tenant-test").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_TenantPlan").name("지역 업무 (Regional task)").camundaCandidateGroups("region-planners")
        .endEvent()
        .done();
  }

  private static BpmnModelInstance failingModel() {
    return Bpmn.createExecutableProcess("notification-failing-test").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_First").name("첫 업무 (First task)").camundaCandidateGroups("msit-officers")
        .userTask("Task_Second").name("둘째 업무 (Second task)").camundaCandidateGroups("msit-officers")
        .camundaTaskListenerExpression("create", "${fail ? noSuchBean.fail() : null}")
        .endEvent()
        .done();
  }

  private static BpmnModelInstance assemblyModel() {
    return Bpmn.createExecutableProcess("notification-assembly-test").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("ServiceTask_Report").camundaExpression("${notificationService.reportExemptionToAssembly(execution)}")
        .receiveTask("ReceiveTask_Again")
        .serviceTask("ServiceTask_ReportAgain")
        .camundaExpression("${notificationService.reportExemptionToAssembly(execution)}")
        .receiveTask("ReceiveTask_End")
        .endEvent()
        .done();
  }
}
