package kr.axhub.funding.validation;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * How {@code /engine-rest} answers refusals that Camunda's REST API reports as a server error (500): refused input
 * becomes 400 with the refused fields, even where the API wrapped it (process start); an entity of a region the
 * caller does not belong to (engine code ENGINE-13034) becomes 404, as if it did not exist; and the everyday races of
 * officials sharing a group's tasks — a task another official claimed (409, for a claim as for a completion), two
 * officials changing the same task at the same instant (409: the engine rolled the later change back, nothing of it
 * was kept), or a task already completed and gone (404) — get an answer that says so. Every other error keeps
 * Camunda's own answer.
 */
final class EngineRestErrors {

  /** Camunda's log code of "... because it belongs to no authenticated tenant". */
  private static final String FOREIGN_TENANT = "ENGINE-13034";
  /** How Camunda words a task id that no longer exists (claim, complete, submit of a completed task). */
  private static final String TASK_GONE = "Cannot find task with id";

  private EngineRestErrors() {}

  @Priority(1)
  static class WrappedErrors implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      Response ours = answer(exception);
      return ours != null ? ours : camunda.toResponse(exception);
    }
  }

  @Priority(1)
  static class EngineErrors implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      Response ours = answer(exception);
      return ours != null ? ours : camunda.toResponse(exception);
    }
  }

  private static Response answer(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InputRefusedException refusal) {
        return json(Response.Status.BAD_REQUEST, InputRefusedException.class.getSimpleName(),
            exception.getMessage(), refusal);
      }
      if (cause instanceof TaskAlreadyClaimedException claimed) {
        return json(Response.Status.CONFLICT, "TaskAlreadyClaimed",
            "다른 담당자가 이미 이 업무를 맡았습니다 (another official claimed this task first): '"
                + claimed.getTaskAssignee() + "' — 담당자가 반납하거나 넘겨주기 전에는 처리할 수 없습니다 (only they can "
                + "complete, unclaim or hand it over until they do)", null);
      }
      if (cause instanceof OptimisticLockingException) {
        return json(Response.Status.CONFLICT, "ConcurrentChange",
            "다른 담당자가 같은 순간에 이 업무를 처리해 이번 요청은 반영되지 않았습니다 (another official changed this task at "
                + "the same moment; nothing of this request was kept): 업무를 다시 열어 확인하세요 (open the task again)",
            null);
      }
      if (cause instanceof NullValueException && cause.getMessage() != null
          && cause.getMessage().contains(TASK_GONE)) {
        return json(Response.Status.NOT_FOUND, "TaskNotFound",
            "이미 처리되었거나 없는 업무입니다 (the task was already completed or does not exist)", null);
      }
      if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
          && engine.getMessage().startsWith(FOREIGN_TENANT)) {
        return json(Response.Status.NOT_FOUND, "NotFound",
            "찾을 수 없습니다 (not found among the regions you belong to)", null);
      }
    }
    return null;
  }

  private static Response json(Response.Status status, String type, String message, InputRefusedException refusal) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.put("code", null);
    if (refusal != null) {
      body.put("violations", refusal.getViolations().stream()
          .map(v -> Map.of("field", v.field(), "label", String.valueOf(v.label()), "message", v.message()))
          .toList());
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
