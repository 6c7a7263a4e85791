package kr.axhub.funding.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the login throttle ({@code axhub.login.*}); the per-account delays are Camunda's own
 * ({@code camunda.bpm.generic-properties.properties.login-delay-*}, see docs/security.md).
 *
 * @param addressFreeAttempts failed logins a client address may make before it has to wait between attempts
 * @param addressMaxDelay longest wait of a client address between two attempts
 * @param addressForgetAfter a client address with no failed login for this long starts afresh
 * @param accountAlertAfter consecutive failed logins of one account after which administrators are told
 * @param knownAddressFor how long an address an official logged in from stays exempt from their account's delay
 */
@ConfigurationProperties("axhub.login")
record LoginProperties(
    Integer addressFreeAttempts,
    Duration addressMaxDelay,
    Duration addressForgetAfter,
    Integer accountAlertAfter,
    Duration knownAddressFor) {

  LoginProperties {
    addressFreeAttempts = addressFreeAttempts == null ? 20 : addressFreeAttempts;
    addressMaxDelay = addressMaxDelay == null ? Duration.ofMinutes(15) : addressMaxDelay;
    addressForgetAfter = addressForgetAfter == null ? Duration.ofHours(1) : addressForgetAfter;
    accountAlertAfter = accountAlertAfter == null ? 10 : accountAlertAfter;
    knownAddressFor = knownAddressFor == null ? Duration.ofDays(30) : knownAddressFor;
  }
}
