package io.rustyrun.spec;

import io.rustyrun.spec.yaml.Node;
import io.rustyrun.spec.yaml.Problem;
import io.rustyrun.spec.yaml.Problems;
import io.rustyrun.spec.yaml.RecordBinder;
import io.rustyrun.spec.yaml.RejectedValueException;
import io.rustyrun.spec.yaml.Suggestions;
import io.rustyrun.spec.yaml.TreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates spec files, e.g.
 *
 * <pre>{@code
 * ContainerSpec spec = new SpecLoader().load(bundle.resolve("container.yaml"));
 * }</pre>
 *
 * <p>A spec is YAML or JSON (an unmodified {@code runc spec} or podman {@code config.json}
 * loads). Loading collects every violation before it fails: unknown fields, wrong types, missing
 * required fields and every OCI rule that {@link SpecValidator} knows, each with its line and
 * column, in one {@link SpecException}. Paths come from the caller's file system; the loader
 * never touches the default one.
 */
public final class SpecLoader {

  private final TreeReader treeReader = new TreeReader();

  /** Reads a complete spec; relative paths in it resolve against the file's directory. */
  public ContainerSpec load(Path file) {
    Path bundleDir = file.toAbsolutePath().normalize().getParent();
    Problems problems = new Problems();
    Optional<Node> root = treeReader.read(readText(file), problems);
    if (root.isEmpty()) {
      throw invalid(file, problems);
    }
    RecordBinder binder = new RecordBinder(converters(bundleDir), problems);
    SpecDocument document = binder.bind(root.get(), SpecDocument.class, "");
    new SpecValidator(binder.sourceMap(), problems).validateDocument(document);
    if (!problems.isEmpty()) {
      throw invalid(file, problems);
    }
    return document.toContainerSpec(file, bundleDir);
  }

  /** Reads an OCI {@code process} object on its own, as {@code exec --process} takes it. */
  public ProcessSpec loadProcess(Path file) {
    return loadPart(file, ProcessSpec.class, (validator, process) -> validator.validateProcess(process, ""));
  }

  /** Reads an OCI {@code linux.resources} object on its own, as {@code update --resources} takes it. */
  public ResourcesSpec loadResources(Path file) {
    return loadPart(file, ResourcesSpec.class, (validator, resources) -> validator.validateResources(resources, ""));
  }

  private interface PartRules<T> {
    void validate(SpecValidator validator, T part);
  }

  private <T extends Record> T loadPart(Path file, Class<T> type, PartRules<T> rules) {
    Path bundleDir = file.toAbsolutePath().normalize().getParent();
    Problems problems = new Problems();
    Optional<Node> root = treeReader.read(readText(file), problems);
    if (root.isEmpty()) {
      throw invalid(file, problems);
    }
    RecordBinder binder = new RecordBinder(converters(bundleDir), problems);
    T part = binder.bind(root.get(), type, "");
    rules.validate(new SpecValidator(binder.sourceMap(), problems), part);
    if (!problems.isEmpty()) {
      throw invalid(file, problems);
    }
    return part;
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new SpecUnreadableException(file, e);
    }
  }

  /** Scalars the binder cannot bind by type alone: namespace names and bundle-relative paths. */
  private static Map<Class<?>, Function<String, ?>> converters(Path bundleDir) {
    return Map.of(
        NamespaceType.class, SpecLoader::namespaceType,
        Path.class, text -> bundlePath(bundleDir, text));
  }

  private static NamespaceType namespaceType(String name) {
    return NamespaceType.fromOciName(name)
        .orElseThrow(() -> new RejectedValueException(
            "unknown namespace type \"" + name + "\"",
            Optional.ofNullable(Suggestions.didYouMean(name, NamespaceType.ociNames()))
                .orElse("use one of " + String.join(", ", NamespaceType.ociNames()))));
  }

  private static Path bundlePath(Path bundleDir, String text) {
    if (text.isEmpty()) {
      throw new RejectedValueException("must not be empty", null);
    }
    try {
      return bundleDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new RejectedValueException("\"" + text + "\" is not a valid path", null);
    }
  }

  private static SpecException invalid(Path file, Problems problems) {
    return new SpecException(file, problems.sorted().stream().map(p -> toViolation(file, p)).toList());
  }

  private static Violation toViolation(Path file, Problem problem) {
    return new Violation(
        file, problem.location().line(), problem.location().column(), problem.field(), problem.message(), problem.hint());
  }
}
