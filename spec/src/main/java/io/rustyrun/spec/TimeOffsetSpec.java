package io.rustyrun.spec;

/**
 * A time namespace clock offset, e.g. {@code timeOffsets: {monotonic: {secs: 86400}}}.
 *
 * @param secs whole seconds
 * @param nanosecs additional nanoseconds
 */
public record TimeOffsetSpec(long secs, long nanosecs) {}
