using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci bench engine</c> through a server, as a user types it: the warm-up runs through the server process to
/// the end before the measurement starts (as it does in process), and only the measured instances are counted.
/// </summary>
public sealed class BenchEngineCommandTests
{
    [Fact]
    public async Task Through_one_server_the_warm_up_runs_first_and_only_measured_instances_are_counted()
    {
        using var folder = new TempFolder("bench-engine");
        var (exit, output) = await RecipeCiProcess.RunAsync(
            ["bench", "engine", "--nodes", "1", "--instances", "4", "--activities", "2", "--warmup", "3", "--json"],
            TimeSpan.FromMinutes(3), workingDirectory: folder.Path);

        Assert.True(exit == 0, output);
        var json = output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith('{'));
        var result = JsonNode.Parse(json)!;
        Assert.Equal(1, result["nodes"]!.GetValue<int>());
        Assert.Equal(3, result["warmupInstances"]!.GetValue<int>());
        Assert.Equal(4, result["instances"]!.GetValue<int>());
        Assert.Equal(4, result["finishedInstances"]!.GetValue<int>());
        Assert.Equal(0, result["faultedInstances"]!.GetValue<int>());
        Assert.True(result["activityExecutionsPerSecond"]!.GetValue<double>() > 0, json);
    }

    [Fact]
    public async Task On_a_database_given_with_connection_the_instances_of_an_earlier_run_are_not_counted()
    {
        using var folder = new TempFolder("bench-engine-connection");
        var connection = $"Data Source={Path.Combine(folder.Path, "bench.db")}";
        string[] arguments = ["bench", "engine", "--store", "sqlite", "--connection", connection, "--nodes", "1", "--instances", "4", "--activities", "2", "--warmup", "3", "--json"];

        var first = await RecipeCiProcess.RunAsync(arguments, TimeSpan.FromMinutes(3), workingDirectory: folder.Path);
        var second = await RecipeCiProcess.RunAsync(arguments, TimeSpan.FromMinutes(3), workingDirectory: folder.Path);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        var result = JsonNode.Parse(second.Output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith('{')))!;
        Assert.Equal(4, result["finishedInstances"]!.GetValue<int>());
        // The second run measured until its own instances were done: both runs' warm-up and measured instances are finished.
        await using var database = new SqliteConnection(connection);
        await database.OpenAsync();
        await using var count = database.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM WorkflowInstances WHERE Status = 'Finished'";
        Assert.Equal(14L, (long)(await count.ExecuteScalarAsync())!);
    }
}
