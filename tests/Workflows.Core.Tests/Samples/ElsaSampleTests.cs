using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Tests.Support;

namespace Workflows.Core.Tests.Samples;

/// <summary>Each file of shared/elsa-samples behaves as its README says.</summary>
public sealed class ElsaSampleTests
{
    [Fact]
    public async Task WriteLine_prints_dummy_text_and_finishes()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("writeline.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Dummy Text"], test.Lines.Texts);
    }

    [Fact]
    public async Task Implicit_loop_runs_the_loop_twice()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("implicit-loop.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Do something", "Retry", "Do something", "Done"], test.Lines.Texts);
        Assert.Equal(2, JsonNode.Parse(result.VariablesJson)!["Counter"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("flowchart-completion-1.json", 3, 0)]
    [InlineData("flowchart-completion-2.json", 9, 0)]
    [InlineData("flowchart-completion-3.json", 9, 2)]
    [InlineData("flowchart-completion-4.json", 6, 1)]
    public async Task Flowchart_completion_samples_finish(string file, int lines, int timerWaits)
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
    public async Task Completion_4_takes_the_true_branch_only()
    {
        var test = new TestHost();
        await test.RunAsync(SampleFiles.Read("flowchart-completion-4.json"));
        Assert.Contains("WriteLine7", test.Lines.Texts);
        Assert.DoesNotContain("WriteLine8", test.Lines.Texts);
        Assert.Equal("WriteLine7", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Completion_3_waits_five_then_ten_seconds()
    {
        var clock = new FastForwardClock();
        var start = clock.UtcNow;
        var test = new TestHost(clock: clock);
        await test.RunAsync(SampleFiles.Read("flowchart-completion-3.json"));
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], clock.Waits.Select(w => w - start));
        Assert.Equal("WriteLine9", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Fork_runs_each_branch_once()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("fork.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(3, test.Lines.Texts.Count);
        Assert.Equal(new[] { "One", "Three", "Two" }, test.Lines.Texts.Order());
    }

    [Fact]
    public async Task Hello_world_prints_hello_world()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("hello-world.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Hello World!"], test.Lines.Texts);
    }

    [Fact]
    public async Task Input_output_returns_input1_as_output1()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("input-output.json"), new JsonObject { ["Input1"] = "ping-42" });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal("ping-42", JsonNode.Parse(result.OutputJson)!["Output1"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cron_every_hour_publishes_and_registers_a_six_field_trigger()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(SampleFiles.Read("cron-every-hour.json"));
        Assert.True(definition.IsPublished);
        var triggers = await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.Cron" }, CancellationToken.None);
        var trigger = Assert.Single(triggers);
        Assert.Equal("0 0 * * * *", JsonNode.Parse(trigger.PayloadJson)!["cronExpression"]!.GetValue<string>());
        Assert.Equal(definition.Id, trigger.WorkflowDefinitionVersionId);
    }

    [Fact]
    public async Task Bad_cron_expression_fails_publishing_with_exactly_one_cron_error()
    {
        var test = new TestHost();
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(SampleFiles.Read("bad-cron-expression.json"), "bad-cron-expression.json"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("13658e4b3bfafaaf", problem.ActivityId);
        Assert.Contains("cron expression 'BadCronExpression'", problem.Reason);
        Assert.Equal("bad-cron-expression.json", problem.File);
        Assert.Empty(await test.Host.Triggers.FindAsync(new TriggerFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task Http_endpoint_publishes_and_registers_path_test()
    {
        var test = new TestHost();
        await test.ImportAsync(SampleFiles.Read("http-endpoint.json"));
        var trigger = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.HttpEndpoint" }, CancellationToken.None));
        var payload = JsonNode.Parse(trigger.PayloadJson)!;
        Assert.Equal("test", payload["path"]!.GetValue<string>());
        Assert.Equal("GET", payload["methods"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Timer_publishes_and_registers_one_minute_interval()
    {
        var test = new TestHost();
        await test.ImportAsync(SampleFiles.Read("timer.json"));
        var trigger = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter { Name = "Elsa.Timer" }, CancellationToken.None));
        Assert.Equal("00:01:00", JsonNode.Parse(trigger.PayloadJson)!["interval"]!.GetValue<string>());
    }

    [Fact]
    public async Task Join_completes_exactly_once()
    {
        var test = new TestHost();
        var result = await test.RunAsync(SampleFiles.Read("join.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var journal = await test.JournalAsync(result.Id);
        Assert.Single(journal, j => j.ActivityId == "802725996be1b582" && j.EventName == "Completed");
        Assert.Single(journal, j => j.ActivityId == "5467123c7973d011" && j.EventName == "Completed");
    }

    [Fact]
    public void Every_sample_file_is_covered_by_a_test()
    {
        var covered = new[]
        {
            "writeline.json", "implicit-loop.json", "flowchart-completion-1.json", "flowchart-completion-2.json",
            "flowchart-completion-3.json", "flowchart-completion-4.json", "fork.json", "hello-world.json",
            "input-output.json", "cron-every-hour.json", "bad-cron-expression.json", "http-endpoint.json", "timer.json", "join.json",
        };
        var files = Directory.GetFiles(SampleFiles.Directory, "*.json").Select(Path.GetFileName).Order();
        Assert.Equal(covered.Order(), files);
    }
}
