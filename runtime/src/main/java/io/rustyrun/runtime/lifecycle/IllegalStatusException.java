package io.rustyrun.runtime.lifecycle;

/**
 * An operation that the container's status does not allow, e.g. {@code start} of a running
 * container; the message names the status.
 *
 * <pre>{@code
 * throw new IllegalStatusException("web-1", Status.RUNNING, "start");
 * // cannot start container "web-1": it is running
 * }</pre>
 */
public final class IllegalStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status status;

  public IllegalStatusException(String id, Status status, String operation) {
    super("cannot " + operation + " container \"" + id + "\": it is " + status.ociName());
    this.status = status;
  }

  public Status status() {
    return status;
  }
}
