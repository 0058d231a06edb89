using Microsoft.Extensions.Configuration;
using RecipeCi.Configuration;
using Recipes.Ci.Configuration;

namespace RecipeCi.UnitTests.Configuration;

/// <summary>Alerts:Sinks, Warm:Dependencies and Tenants:* are read, validated, and every problem names its key.</summary>
public sealed class SettingsReaderDomainTests
{
    private static RecipeCiSettings Read(Dictionary<string, string?> values) =>
        new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Read();

    private static ConfigurationException Problems(Dictionary<string, string?> values) =>
        Assert.Throws<ConfigurationException>(() => Read(values));

    [Fact]
    public void Reads_sinks_warm_dependencies_and_tenant_limits()
    {
        var settings = Read(new()
        {
            ["Alerts:Sinks:0:Type"] = "ntfy",
            ["Alerts:Sinks:0:Url"] = "https://ntfy.example.org",
            ["Alerts:Sinks:0:Topic"] = "recipeci",
            ["Alerts:Sinks:1:Type"] = "Slack",
            ["Alerts:Sinks:1:Url"] = "https://hooks.slack.com/services/T0/B0/secret",
            ["Warm:Dependencies:0:Name"] = "keycloak",
            ["Warm:Dependencies:0:Recipe"] = "keycloak",
            ["Warm:Dependencies:0:VersionPolicy"] = "pinned",
            ["Warm:Dependencies:0:Version"] = "10.2.0+26.1.0",
            ["Warm:Dependencies:0:HoldMajorBumps"] = "false",
            ["Warm:Dependencies:0:HealthGate:Path"] = "/health/ready",
            ["Warm:Dependencies:0:Tenants:Provider"] = "Keycloak",
            ["Warm:Dependencies:0:Tenants:Keycloak:Url"] = "https://warm-keycloak.ci.example.org",
            ["Warm:Dependencies:0:Tenants:Keycloak:AdminUser"] = "admin",
            ["Warm:Dependencies:0:Tenants:Keycloak:AdminPassword"] = "pw-never-printed",
            ["Warm:Dependencies:1:Name"] = "db",
            ["Warm:Dependencies:1:Recipe"] = "postgres",
            ["Warm:Dependencies:1:Tenants:Provider"] = "postgres",
            ["Warm:Dependencies:1:Tenants:Postgres:ConnectionString"] = "Host=127.0.0.1;Username=postgres;Password=pw",
            ["Tenants:MaxLive"] = "25",
            ["Tenants:GracePeriodMinutes"] = "15",
        });

        Assert.Equal([AlertSinkKind.Ntfy, AlertSinkKind.Slack], settings.Alerts.Sinks.Select(s => s.Type));
        Assert.Equal("recipeci", settings.Alerts.Sinks[0].Topic);
        var keycloak = settings.Warm.Dependencies[0];
        Assert.Equal(VersionPolicy.Pinned, keycloak.VersionPolicy);
        Assert.Equal("10.2.0+26.1.0", keycloak.Version);
        Assert.False(keycloak.HoldMajorBumps);
        Assert.True(keycloak.HoldWhileTenantsLive);
        Assert.Equal(new HealthGateSettings("/health/ready", TimeSpan.FromMinutes(5)), keycloak.HealthGate);
        Assert.Equal(TenantProviderKind.Keycloak, keycloak.Tenants.Kind);
        Assert.DoesNotContain("pw-never-printed", keycloak.ToString());
        var db = settings.Warm.Dependencies[1];
        Assert.Equal(VersionPolicy.Latest, db.VersionPolicy);
        Assert.Equal(TenantProviderKind.Postgres, db.Tenants.Kind);
        Assert.DoesNotContain("Password", db.ToString());
        Assert.Equal(new TenantsOptions(25, TimeSpan.FromMinutes(15)), settings.Tenants);
    }

    [Fact]
    public void Defaults_have_no_sinks_no_dependencies()
    {
        var settings = Read([]);

        Assert.Empty(settings.Alerts.Sinks);
        Assert.Empty(settings.Warm.Dependencies);
        Assert.Equal(TenantsOptions.Default, settings.Tenants);
    }

    [Fact]
    public void Every_bad_value_is_named_by_its_key_and_secrets_are_not_repeated()
    {
        var error = Problems(new()
        {
            ["Alerts:Sinks:0:Type"] = "Email",
            ["Alerts:Sinks:0:Url"] = "https://example.org/hook",
            ["Alerts:Sinks:1:Type"] = "Ntfy",
            ["Alerts:Sinks:1:Url"] = "ftp://hooks/T0/B0/sekrit-path",
            ["Warm:Dependencies:0:Name"] = "keycloak",
            ["Warm:Dependencies:0:Recipe"] = "../keycloak",
            ["Warm:Dependencies:0:VersionPolicy"] = "newest",
            ["Warm:Dependencies:0:HoldWhileTenantsLive"] = "maybe",
            ["Warm:Dependencies:0:Tenants:Provider"] = "Keycloak",
            ["Warm:Dependencies:0:Tenants:Keycloak:Url"] = "https://kc.example.org",
            ["Warm:Dependencies:1:Name"] = "keycloak",
            ["Warm:Dependencies:1:Recipe"] = "keycloak",
            ["Warm:Dependencies:1:VersionPolicy"] = "Pinned",
            ["Warm:Dependencies:1:Tenants:Provider"] = "Postgres",
            ["Warm:Dependencies:1:Tenants:Postgres:ConnectionString"] = "Host=x;Pasword=sekrit-pg;Bogus Key=1",
            ["Tenants:MaxLive"] = "0",
        });

        Assert.Contains("Alerts:Sinks:0:Type = 'Email' is not allowed; use one of: Webhook, Ntfy, Slack.", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("Alerts:Sinks:1:Url is not allowed (value not shown)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Alerts:Sinks:1:Topic", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies:0:Recipe = '../keycloak' is not allowed", StringComparison.Ordinal));
        Assert.Contains("Warm:Dependencies:0:VersionPolicy = 'newest' is not allowed; use one of: Latest, Pinned.", error.Problems);
        Assert.Contains("Warm:Dependencies:0:HoldWhileTenantsLive = 'maybe' is not allowed; use true or false.", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies:0:Tenants:Keycloak:AdminUser is required", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies:0:Tenants:Keycloak:AdminPassword is required", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies:1:Version = '' is not allowed; VersionPolicy Pinned needs", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies:1:Tenants:Postgres:ConnectionString is not a valid", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Warm:Dependencies names 'keycloak' 2 times", StringComparison.Ordinal));
        Assert.Contains("Tenants:MaxLive = '0' is not allowed; use a whole number from 1 to 100000.", error.Problems);
        Assert.DoesNotContain("sekrit", error.Message);
    }
}
