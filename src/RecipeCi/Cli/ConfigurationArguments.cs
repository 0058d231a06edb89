namespace RecipeCi.Cli;

/// <summary>
/// Separates configuration keys given as flags (<c>--DataDir /x</c>, <c>--Persistence:Provider PostgreSql</c>,
/// <c>--urls ...</c>) from the command's own options, so any configuration key can be set on the command line
/// without every command declaring it. Our own options are lower-case kebab; configuration keys start with an
/// upper-case letter (as in appsettings.json), plus ASP.NET's <c>--urls</c>.
/// </summary>
public static class ConfigurationArguments
{
    /// <summary>Moves configuration flags behind a <c>--</c> separator, where the CLI parser passes them through.</summary>
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var own = new List<string>();
        var config = new List<string>();
        var afterSeparator = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (afterSeparator) { config.Add(arg); continue; }
            if (arg == "--") { afterSeparator = true; continue; }
            if (IsConfigurationFlag(arg))
            {
                // Joined as --Key=value so values that start with '-' survive the configuration parser.
                if (!arg.Contains('=') && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    config.Add(arg + "=" + args[++i]);
                }
                else
                {
                    config.Add(arg.Contains('=') ? arg : arg + "=true");
                }
                continue;
            }
            own.Add(arg);
        }
        if (config.Count == 0) return [.. own];
        return [.. own, "--", .. config];
    }

    /// <summary>True for <c>--Key</c>, <c>--Section:Key</c>, <c>--Key=value</c> and <c>--urls</c>.</summary>
    public static bool IsConfigurationFlag(string arg) =>
        arg.Length > 2 && arg.StartsWith("--", StringComparison.Ordinal) &&
        (char.IsUpper(arg[2]) || arg == "--urls" || arg.StartsWith("--urls=", StringComparison.Ordinal));
}
