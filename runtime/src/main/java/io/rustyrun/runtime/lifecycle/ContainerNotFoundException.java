package io.rustyrun.runtime.lifecycle;

/**
 * No container has this id. The message is runc's ("container ... does not exist"): podman
 * treats a {@code state} error containing "does not exist" as "the container is gone".
 *
 * <pre>{@code
 * throw new ContainerNotFoundException("web-1");   // container "web-1" does not exist
 * }</pre>
 */
public final class ContainerNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContainerNotFoundException(String id) {
    super("container \"" + id + "\" does not exist");
  }
}
