package io.rustyrun.runtime.seccomp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A resolved seccomp filter, free of the spec module, e.g.
 *
 * <pre>{@code
 * SeccompConfig config = new SeccompConfig(SeccompAction.errno(38),
 *     List.of(new SyscallRule(List.of("read", "write", "exit_group"), SeccompAction.of(Kind.ALLOW), List.of())),
 *     Set.of());
 * config.write(out);                               // host: into the launch config
 * SeccompConfig same = SeccompConfig.read(in);     // init stage
 * }</pre>
 *
 * <p>The binary form is a sequence of {@code DataOutputStream} primitives, enums by name; the
 * launch config around it carries the magic number and version.
 *
 * @param defaultAction the action for syscalls no rule matches
 * @param rules the rules, in the order of the spec
 * @param flags the flags to install the filter with
 */
public record SeccompConfig(SeccompAction defaultAction, List<SyscallRule> rules, Set<FilterFlag> flags) {

  public SeccompConfig {
    if (defaultAction == null) {
      throw new IllegalArgumentException("defaultAction is required");
    }
    rules = List.copyOf(rules);
    EnumSet<FilterFlag> copy = EnumSet.noneOf(FilterFlag.class);
    copy.addAll(flags);
    flags = Collections.unmodifiableSet(copy);
  }

  /** The {@code flags} argument of {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}. */
  public int flagBits() {
    int bits = 0;
    for (FilterFlag flag : flags) {
      bits |= flag.bit();
    }
    return bits;
  }

  public void write(DataOutputStream out) throws IOException {
    writeAction(out, defaultAction);
    out.writeInt(flags.size());
    for (FilterFlag flag : flags) {
      out.writeUTF(flag.name());
    }
    out.writeInt(rules.size());
    for (SyscallRule rule : rules) {
      writeRule(out, rule);
    }
  }

  public static SeccompConfig read(DataInputStream in) throws IOException {
    SeccompAction defaultAction = readAction(in);
    int flagCount = in.readInt();
    Set<FilterFlag> flags = EnumSet.noneOf(FilterFlag.class);
    for (int i = 0; i < flagCount; i++) {
      flags.add(FilterFlag.valueOf(in.readUTF()));
    }
    int ruleCount = in.readInt();
    List<SyscallRule> rules = new ArrayList<>(ruleCount);
    for (int i = 0; i < ruleCount; i++) {
      rules.add(readRule(in));
    }
    return new SeccompConfig(defaultAction, rules, flags);
  }

  private static void writeRule(DataOutputStream out, SyscallRule rule) throws IOException {
    out.writeInt(rule.names().size());
    for (String name : rule.names()) {
      out.writeUTF(name);
    }
    writeAction(out, rule.action());
    out.writeInt(rule.conditions().size());
    for (ArgCondition c : rule.conditions()) {
      out.writeByte(c.index());
      out.writeLong(c.value());
      out.writeLong(c.valueTwo());
      out.writeUTF(c.op().name());
    }
  }

  private static SyscallRule readRule(DataInputStream in) throws IOException {
    int nameCount = in.readInt();
    List<String> names = new ArrayList<>(nameCount);
    for (int i = 0; i < nameCount; i++) {
      names.add(in.readUTF());
    }
    SeccompAction action = readAction(in);
    int conditionCount = in.readInt();
    List<ArgCondition> conditions = new ArrayList<>(conditionCount);
    for (int i = 0; i < conditionCount; i++) {
      conditions.add(new ArgCondition(in.readByte(), in.readLong(), in.readLong(), CompareOp.valueOf(in.readUTF())));
    }
    return new SyscallRule(names, action, conditions);
  }

  private static void writeAction(DataOutputStream out, SeccompAction action) throws IOException {
    out.writeUTF(action.kind().name());
    out.writeInt(action.data());
  }

  private static SeccompAction readAction(DataInputStream in) throws IOException {
    return new SeccompAction(SeccompAction.Kind.valueOf(in.readUTF()), in.readInt());
  }
}
