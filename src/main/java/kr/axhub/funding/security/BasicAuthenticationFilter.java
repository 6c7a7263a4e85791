package kr.axhub.funding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against Camunda's identity service for {@code /engine-rest} and the application's own
 * API. The request then runs as that official, with their groups and tenants, so the engine applies the same
 * authorizations and tenant checks as in Tasklist and Cockpit. Anything else gets 401.
 */
class BasicAuthenticationFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Basic ";

  private final IdentityService identityService;

  BasicAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = authenticatedUser(request.getHeader("Authorization"));
    if (userId == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"AX Hub Funding Pipeline\", charset=\"UTF-8\"");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"AuthenticationException\","
          + "\"message\":\"로그인이 필요합니다 (authentication required: HTTP Basic with a Camunda user)\"}");
      return;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
        .list().stream().map(Tenant::getId).toList();
    try {
      identityService.setAuthentication(userId, groups, tenants);
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String authenticatedUser(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    return identityService.checkPassword(userId, decoded.substring(colon + 1)) ? userId : null;
  }
}
