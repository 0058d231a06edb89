using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecipeCi.Cli;
using RecipeCi.Configuration;
using RecipeCi.Hosting;
using RecipeCi.Server;
using Recipes.Ci.Runs;
using TestKit;
using Workflows.Core.Activities;

namespace RecipeCi.Tests.Configuration;

/// <summary>
/// serve and the CLI compose their services one way (RecipeCiHost): from the same configuration they resolve the same
/// activity registry and the same options, and configuration problems come from validated options, all at once.
/// </summary>
public sealed class OneCompositionTests
{
    [Fact]
    public async Task Serve_and_a_command_resolve_the_same_activities_and_options_from_the_same_configuration()
    {
        using var data = new TempFolder("compose");
        string[] configuration =
        [
            "--DataDir", data.Path, "--Ci:Domain", "ci.example.org", "--Ci:MaxTests", "3", "--Snapshots:KeepPerRecipe", "5",
            "--Swarm:ExternalNetworks", "proxy,backups", "--Ci:AppLockLease", "7",
        ];
        await using var serve = ServerBuilder.Build(configuration, "text");
        await using var command = await CommandServices.StartAsync(configuration, CancellationToken.None);

        var serveActivities = Names(serve.Services.GetRequiredService<ActivityRegistry>());
        var commandActivities = Names(command.Get<ActivityRegistry>());
        Assert.Equal(serveActivities, commandActivities);
        Assert.True(commandActivities.Count > Names(ActivityRegistry.CreateWithBuiltIns()).Count, "the Recipes.* activities are registered");

        var served = serve.Services.GetRequiredService<RecipeCiOptions>();
        var commanded = command.Get<RecipeCiOptions>();
        Assert.Equal("ci.example.org", commanded.Domain);
        Assert.Equal(served.Domain, commanded.Domain);
        Assert.Equal(3, commanded.MaxTests);
        Assert.Equal(served.MaxTests, commanded.MaxTests);
        Assert.Equal(5, commanded.SnapshotsKeepPerRecipe);
        Assert.Equal(served.SnapshotsKeepPerRecipe, commanded.SnapshotsKeepPerRecipe);
        Assert.Equal(["proxy", "backups"], commanded.Swarm.ExternalNetworks);
        Assert.Equal(served.Swarm.ExternalNetworks, commanded.Swarm.ExternalNetworks);
        Assert.Equal(TimeSpan.FromSeconds(7), commanded.Locks.Lease);
        Assert.Equal(served.Locks, commanded.Locks);
        Assert.Equal(served.Paths, commanded.Paths);
        Assert.Equal(served.Persistence, commanded.Persistence);
        Assert.Equal(served.RunPages.BaseUrl, commanded.RunPages.BaseUrl);
        Assert.Equal(served.RunPages.Key, commanded.RunPages.Key);
        Assert.Equal(served.RunPages.Public, commanded.RunPages.Public);

        // Both take the settings from the same options, validated on start.
        var serveSettings = serve.Services.GetRequiredService<IOptions<ConfiguredSection<RecipeCiSettings>>>().Value.Value;
        var commandSettings = command.Get<IOptions<ConfiguredSection<RecipeCiSettings>>>().Value.Value;
        Assert.Same(serveSettings, serve.Services.GetRequiredService<RecipeCiSettings>());
        Assert.Equal(serveSettings!.DataDir, commandSettings!.DataDir);
        Assert.Equal(serveSettings.Runtime.NodeId, commandSettings.Runtime.NodeId);
    }

    [Fact]
    public void Serve_reports_the_problems_of_every_section_together()
    {
        using var data = new TempFolder("compose");
        var problem = Assert.Throws<ConfigurationException>(() => ServerBuilder.Build(
        [
            "--DataDir", data.Path, "--Runtime:Nodes", "0", "--Forge:Kind", "Svn",
            "--Http:ForwardedHeaders:KnownProxies", "not-an-address",
        ], "text"));
        Assert.Contains("Runtime:Nodes = '0' is not allowed; use a whole number from 1 to 64.", problem.Problems);
        Assert.Contains("Forge:Kind 'Svn' is not known; use Gitea (also for Forgejo) or GitHub, or leave it empty for no forge.", problem.Problems);
        Assert.Contains("Http:ForwardedHeaders:KnownProxies entry 'not-an-address' is not an IP address (e.g. 127.0.0.1 or ::1).", problem.Problems);
    }

    [Fact]
    public async Task A_command_reports_every_problem_before_starting_anything()
    {
        using var data = new TempFolder("compose");
        var problem = await Assert.ThrowsAsync<ConfigurationException>(() => CommandServices.StartAsync(
            ["--DataDir", data.Path, "--Runtime:Nodes", "0", "--Ci:MaxTests", "-1"], CancellationToken.None));
        Assert.Equal(
        [
            "Ci:MaxTests = '-1' is not allowed; use a whole number from 0 to 10000.",
            "Runtime:Nodes = '0' is not allowed; use a whole number from 1 to 64.",
        ], problem.Problems);
        Assert.Empty(Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_host_validates_the_settings_options_when_it_starts()
    {
        // Registration alone, without the early check: ValidateOnStart and the section's validator stop the host.
        var builder = RecipeCiHost.CreateCommandBuilder(["--Ci:MaxTests", "-1"]);
        builder.Services.AddRecipeCiSettings(builder.Configuration);
        using var host = builder.Build();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(["Ci:MaxTests = '-1' is not allowed; use a whole number from 0 to 10000."], failure.Failures);
    }

    private static List<string> Names(ActivityRegistry registry) =>
        [.. registry.Descriptors.Select(d => $"{d.TypeName} v{d.Version}")];
}
