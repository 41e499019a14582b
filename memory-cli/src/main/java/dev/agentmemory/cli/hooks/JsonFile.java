package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A JSON file of Claude Code's that we edit: read as a tree, changed in place, written back
 * atomically after a timestamped backup, with every other key kept (order included). Written the
 * way Claude Code writes it ({@code JSON.stringify(value, null, 2)}), and when an edit brings the
 * content back to that of an earlier backup, that backup's exact bytes are written, so install then
 * uninstall gives back the very file the user had.
 */
final class JsonFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultPrettyPrinter LIKE_JAVASCRIPT = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""));

  private final Path file;
  private final ObjectNode root;
  private final JsonNode original;
  private final boolean existed;
  private final boolean endsWithNewline;

  private JsonFile(Path file, ObjectNode root, boolean existed, boolean endsWithNewline) {
    this.file = file;
    this.root = root;
    this.original = root.deepCopy();
    this.existed = existed;
    this.endsWithNewline = endsWithNewline;
  }

  /** The file's object; an empty one when the file does not exist (or is blank). */
  static JsonFile read(Path file) {
    if (!Files.exists(file)) {
      return new JsonFile(file, JSON.createObjectNode(), false, true);
    }
    try {
      String text = Files.readString(file);
      JsonNode node = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw new CliException(file + " does not hold a JSON object; fix it or move it aside, then try again");
      }
      return new JsonFile(file, object, true, text.isEmpty() || text.endsWith("\n"));
    } catch (IOException e) {
      if (withComments(file)) {
        throw new CliException(file + " has comments, which rewriting it would lose: remove them, or add the entries "
            + "by hand (docs/agents.md lists them), then try again");
      }
      throw new CliException(file + " is not valid JSON (" + e.getMessage() + "); fix it, then try again");
    }
  }

  /** Whether the file is JSON once comments are allowed (Gemini CLI accepts them in its settings). */
  private static boolean withComments(Path file) {
    try {
      JSON.copy().enable(JsonParser.Feature.ALLOW_COMMENTS).readTree(Files.readString(file));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  Path path() {
    return file;
  }

  ObjectNode root() {
    return root;
  }

  boolean exists() {
    return existed;
  }

  /** Whether the tree differs from what was read. */
  boolean changed() {
    return !root.equals(original);
  }

  /** The object under {@code name}, created (empty) when missing or not an object. */
  static ObjectNode object(ObjectNode parent, String name) {
    return parent.get(name) instanceof ObjectNode object ? object : parent.putObject(name);
  }

  String render() {
    try {
      String text = JSON.writer(LIKE_JAVASCRIPT).writeValueAsString(root);
      return endsWithNewline ? text + "\n" : text;
    } catch (IOException e) {
      throw new IllegalStateException("Rendering JSON cannot fail", e);
    }
  }

  /**
   * Writes the tree (atomically), first copying the file as it was to a timestamped backup, which
   * is returned. An empty object is not written: the file is removed (we created it, or the user
   * had nothing in it that a backup does not keep).
   */
  Optional<Path> save() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Optional<Path> backup = FileEdits.backup(file);
      Optional<byte[]> earlier = identicalBackup();
      if (earlier.isEmpty() && root.isEmpty()) {
        Files.deleteIfExists(file);
        return backup;
      }
      FileEdits.replace(file, earlier.orElseGet(() -> render().getBytes(StandardCharsets.UTF_8)));
      return backup;
    } catch (IOException e) {
      throw new CliException("Cannot write " + file + ": " + e.getMessage());
    }
  }

  /** The bytes of the newest backup of this file that holds exactly this tree, if any. */
  private Optional<byte[]> identicalBackup() throws IOException {
    List<Path> backups = new ArrayList<>();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.toAbsolutePath().getParent(),
        file.getFileName() + FileEdits.BACKUP_INFIX + "*")) {
      siblings.forEach(backups::add);
    }
    backups.sort(Comparator.comparing(Path::toString).reversed());
    for (Path backup : backups) {
      try {
        byte[] bytes = Files.readAllBytes(backup);
        if (root.equals(JSON.readTree(bytes))) {
          return Optional.of(bytes);
        }
      } catch (IOException e) {
        // not a backup we can read: look at the next
      }
    }
    return Optional.empty();
  }
}
