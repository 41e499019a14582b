package dev.agentmemory.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Checks of arguments that picocli's types cannot express; a failure is a usage error (exit 2). */
public final class Usage {
  private Usage() {}

  /** Fails unless {@code min <= value <= max}, naming the option and the range. */
  public static void requireRange(CommandSpec spec, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for " + option + ": " + value + " (allowed: " + min + " to " + max + ")");
    }
  }

  /** A calendar date as YYYY-MM-DD. */
  public static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date as YYYY-MM-DD");
      }
    }
  }
}
