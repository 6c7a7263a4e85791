package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.ASSEMBLY_REPORTED_AT;
import static kr.axhub.funding.pipeline.PipelineElements.ASSEMBLY_REPORT_RECIPIENT;
import static kr.axhub.funding.pipeline.PipelineElements.EXEMPTION_GROUND;
import static kr.axhub.funding.pipeline.PipelineElements.EXEMPTION_GROUND_LABEL;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records that the exemption of a programme from the preliminary feasibility study was reported to the National
 * Assembly standing committee, as the law requires without delay once the exemption is confirmed: the moment
 * ({@code assemblyReportedAt}) and the recipient ({@code assemblyReportRecipient}, from
 * {@code axhub.assembly-report.recipient}) become variables of the programme and the report is logged.
 *
 * <p>This step does not deliver anything yet: it records and logs the report. Sending it by e-mail belongs to the
 * notification capability and is added there; until then the ministry sends the report itself and this record shows
 * when it was due and to whom.
 */
@Component("reportExemptionToAssemblyDelegate")
public class ReportExemptionToAssemblyDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReportExemptionToAssemblyDelegate.class);

  private final String recipient;

  public ReportExemptionToAssemblyDelegate(
      @Value("${axhub.assembly-report.recipient:국회 과학기술정보방송통신위원회}") String recipient) {
    this.recipient = recipient;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(ASSEMBLY_REPORTED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(ASSEMBLY_REPORT_RECIPIENT, recipient);
    Object ground = execution.getVariable(EXEMPTION_GROUND_LABEL);
    LOG.info("Exemption of programme {} (ground {}: {}) reported to {}", execution.getProcessBusinessKey(),
        execution.getVariable(EXEMPTION_GROUND), ground, recipient);
  }
}
