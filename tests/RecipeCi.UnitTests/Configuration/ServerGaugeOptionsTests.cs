using Microsoft.Extensions.Configuration;
using RecipeCi.Configuration;
using RecipeCi.Observability;

namespace RecipeCi.UnitTests.Configuration;

/// <summary>Telemetry:GaugeSeconds: default 15 s, whole seconds 1-3600, anything else refused naming the key.</summary>
public sealed class ServerGaugeOptionsTests
{
    private static ServerGaugeOptions From(string? value) =>
        ServerGaugeOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ServerGaugeOptions.Key] = value }).Build());

    [Theory]
    [InlineData(null, 15)]
    [InlineData("1", 1)]
    [InlineData("3600", 3600)]
    public void Reads_the_sampling_interval(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), From(value).Interval);

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public void Refuses_other_values_naming_the_key(string value)
    {
        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() => From(value)).Problems);
        Assert.Contains($"Telemetry:GaugeSeconds = '{value}'", problem);
        Assert.Contains("1 to 3600", problem);
    }
}
