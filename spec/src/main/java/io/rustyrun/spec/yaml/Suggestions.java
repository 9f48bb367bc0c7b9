package io.rustyrun.spec.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelt names, e.g. {@code closest("hostnmae", List.of("hostname",
 * "domainname"))} is {@code "hostname"}.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate nearest to {@code typo} by edit distance (ignoring case), if it is near enough
   * to be a typo: at most 2 edits, or a third of the word for long names like capabilities.
   */
  public static Optional<String> closest(String typo, Collection<String> candidates) {
    String wanted = typo.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, wanted.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** A "did you mean" hint, or {@code null} when nothing is close. */
  public static String didYouMean(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(name -> "did you mean \"" + name + "\"?").orElse(null);
  }

  /** Levenshtein distance, two rows at a time. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
