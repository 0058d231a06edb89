using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RecipeCi.Logging;

/// <summary>
/// Serilog configuration shared by every command: readable console text by default, compact JSON with
/// <c>--log-format json</c>; the <c>Serilog</c> configuration section can refine levels and sinks. CLI commands
/// (<c>run</c>, <c>canonical</c>, ...) log the same lines to stderr, so stdout carries only their results.
/// </summary>
public static class SerilogSetup
{
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, Microsoft.Extensions.Configuration.IConfiguration configuration, string format,
        bool standardError = false)
    {
        LogEventLevel? toStderr = standardError ? LogEventLevel.Verbose : null;
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        return format == "json"
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStderr)
            : logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                standardErrorFromLevel: toStderr);
    }
}
