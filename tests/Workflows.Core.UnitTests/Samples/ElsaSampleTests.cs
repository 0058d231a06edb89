using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Samples;

/// <summary>Each file of tests/fixtures/elsa-workflows behaves as its README says (Elsa 3's semantics).</summary>
public sealed class ElsaSampleTests
{
    [Fact]
    public async Task WriteLine_prints_its_text_and_finishes()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("single-line.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Recipe checked"], test.Lines.Texts);
    }

    [Fact]
    public async Task Implicit_loop_runs_until_the_decision_holds()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("probe-loop.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Probe", "Again", "Probe", "Again", "Probe", "Healthy"], test.Lines.Texts);
        Assert.Equal(3, JsonNode.Parse(result.VariablesJson)!["Attempts"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("branches-1.json", 3, 0)]
    [InlineData("branches-2.json", 8, 0)]
    [InlineData("branches-3.json", 7, 2)]
    [InlineData("branches-4.json", 5, 1)]
    public async Task Flowcharts_with_branches_joins_and_timers_finish(string file, int lines, int timerWaits)
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var result = await test.RunAsync(SampleFiles.Read(file));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts.Count);
        Assert.Equal(lines, test.Lines.Texts.Distinct().Count());
        Assert.Equal(timerWaits, clock.Waits.Count);
    }

    [Fact]
    public async Task A_false_decision_takes_the_false_branch_only()
    {
        var test = new TestHost();
        await test.RunAsync(SampleFiles.Read("branches-4.json"));
        Assert.Contains("Rollback", test.Lines.Texts);
        Assert.DoesNotContain("Promote", test.Lines.Texts);
        Assert.Equal("Rollback", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Timed_branches_wait_three_then_seven_seconds()
    {
        var clock = new FastForwardClock();
        var start = clock.UtcNow;
        var test = new TestHost(clock: clock);
        await test.RunAsync(SampleFiles.Read("branches-3.json"));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7)], clock.Waits.Select(w => w - start));
        Assert.Equal("End", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Fork_runs_each_branch_once()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("fan-out.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(4, test.Lines.Texts.Count);
        Assert.Equal(new[] { "Alpha", "Beta", "Delta", "Gamma" }, test.Lines.Texts.Order());
    }

    [Fact]
    public async Task Greeting_with_null_collections_prints_its_line()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("greeting.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Hello, recipe!"], test.Lines.Texts);
    }

    [Fact]
    public async Task Input_comes_back_as_output()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("echo-input.json"), new JsonObject { ["Message"] = "ping-42" });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal("ping-42", JsonNode.Parse(result.OutputJson)!["Echo"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cron_publishes_and_registers_a_six_field_trigger()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(SampleFiles.Read("half-past-hourly.json"));
        Assert.True(definition.IsPublished);
        var triggers = await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.Cron" }, CancellationToken.None);
        var trigger = Assert.Single(triggers);
        Assert.Equal("0 30 * * * *", JsonNode.Parse(trigger.PayloadJson)!["cronExpression"]!.GetValue<string>());
        Assert.Equal(definition.Id, trigger.WorkflowDefinitionVersionId);
    }

    [Fact]
    public async Task Bad_cron_expression_fails_publishing_with_exactly_one_cron_error()
    {
        var test = new TestHost();
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(SampleFiles.Read("broken-cron.json"), "broken-cron.json"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("2c4e6a8b0d2f4a61", problem.ActivityId);
        Assert.Contains("cron expression 'EveryFullMoon'", problem.Reason);
        Assert.Equal("broken-cron.json", problem.File);
        Assert.Empty(await test.Host.Triggers.FindAsync(new TriggerFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task Http_endpoint_publishes_and_registers_its_path()
    {
        var test = new TestHost();
        await test.ImportAsync(SampleFiles.Read("http-ping.json"));
        var trigger = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.HttpEndpoint" }, CancellationToken.None));
        var payload = JsonNode.Parse(trigger.PayloadJson)!;
        Assert.Equal("status/ping", payload["path"]!.GetValue<string>());
        Assert.Equal("GET", payload["methods"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Timer_with_a_byte_order_mark_publishes_and_registers_its_interval()
    {
        var test = new TestHost();
        await test.ImportAsync(SampleFiles.Read("five-minute-timer.json"));
        var trigger = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.Timer" }, CancellationToken.None));
        Assert.Equal("00:05:00", JsonNode.Parse(trigger.PayloadJson)!["interval"]!.GetValue<string>());
    }

    [Fact]
    public async Task Join_completes_exactly_once()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("first-wins-join.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var journal = await test.JournalAsync(result.Id);
        Assert.Single(journal, j => j.ActivityId == "4c6e8a0b2d4f6c8e" && j.EventName == "Completed");
        Assert.Single(journal, j => j.ActivityId == "5d7f9b1c3e5a7d9f" && j.EventName == "Completed");
    }

    [Fact]
    public void Every_sample_file_is_covered_by_a_test()
    {
        var covered = new[]
        {
            "single-line.json", "probe-loop.json", "branches-1.json", "branches-2.json", "branches-3.json", "branches-4.json",
            "fan-out.json", "greeting.json", "echo-input.json", "half-past-hourly.json", "broken-cron.json", "http-ping.json",
            "five-minute-timer.json", "first-wins-join.json",
        };
        var files = Directory.GetFiles(SampleFiles.Directory, "*.json").Select(Path.GetFileName).Order();
        Assert.Equal(covered.Order(), files);
    }
}
