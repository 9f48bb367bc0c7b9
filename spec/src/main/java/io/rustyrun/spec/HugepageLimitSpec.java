package io.rustyrun.spec;

/**
 * A hugetlb limit, e.g. {@code {pageSize: 2MB, limit: 209715200}}.
 *
 * @param pageSize the page size as {@code <size><unit>B}: {@code 64KB}, {@code 2MB}, {@code 1GB}
 * @param limit the limit in bytes
 */
public record HugepageLimitSpec(String pageSize, long limit) {

  public HugepageLimitSpec {
    pageSize = Defaults.string(pageSize);
  }
}
