/**
 * Internal to the spec module: YAML/JSON to a located {@link io.rustyrun.spec.yaml.Node} tree,
 * and that tree to records, collecting {@link io.rustyrun.spec.yaml.Problem}s with line and
 * column instead of stopping at the first. Depends on no other rustyrun package.
 */
package io.rustyrun.spec.yaml;
