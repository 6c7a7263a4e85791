package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.ASSEMBLY_REPORTED_AT;
import static kr.axhub.funding.pipeline.PipelineElements.ASSEMBLY_REPORT_RECIPIENT;
import static kr.axhub.funding.pipeline.PipelineElements.EXEMPTION_GROUND;
import static kr.axhub.funding.pipeline.PipelineElements.EXEMPTION_GROUND_LABEL;

import kr.axhub.funding.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reports the exemption of a programme from the preliminary feasibility study to the National Assembly standing
 * committee, as the law requires without delay once the exemption is confirmed: the report is recorded as an e-mail
 * to the committee's address ({@code axhub.notifications.assembly-committee-address}), sent after this step commits
 * and retried until delivered, and the moment ({@code assemblyReportedAt}) and the committee
 * ({@code assemblyReportRecipient}, from {@code axhub.assembly-report.recipient}) become variables of the programme.
 */
@Component("reportExemptionToAssemblyDelegate")
public class ReportExemptionToAssemblyDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReportExemptionToAssemblyDelegate.class);

  private final String recipient;
  private final NotificationService notifications;

  public ReportExemptionToAssemblyDelegate(
      @Value("${axhub.assembly-report.recipient:국회 과학기술정보방송통신위원회}") String recipient,
      NotificationService notifications) {
    this.recipient = recipient;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.reportExemptionToAssembly(execution);
    execution.setVariable(ASSEMBLY_REPORTED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(ASSEMBLY_REPORT_RECIPIENT, recipient);
    Object ground = execution.getVariable(EXEMPTION_GROUND_LABEL);
    LOG.info("Exemption of programme {} (ground {}: {}) reported to {}", execution.getProcessBusinessKey(),
        execution.getVariable(EXEMPTION_GROUND), ground, recipient);
  }
}
