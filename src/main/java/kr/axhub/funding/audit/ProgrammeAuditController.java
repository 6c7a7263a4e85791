package kr.axhub.funding.audit;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/programmes/{code}/audit}: every completed task of a programme, oldest first. */
@RestController
public class ProgrammeAuditController {

  private final ProgrammeAudit audit;

  public ProgrammeAuditController(ProgrammeAudit audit) {
    this.audit = audit;
  }

  @GetMapping("/api/programmes/{code}/audit")
  public List<ProgrammeAudit.Completion> audit(@PathVariable String code) {
    return audit.completions(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "사업 " + code + "을(를) 찾을 수 없습니다 (no programme " + code + " you may see)"));
  }
}
