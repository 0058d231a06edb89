using Microsoft.Extensions.Configuration;
using RecipeCi.Configuration;

namespace RecipeCi.UnitTests.Configuration;

/// <summary>Swarm:ExternalNetworks: default proxy, a comma-separated value or a list, and bad names named.</summary>
public sealed class SettingsReaderSwarmTests
{
    private static RecipeCiSettings Read(Dictionary<string, string?> values) =>
        new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Read();

    [Fact]
    public void Defaults_to_the_proxy_network()
    {
        Assert.Equal(["proxy"], Read([]).Swarm.ExternalNetworks);
    }

    [Fact]
    public void Reads_a_comma_separated_value_or_a_list()
    {
        Assert.Equal(["proxy", "monitoring"], Read(new() { ["Swarm:ExternalNetworks"] = "proxy, monitoring" }).Swarm.ExternalNetworks);
        Assert.Equal(["proxy", "backups"], Read(new() { ["Swarm:ExternalNetworks:0"] = "proxy", ["Swarm:ExternalNetworks:1"] = "backups" }).Swarm.ExternalNetworks);
        Assert.Empty(Read(new() { ["Swarm:ExternalNetworks"] = "" }).Swarm.ExternalNetworks);
    }

    [Fact]
    public void A_name_docker_would_refuse_is_a_problem_naming_the_key()
    {
        var problems = Assert.Throws<ConfigurationException>(() => Read(new() { ["Swarm:ExternalNetworks"] = "proxy,bad name" }));
        Assert.Contains("Swarm:ExternalNetworks names 'bad name'", problems.Message);
    }
}
