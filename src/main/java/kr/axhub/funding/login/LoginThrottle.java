package kr.axhub.funding.login;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What this node remembers about logins: failures per client address (a guesser trying many accounts from one place
 * waits longer and longer between attempts) and, per account, the addresses its official logged in from recently.
 * Such a known address is exempt from the account's delay and from its own address's, so a guesser elsewhere who
 * knows an official's id cannot lock that official out of their work. Kept in memory: a restart forgets it, and
 * each node of a cluster counts for itself.
 */
@Component
class LoginThrottle {

  private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 8;
  private static final int MAX_TRACKED_ADDRESSES = 100_000;

  private record AddressFailures(int count, Instant last) {}

  private final LoginProperties properties;
  private final Map<String, AddressFailures> addresses = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Instant>> knownAddresses = new ConcurrentHashMap<>();

  LoginThrottle(LoginProperties properties) {
    this.properties = properties;
  }

  /** Whether this address is waiting out its delay: its attempt is refused without looking at the password. */
  boolean addressWaiting(String address) {
    AddressFailures failures = address == null ? null : addresses.get(address);
    if (failures == null || failures.count() < properties.addressFreeAttempts()) {
      return false;
    }
    return now().isBefore(failures.last().plus(delayAfter(failures.count())));
  }

  /**
   * Counts a failed login from this address.
   *
   * @return whether the address has just used up its free attempts
   */
  boolean failed(String address) {
    if (address == null) {
      return false;
    }
    Instant now = now();
    if (addresses.size() > MAX_TRACKED_ADDRESSES) {
      addresses.values().removeIf(failures -> failures.last().plus(properties.addressForgetAfter()).isBefore(now));
    }
    AddressFailures updated = addresses.compute(address, (key, failures) ->
        failures == null || failures.last().plus(properties.addressForgetAfter()).isBefore(now)
            ? new AddressFailures(1, now) : new AddressFailures(failures.count() + 1, now));
    return updated.count() == properties.addressFreeAttempts();
  }

  void succeeded(String userId, String address) {
    if (address == null) {
      return;
    }
    knownAddresses.compute(userId, (key, known) -> {
      Map<String, Instant> updated = known == null ? new LinkedHashMap<>() : new LinkedHashMap<>(known);
      updated.remove(address);
      updated.put(address, now());
      while (updated.size() > KNOWN_ADDRESSES_PER_ACCOUNT) {
        updated.remove(updated.keySet().iterator().next());
      }
      return updated;
    });
  }

  boolean knownAddress(String userId, String address) {
    Instant lastLogin = address == null ? null : knownAddresses.getOrDefault(userId, Map.of()).get(address);
    return lastLogin != null && lastLogin.plus(properties.knownAddressFor()).isAfter(now());
  }

  /** An administrator's unlock also frees the addresses the official works from. */
  void unlocked(String userId) {
    knownAddresses.getOrDefault(userId, Map.of()).keySet().forEach(addresses::remove);
  }

  private Duration delayAfter(int failures) {
    int beyondFree = failures - properties.addressFreeAttempts();
    Duration delay = beyondFree >= 30 ? properties.addressMaxDelay() : Duration.ofSeconds(1L << beyondFree);
    return delay.compareTo(properties.addressMaxDelay()) > 0 ? properties.addressMaxDelay() : delay;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
