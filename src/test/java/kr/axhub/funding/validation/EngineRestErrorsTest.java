package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.junit.jupiter.api.Test;

/** The answers officials get when they race for a group's task, and that other engine errors keep Camunda's. */
class EngineRestErrorsTest {

  private final EngineRestErrors.EngineErrors errors = new EngineRestErrors.EngineErrors();

  @Test
  void twoOfficialsChangingOneTaskAtOnceGetAConflictThatSaysNothingWasKept() {
    Response answer = errors.toResponse(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity"
        + "[42]' failed. Entity was updated by another transaction concurrently."));
    assertThat(answer.getStatus()).isEqualTo(409);
    Map<?, ?> body = (Map<?, ?>) answer.getEntity();
    assertThat(body.get("type")).isEqualTo("ConcurrentChange");
    assertThat((String) body.get("message")).containsPattern("\\p{IsHangul}").contains("nothing of this request");
  }

  @Test
  void aTaskAnotherOfficialClaimedIsAConflictNamingThem() {
    Response answer = errors.toResponse(new TaskAlreadyClaimedException("42", "daegu-director"));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat((String) ((Map<?, ?>) answer.getEntity()).get("message")).contains("'daegu-director'");
  }

  @Test
  void otherEngineErrorsKeepCamundasAnswer() {
    assertThat(errors.toResponse(new ProcessEngineException("something else")).getStatus()).isEqualTo(500);
  }
}
