/** The container spec: a YAML (or JSON) document in OCI runtime-spec shape, parsed into records. */
package io.rustyrun.spec;
