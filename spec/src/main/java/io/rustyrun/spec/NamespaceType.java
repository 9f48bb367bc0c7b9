package io.rustyrun.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A Linux namespace type by its OCI name, e.g. {@code NamespaceType.fromOciName("uts")} is {@link #UTS}. */
public enum NamespaceType {
  PID("pid"),
  NETWORK("network"),
  MOUNT("mount"),
  IPC("ipc"),
  UTS("uts"),
  USER("user"),
  CGROUP("cgroup"),
  TIME("time");

  private final String ociName;

  NamespaceType(String ociName) {
    this.ociName = ociName;
  }

  /** The name in {@code linux.namespaces[].type}, e.g. {@code network}. */
  public String ociName() {
    return ociName;
  }

  /** The type with this OCI name, if there is one. */
  public static Optional<NamespaceType> fromOciName(String name) {
    return Arrays.stream(values()).filter(type -> type.ociName.equals(name)).findFirst();
  }

  /** Every OCI name, in declaration order. */
  public static List<String> ociNames() {
    return Arrays.stream(values()).map(NamespaceType::ociName).toList();
  }
}
