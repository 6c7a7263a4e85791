package kr.axhub.funding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers the webapps send (Camunda's own header security) on every answer of the APIs and the actuator as
 * well, refusals included: nothing here is meant to be rendered, framed or sniffed by a browser, so the policy is
 * the strictest one. HSTS only where TLS ends in front of the node (the {@code postgres} profile) and only on
 * requests that came over HTTPS, as the standard asks.
 */
class SecurityHeaders extends OncePerRequestFilter {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Duration hstsMaxAge;

  SecurityHeaders(Duration hstsMaxAge) {
    this.hstsMaxAge = hstsMaxAge;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    if (request.isSecure() && !hstsMaxAge.isZero()) {
      response.setHeader("Strict-Transport-Security", "max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains");
    }
    chain.doFilter(request, response);
  }
}
