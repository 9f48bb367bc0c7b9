package io.rustyrun.spec;

/**
 * Intel Resource Director Technology settings, e.g. {@code intelRdt: {closID: web,
 * l3CacheSchema: "L3:0=ff"}}. Accepted so that foreign specs parse.
 *
 * @param closID the resctrl class of service
 * @param schemata the complete schemata, overriding the two schemas below
 * @param l3CacheSchema the L3 cache allocation
 * @param memBwSchema the memory bandwidth allocation
 * @param enableCMT whether cache monitoring is enabled
 * @param enableMBM whether memory bandwidth monitoring is enabled
 */
public record IntelRdtSpec(
    String closID,
    String schemata,
    String l3CacheSchema,
    String memBwSchema,
    boolean enableCMT,
    boolean enableMBM) {

  public IntelRdtSpec {
    closID = Defaults.string(closID);
    schemata = Defaults.string(schemata);
    l3CacheSchema = Defaults.string(l3CacheSchema);
    memBwSchema = Defaults.string(memBwSchema);
  }
}
