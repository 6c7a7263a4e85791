package kr.axhub.funding.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kr.axhub.funding.identity.OfficialGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code /api/admin/**} is for members of {@code camunda-admin} only: 403 for every other official. */
@Component
class AdministratorsOnly implements HandlerInterceptor, WebMvcConfigurer {

  private final IdentityService identityService;

  AdministratorsOnly(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/admin/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().contains(OfficialGroups.ADMINS)) {
      return true;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"AuthorizationException\","
        + "\"message\":\"관리자만 사용할 수 있습니다 (administrators only)\"}");
    return false;
  }
}
