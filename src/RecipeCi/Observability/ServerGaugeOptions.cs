using System.Globalization;
using RecipeCi.Configuration;

namespace RecipeCi.Observability;

/// <summary>How often <see cref="ServerGauges"/> samples: <c>Telemetry:GaugeSeconds</c>, 1 to 3600, default 15.</summary>
public sealed record ServerGaugeOptions(TimeSpan Interval)
{
    public const string Key = "Telemetry:GaugeSeconds";

    public static ServerGaugeOptions From(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
            return new ServerGaugeOptions(TimeSpan.FromSeconds(15));
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
            throw new ConfigurationException([$"{Key} = '{text}' is not allowed; use whole seconds from 1 to 3600."]);
        return new ServerGaugeOptions(TimeSpan.FromSeconds(seconds));
    }
}
