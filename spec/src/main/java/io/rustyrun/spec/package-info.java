/**
 * The container spec: a YAML (or JSON) document in OCI runtime-spec shape, parsed into records.
 *
 * <pre>{@code
 * ContainerSpec spec = new SpecLoader().load(bundle.resolve("container.yaml"));
 * List<String> argv = spec.process().args();
 * }</pre>
 *
 * <p>Conventions of every record here:
 *
 * <ul>
 *   <li>absent lists and maps are empty, absent strings are {@code ""}, absent container objects
 *       ({@code hooks}, {@code linux}, {@code linux.resources.memory}, ...) are empty records;
 *   <li>{@code null} appears only where OCI distinguishes "unset" from every value, and each such
 *       component says so: boxed numbers of OCI pointer fields ({@code Long limit}, {@code
 *       Integer umask}), objects whose mere presence changes behaviour ({@code seccomp}, {@code
 *       scheduler}, {@code consoleSize}), {@link io.rustyrun.spec.NamespaceSpec#path()}, and
 *       whichever of {@code root.path} and {@code image} the spec does not use;
 *   <li>names from closed OCI vocabularies ({@code CAP_*}, {@code RLIMIT_*}, {@code SCMP_*}) stay
 *       strings, already checked against the known names.
 * </ul>
 *
 * <p>The subpackage {@code io.rustyrun.spec.yaml} is the located parser and binder behind {@link
 * io.rustyrun.spec.SpecLoader}; it is not for use outside this module.
 */
package io.rustyrun.spec;
