package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * One planned write to a control file, for controllers whose order of writes matters (device
 * rules, memory against memory+swap): the plan is tested as a list, then written in order.
 *
 * <pre>{@code
 * new CgroupWrite("devices.allow", "c 1:3 rwm", "allow device \"c 1:3 rwm\"").to(dir);
 * }</pre>
 *
 * @param file the control file's name
 * @param value what to write
 * @param what the operation, for the error message
 */
record CgroupWrite(String file, String value, String what) {

  void to(Path dir) {
    new CgroupFile(dir, file).write(value, what);
  }
}
