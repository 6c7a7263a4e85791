package kr.axhub.funding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import kr.axhub.funding.login.VerifiedCredentials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against Camunda's identity service for {@code /engine-rest} and the application's own
 * API. The request then runs as that official, with their groups and tenants, so the engine applies the same
 * authorizations and tenant checks as in Tasklist and Cockpit. Anything else gets 401. A client's next requests
 * within a few seconds skip the password check and the two queries ({@link VerifiedCredentials}).
 */
class BasicAuthenticationFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Basic ";

  private final IdentityService identityService;
  private final VerifiedCredentials credentials;

  BasicAuthenticationFilter(IdentityService identityService, VerifiedCredentials credentials) {
    this.identityService = identityService;
    this.credentials = credentials;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    VerifiedCredentials.Official official = authenticated(request.getHeader("Authorization"));
    if (official == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"AX Hub Funding Pipeline\", charset=\"UTF-8\"");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"AuthenticationException\","
          + "\"message\":\"로그인이 필요합니다 (authentication required: HTTP Basic with a Camunda user)\"}");
      return;
    }
    try {
      identityService.setAuthentication(official.userId(), official.groupIds(), official.tenantIds());
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private VerifiedCredentials.Official authenticated(String header) {
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
    String password = decoded.substring(colon + 1);
    return credentials.verify(userId, password, () -> identityService.checkPassword(userId, password)
        ? new VerifiedCredentials.Official(userId,
            identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
            identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toList())
        : null);
  }
}
