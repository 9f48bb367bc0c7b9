package io.rustyrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code ioprio_set(2)} class and level of the process, e.g. {@code ioPriority: {class:
 * IOPRIO_CLASS_BE, priority: 4}}.
 *
 * @param ioClass {@code IOPRIO_CLASS_RT}, {@code IOPRIO_CLASS_BE} or {@code IOPRIO_CLASS_IDLE}
 *     (the OCI field {@code class})
 * @param priority the level within the class, 0 (highest) .. 7
 */
public record IoPrioritySpec(@JsonProperty("class") String ioClass, int priority) {

  public IoPrioritySpec {
    ioClass = Defaults.string(ioClass);
  }
}
