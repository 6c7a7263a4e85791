package kr.axhub.funding.validation;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Answers a refused input with 400 and the refused fields wherever the REST API wrapped the refusal in a generic
 * error (process start answers every engine exception with 500); every other error keeps Camunda's own answer.
 */
@Priority(1)
public class InputRefusedResponses implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    InputRefusedException refusal = refusalIn(exception);
    if (refusal == null) {
      return camundaHandler.toResponse(exception);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", InputRefusedException.class.getSimpleName());
    body.put("message", exception.getMessage());
    body.put("code", null);
    body.put("violations", refusal.getViolations().stream()
        .map(v -> Map.of("field", v.field(), "label", String.valueOf(v.label()), "message", v.message()))
        .toList());
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  private static InputRefusedException refusalIn(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InputRefusedException refusal) {
        return refusal;
      }
    }
    return null;
  }
}
