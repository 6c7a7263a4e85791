package kr.axhub.funding.notification;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.notification.Recipients.Recipient;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * Tells a region's planners and director when their programme passes or fails a stage. Which element, under which
 * decision, means which outcome is declared on the element in the model ({@link #rulesDeclaredOn}): a deciding
 * element's {@code end} when its decision variable has the given value, or an end event's {@code start}. This class
 * only words the outcomes. Recipients: {@code axhub.notifications.outcome-recipient-groups}
 * who act for the programme's region ({@link Recipients}).
 */
@Component
public class OutcomeNotices {

  private static final String NOTICE = "outcomeNotice";

  /** A stage outcome and how it is worded. */
  public enum Outcome {
    PROPOSAL_ADOPTED("제안 채택", "Proposal adopted", null, null),
    PROPOSAL_REJECTED("제안 불채택", "Proposal rejected", PROPOSAL_REVIEW_REASON, null),
    PROPOSAL_WITHDRAWN("제안 철회", "Proposal withdrawn", INTERNAL_APPROVAL_COMMENT, null),
    FEASIBILITY_STUDY_NOT_REQUIRED("예타 대상 아님", "No preliminary feasibility study required", null, null),
    EXEMPTION_RECOMMENDED("예타 면제 권고", "Exemption recommended to the cabinet", EXEMPTION_REVIEW_COMMENT, null),
    EXEMPTION_REFUSED("예타 면제 불가 (예비타당성조사 진행)", "Exemption refused (full feasibility study follows)",
        EXEMPTION_REVIEW_COMMENT, null),
    STUDY_TARGET_UNSUITABLE("예타 대상 부적합", "Unsuitable for the feasibility study", STUDY_TARGET_COMMENT, null),
    FEASIBILITY_STUDY_PASSED("예비타당성조사 통과", "Feasibility study passed", null, RECOMMENDED_TOTAL_COST,
        "적정 총사업비", "Recommended total cost"),
    FEASIBILITY_STUDY_FAILED("예비타당성조사 미통과", "Feasibility study failed", STUDY_RESULT_SUMMARY, null),
    CABINET_RESOLVED("국무회의 의결", "Resolved by the cabinet", CABINET_RESOLUTION_NOTE, null),
    CABINET_DEFERRED("국무회의 보류", "Deferred by the cabinet", CABINET_RESOLUTION_NOTE, null),
    CABINET_REJECTED("국무회의 부결", "Rejected by the cabinet", CABINET_RESOLUTION_NOTE, null),
    EXEMPTION_CONFIRMED("예타 면제 확정", "Exemption confirmed by the steering committee", COMMITTEE_NOTE, null),
    COMMITTEE_NOT_CONFIRMED("총괄위원회 미확정", "Not confirmed by the steering committee", COMMITTEE_NOTE, null),
    ADEQUACY_CONFIRMED("사업계획 적정성 확정", "Business plan adequacy confirmed", null, CONFIRMED_TOTAL_COST,
        "확정 총사업비", "Confirmed total cost"),
    RESTRUCTURE_REQUESTED("사업계획 재구조화 요청", "Business plan restructuring requested", RESTRUCTURE_REASON, null),
    APPROPRIATION_RECORDED("예산 반영", "Appropriation recorded", null, APPROPRIATED_AMOUNT,
        "반영액", "Appropriated amount"),
    PROGRAMME_LAUNCHED("사업 착수", "Programme launched", null, null);

    final String headlineKo;
    final String headlineEn;
    final String reasonVariable;
    final String amountVariable;
    final String amountKo;
    final String amountEn;

    Outcome(String headlineKo, String headlineEn, String reasonVariable, String amountVariable) {
      this(headlineKo, headlineEn, reasonVariable, amountVariable, null, null);
    }

    Outcome(String headlineKo, String headlineEn, String reasonVariable, String amountVariable, String amountKo,
        String amountEn) {
      this.headlineKo = headlineKo;
      this.headlineEn = headlineEn;
      this.reasonVariable = reasonVariable;
      this.amountVariable = amountVariable;
      this.amountKo = amountKo;
      this.amountEn = amountEn;
    }
  }

  /**
   * One row of the table: at {@code event} ({@code start} or {@code end}) of {@code elementId}, when
   * {@code variable} equals {@code value} (or always, when {@code variable} is null), the outcome is announced.
   */
  public record Rule(String elementId, String event, String variable, String value, Outcome outcome) {

    static Rule onDecision(String taskId, String variable, String value, Outcome outcome) {
      return new Rule(taskId, ExecutionListener.EVENTNAME_END, variable, value, outcome);
    }

    static Rule onEnd(String endEventId, Outcome outcome) {
      return new Rule(endEventId, ExecutionListener.EVENTNAME_START, null, null, outcome);
    }

    boolean matches(DelegateExecution execution) {
      return variable == null || value.equals(String.valueOf(execution.getVariable(variable)));
    }
  }

  private final NotificationService notifications;
  private final Recipients recipients;
  private final NotificationProperties properties;

  public OutcomeNotices(NotificationService notifications, Recipients recipients,
      NotificationProperties properties) {
    this.notifications = notifications;
    this.recipients = recipients;
    this.properties = properties;
  }

  /**
   * The notices an element declares in its {@code camunda:properties}, where the Modeler shows them:
   * {@code outcomeNotice:<decision>} = outcome, announced when the element ends with its {@code outcomeVariable} at
   * that decision; {@code outcomeNotice} = outcome, announced whenever it is reached (an end event) or ends (any
   * other element). An outcome the application does not know fails the deployment, naming the element.
   */
  static List<Rule> rulesDeclaredOn(Element element, String elementId, boolean endEvent) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS,
        "properties");
    if (properties == null) {
      return List.of();
    }
    String variable = null;
    Map<String, String> notices = new LinkedHashMap<>();
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      String name = property.attribute("name");
      if ("outcomeVariable".equals(name)) {
        variable = property.attribute("value");
      } else if (name != null && (name.equals(NOTICE) || name.startsWith(NOTICE + ":"))) {
        notices.put(name, property.attribute("value"));
      }
    }
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, String> notice : notices.entrySet()) {
      Outcome outcome = outcome(elementId, notice.getValue());
      if (notice.getKey().equals(NOTICE)) {
        rules.add(endEvent ? Rule.onEnd(elementId, outcome) : Rule.onDecision(elementId, null, null, outcome));
      } else if (variable == null) {
        throw new ProcessEngineException("요소 " + elementId + "에 outcomeVariable이 없습니다 (" + elementId
            + " declares " + notice.getKey() + " but no outcomeVariable)");
      } else {
        rules.add(Rule.onDecision(elementId, variable, notice.getKey().substring(NOTICE.length() + 1), outcome));
      }
    }
    return rules;
  }

  private static Outcome outcome(String elementId, String name) {
    try {
      return Outcome.valueOf(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProcessEngineException("요소 " + elementId + "의 알림 결과 '" + name + "'을(를) 알 수 없습니다 ("
          + elementId + " declares the unknown outcome notice '" + name + "'; known: "
          + java.util.Arrays.toString(Outcome.values()) + ")");
    }
  }

  void announce(DelegateExecution execution, List<Rule> rules) {
    if (execution.isCanceled()) {
      return;
    }
    for (Rule rule : rules) {
      if (rule.matches(execution)) {
        announce(execution, rule.outcome());
      }
    }
  }

  private void announce(DelegateExecution execution, Outcome outcome) {
    ProgrammeFacts programme = ProgrammeFacts.of(execution);
    List<Recipient> to = recipients.regionMembersOf(properties.outcomeRecipientGroups(), programme.tenantId(),
        programme.region());
    FlowElement element = execution.getBpmnModelElementInstance();
    for (Recipient recipient : to) {
      Map<String, Object> model = new HashMap<>();
      model.put("recipientName", recipient.name());
      model.put("programmeLabel", programme.label());
      model.put("headlineKo", outcome.headlineKo);
      model.put("headlineEn", outcome.headlineEn);
      model.put("stage", element != null && element.getName() != null ? element.getName()
          : execution.getCurrentActivityId());
      model.put("occurredAt", NotificationService.format(ClockUtil.getCurrentTime()));
      Object reason = outcome.reasonVariable == null ? null : execution.getVariable(outcome.reasonVariable);
      if (reason != null && !reason.toString().isBlank()) {
        model.put("reason", reason.toString());
      }
      if (outcome.amountVariable != null && execution.getVariable(outcome.amountVariable) != null) {
        model.put("amount", execution.getVariable(outcome.amountVariable).toString());
        model.put("amountLabelKo", outcome.amountKo);
        model.put("amountLabelEn", outcome.amountEn);
      }
      notifications.record(NotificationKind.OUTCOME, "outcome:" + outcome + ":" + execution.getActivityInstanceId()
          + ":" + recipient.userId(), recipient.address(), recipient.userId(), model,
          execution.getProcessInstanceId(), execution.getId(), null, programme.programmeCode());
    }
  }
}
