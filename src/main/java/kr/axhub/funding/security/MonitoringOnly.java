package kr.axhub.funding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import kr.axhub.funding.identity.OfficialGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's figures (metrics, the Prometheus scrape, info) are for the monitoring system and administrators:
 * members of {@code monitoring} or {@code camunda-admin}, after HTTP Basic. Health stays open to the load balancer.
 */
class MonitoringOnly extends OncePerRequestFilter {

  private final IdentityService identityService;

  MonitoringOnly(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = identityService.getCurrentAuthentication();
    List<String> groups = authentication == null || authentication.getGroupIds() == null
        ? List.of() : authentication.getGroupIds();
    if (groups.contains(OfficialGroups.MONITORING) || groups.contains(OfficialGroups.ADMINS)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"AuthorizationException\","
        + "\"message\":\"운영 감시 그룹만 사용할 수 있습니다 (monitoring and administrators only)\"}");
  }
}
