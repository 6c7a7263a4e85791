package kr.axhub.funding.login;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's own user store with the password check every login passes through (HTTP Basic on the APIs, the webapps'
 * login form), made slow for guessers without becoming a lock-out button:
 *
 * <ul>
 *   <li>per account, Camunda's growing delay after each wrong password (a temporary lock that expires; configured
 *       in {@code application.yaml} never to lock for good), waived for an address the official logged in from
 *       recently;
 *   <li>per client address, a growing wait once it has used up its free attempts ({@link LoginThrottle});
 *   <li>administrators are told ({@link LoginAlerts}) and can end an account's lock in Admin (<em>Unlock User</em>).
 * </ul>
 *
 * A refused attempt during a wait looks exactly like a wrong password, and an unknown user exactly like a known one.
 * Every change of users, groups, tenants and memberships makes {@link VerifiedCredentials} forget what it
 * remembered.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;
  private final LoginAlerts alerts;
  private final int accountAlertAfter;
  private final VerifiedCredentials credentials;

  ThrottledIdentityProvider(LoginThrottle throttle, LoginAlerts alerts, int accountAlertAfter,
      VerifiedCredentials credentials) {
    this.throttle = throttle;
    this.alerts = alerts;
    this.accountAlertAfter = accountAlertAfter;
    this.credentials = credentials;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    String address = ClientAddress.current();
    boolean knownAddress = userId != null && throttle.knownAddress(userId, address);
    if (!knownAddress && throttle.addressWaiting(address)) {
      alerts.refused(LoginAlerts.Reason.ADDRESS_WAITING);
      return false;
    }
    UserEntity user = userId == null ? null : findUserById(userId);
    if (user == null || password == null) {
      failedFrom(address);
      alerts.refused(LoginAlerts.Reason.UNKNOWN_ACCOUNT);
      return false;
    }
    if (!knownAddress && isUserLocked(user)) {
      alerts.refused(LoginAlerts.Reason.ACCOUNT_WAITING);
      return false;
    }
    if (matchPassword(password, user)) {
      unlockUser(user);
      throttle.succeeded(userId, address);
      return true;
    }
    lockUser(user);
    failedFrom(address);
    alerts.refused(LoginAlerts.Reason.WRONG_PASSWORD);
    return false;
  }

  @Override
  protected void lockUser(UserEntity user) {
    super.lockUser(user);
    if (user.getAttempts() == accountAlertAfter) {
      alerts.accountLocked(user.getId(), user.getAttempts(), user.getLockExpirationTime());
    }
  }

  @Override
  public IdentityOperationResult unlockUser(String userId) {
    credentials.identitiesChanging();
    IdentityOperationResult result = super.unlockUser(userId);
    throttle.unlocked(userId);
    return result;
  }

  @Override
  public IdentityOperationResult saveUser(User user) {
    credentials.identitiesChanging();
    return super.saveUser(user);
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    credentials.identitiesChanging();
    return super.deleteUser(userId);
  }

  @Override
  public IdentityOperationResult saveGroup(Group group) {
    credentials.identitiesChanging();
    return super.saveGroup(group);
  }

  @Override
  public IdentityOperationResult deleteGroup(String groupId) {
    credentials.identitiesChanging();
    return super.deleteGroup(groupId);
  }

  @Override
  public IdentityOperationResult saveTenant(Tenant tenant) {
    credentials.identitiesChanging();
    return super.saveTenant(tenant);
  }

  @Override
  public IdentityOperationResult deleteTenant(String tenantId) {
    credentials.identitiesChanging();
    return super.deleteTenant(tenantId);
  }

  @Override
  public IdentityOperationResult createMembership(String userId, String groupId) {
    credentials.identitiesChanging();
    return super.createMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult deleteMembership(String userId, String groupId) {
    credentials.identitiesChanging();
    return super.deleteMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
    credentials.identitiesChanging();
    return super.createTenantUserMembership(tenantId, userId);
  }

  @Override
  public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
    credentials.identitiesChanging();
    return super.createTenantGroupMembership(tenantId, groupId);
  }

  @Override
  public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
    credentials.identitiesChanging();
    return super.deleteTenantUserMembership(tenantId, userId);
  }

  @Override
  public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
    credentials.identitiesChanging();
    return super.deleteTenantGroupMembership(tenantId, groupId);
  }

  private void failedFrom(String address) {
    if (throttle.failed(address)) {
      alerts.addressThrottled(address);
    }
  }
}
