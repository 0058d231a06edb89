using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// The typed reads every settings section shares: each value is read as a string and checked here rather than by
/// the binder, whose errors do not say what is allowed, and each problem is added to the section's list (so one start
/// names them all) while the default stands in for the bad value.
/// </summary>
public sealed partial class ConfigurationValues(IConfiguration configuration, List<string> problems)
{
    public IConfiguration Configuration => configuration;

    public List<string> Problems => problems;

    public string? this[string key] => configuration[key];

    public string? Optional(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    public string Text(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{key} is empty; remove it to use the default '{fallback}' or give a value.");
        return value;
    }

    public bool Boolean(string key, bool fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (bool.TryParse(value, out var parsed)) return parsed;
        problems.Add($"{key} = '{value}' is not allowed; use true or false.");
        return fallback;
    }

    public int Integer(string key, int fallback, int min, int max)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (int.TryParse(value, out var parsed) && parsed >= min && parsed <= max) return parsed;
        problems.Add($"{key} = '{value}' is not allowed; use a whole number from {min} to {max}.");
        return fallback;
    }

    public TEnum Choice<TEnum>(string key, TEnum fallback, bool required = false) where TEnum : struct, Enum
    {
        var value = configuration[key];
        if (value is null && required) problems.Add($"{key} is required; use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        if (value is null) return fallback;
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            return parsed;
        problems.Add($"{key} = '{value}' is not allowed; use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return fallback;
    }

    public Uri Url(string key, string example)
    {
        var value = configuration[key];
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        // The value is not repeated: webhook URLs (Slack's, for one) carry their secret in the path.
        problems.Add(value is null
            ? $"{key} is required; use an absolute http or https URL (e.g. {example})."
            : $"{key} is not allowed (value not shown); use an absolute http or https URL (e.g. {example}).");
        return new Uri(example);
    }

    public Uri Endpoint(string key, Uri fallback, params string[] schemes)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) return uri;
        problems.Add($"{key} = '{value}' is not allowed; use an absolute URL with scheme {string.Join(", ", schemes)} (e.g. unix:///var/run/docker.sock).");
        return fallback;
    }

    public string Folder(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"{key} = '{value}' is not allowed; use a folder path.");
            return fallback;
        }
        return Path.GetFullPath(value);
    }

    public string Domain(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (DomainPattern().IsMatch(value))
            return value;
        problems.Add($"{key} = '{value}' is not allowed; use a lower-case DNS name such as ci.example.org.");
        return fallback;
    }

    [GeneratedRegex(@"^(?=.{1,253}\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z")]
    private static partial Regex DomainPattern();
}
