package io.rustyrun.spec;

import java.util.List;

/**
 * Who the process runs as, e.g. {@code user: {uid: 1000, gid: 1000, umask: 0022,
 * additionalGids: [10]}}.
 *
 * @param uid the user id
 * @param gid the group id
 * @param umask the umask, 0 .. 0777, or {@code null} to keep the inherited one
 * @param additionalGids supplementary groups
 * @param username the Windows user name; accepted so that foreign specs parse, unused
 */
public record UserSpec(int uid, int gid, Integer umask, List<Integer> additionalGids, String username) {

  /** The user of a spec without {@code process.user}: root. */
  public static final UserSpec ROOT = new UserSpec(0, 0, null, List.of(), "");

  public UserSpec {
    additionalGids = Defaults.list(additionalGids);
    username = Defaults.string(username);
  }
}
