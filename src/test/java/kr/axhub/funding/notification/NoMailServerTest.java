package kr.axhub.funding.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The embedded default: no {@code spring.mail.host}. Notifications are recorded and logged and wait, PENDING; a
 * dispatcher that has a mail server (as after a restart with {@code spring.mail.host} set) sends them.
 */
@SpringBootTest(properties = "axhub.notifications.scheduling-enabled=false")
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class NoMailServerTest {

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired NotificationRepository repository;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired NotificationProperties properties;
  @Autowired NotificationTemplates templates;
  @Autowired ObjectProvider<JavaMailSender> mailSender;

  @Test
  void notificationsAreRecordedAndLoggedAndWaitForAMailServer(CapturedOutput output) {
    assertThat(mailSender.getIfAvailable()).isNull();
    MailTestSupport.officials(identityService);
    repositoryService.createDeployment().addModelInstance("notification-plain-test.bpmn",
        Bpmn.createExecutableProcess("notification-plain-test").camundaHistoryTimeToLive(1)
            .startEvent().userTask("Task_Plain").name("검토 (Review)").camundaCandidateGroups("msit-officers")
            .endEvent().done()).deploy();

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("notification-plain-test", "AX-NOSMTP-2026");
    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(dispatcher.dispatchDue()).isZero();

    List<Notification> rows = repository.findByProcessInstance(instance.getId());
    assertThat(rows).hasSize(2).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(row.attempts()).isZero();
    });
    assertThat(output.getOut()).contains("Notification recorded " + rows.get(0).id());
    assertThat(output.getOut().split("No mail server configured", -1)).hasSize(2);

    int port = MailTestSupport.freePort();
    GreenMail smtp = MailTestSupport.smtp(port);
    smtp.start();
    try {
      NotificationDispatcher afterRestart = new NotificationDispatcher(repository, templates, properties,
          MailTestSupport.sender(port), runtimeService, new SimpleMeterRegistry(), "restarted");
      assertThat(afterRestart.dispatchDue()).isEqualTo(2);
      assertThat(smtp.getReceivedMessages()).hasSize(2);
      assertThat(repository.findByProcessInstance(instance.getId()))
          .allSatisfy(row -> assertThat(row.status()).isEqualTo(NotificationStatus.SENT));
    } finally {
      smtp.stop();
    }
  }
}
