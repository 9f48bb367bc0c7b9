package io.rustyrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The CPU affinity of the process around exec, as cpuset lists, e.g. {@code execCPUAffinity:
 * {initial: "0", final: "0-3"}}.
 *
 * @param initial the affinity while the runtime sets up the process, empty for unchanged
 * @param finalCpus the affinity of the process after exec, empty for unchanged (the OCI field
 *     {@code final})
 */
public record CpuAffinitySpec(String initial, @JsonProperty("final") String finalCpus) {

  public CpuAffinitySpec {
    initial = Defaults.string(initial);
    finalCpus = Defaults.string(finalCpus);
  }
}
