package kr.axhub.funding.notification;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators' view of the notification outbox and the retry of a failed notification. */
@RestController
@RequestMapping("/api/admin/notifications")
public class NotificationAdminController {

  private final NotificationService notifications;
  private final NotificationDispatcher dispatcher;

  public NotificationAdminController(NotificationService notifications, NotificationDispatcher dispatcher) {
    this.notifications = notifications;
    this.dispatcher = dispatcher;
  }

  /** Newest first, at most {@code limit} (default 200); filter by status and programme code. */
  @GetMapping
  public List<Notification> list(@RequestParam(required = false) NotificationStatus status,
      @RequestParam(required = false) String programme,
      @RequestParam(defaultValue = "200") int limit) {
    return notifications.list(status, programme, Math.min(limit, 1000));
  }

  @GetMapping("/{id}")
  public Notification get(@PathVariable String id) {
    return notifications.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No notification " + id));
  }

  /** Queues a FAILED (or waiting) notification for an immediate attempt and resolves its incident. */
  @PostMapping("/{id}/retry")
  public Notification retry(@PathVariable String id) {
    Notification current = get(id);
    return dispatcher.retry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
        "Notification " + id + " is " + current.status() + "; only FAILED or PENDING notifications can be retried"));
  }
}
