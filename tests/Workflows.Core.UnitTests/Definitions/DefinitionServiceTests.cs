using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Definitions;

public sealed class DefinitionServiceTests
{
    private static readonly string Json = Workflow(Flowchart("fc", [WriteLine("a", "a")], []), definitionId: "def");

    [Fact]
    public async Task Save_publish_edit_retract_and_revert_follow_elsa_versioning()
    {
        var test = new TestHost();
        var service = test.Host.DefinitionService;
        var v1 = await service.SaveAsync(Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(Json), publish: false, CancellationToken.None);
        Assert.Equal((1, true, false), (v1.Version, v1.IsLatest, v1.IsPublished));
        var v1Again = await service.SaveAsync(Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(Json), publish: false, CancellationToken.None);
        Assert.Equal(v1.Id, v1Again.Id);

        var published = await service.PublishAsync("def", CancellationToken.None);
        Assert.Equal((v1.Id, true, true), (published.Id, published.IsLatest, published.IsPublished));

        var draft = await service.SaveAsync(Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(Json), publish: false, CancellationToken.None);
        Assert.Equal((2, true, false), (draft.Version, draft.IsLatest, draft.IsPublished));
        var oldVersion = await test.Host.Definitions.FindByIdAsync(v1.Id, CancellationToken.None);
        Assert.Equal((false, true), (oldVersion!.IsLatest, oldVersion.IsPublished));

        var retracted = await service.RetractAsync("def", CancellationToken.None);
        Assert.False(retracted.IsPublished);

        var reverted = await service.RevertAsync("def", 1, CancellationToken.None);
        Assert.Equal((3, true, false), (reverted.Version, reverted.IsLatest, reverted.IsPublished));
        Assert.Single(await test.Host.Definitions.ListVersionsAsync("def", CancellationToken.None), v => v.IsLatest);
    }

    [Fact]
    public async Task Import_creates_a_version_only_when_the_file_content_changes()
    {
        var test = new TestHost();
        var first = await test.Host.DefinitionService.ImportAsync(Json, "workflows/def.json", CancellationToken.None);
        var same = await test.Host.DefinitionService.ImportAsync(Json, "workflows/def.json", CancellationToken.None);
        Assert.Equal(first.Id, same.Id);
        var changed = await test.Host.DefinitionService.ImportAsync(Json.Replace("\"a\"}", "\"b\"}"), "workflows/def.json", CancellationToken.None);
        Assert.Equal(2, changed.Version);
        Assert.True(changed.IsPublished);
    }

    [Fact]
    public async Task A_changed_file_is_published_after_a_draft_edited_in_studio_and_the_draft_is_kept()
    {
        var test = new TestHost();
        var service = test.Host.DefinitionService;
        await service.ImportAsync(Json, "workflows/def.json", CancellationToken.None);
        var edited = await service.SaveAsync(Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(Json.Replace("\"a\"}", "\"studio\"}")), publish: false, CancellationToken.None);
        Assert.Equal((2, true, false), (edited.Version, edited.IsLatest, edited.IsPublished));

        var imported = await service.ImportAsync(Json.Replace("\"a\"}", "\"file\"}"), "workflows/def.json", CancellationToken.None);

        Assert.Equal((3, true, true), (imported.Version, imported.IsLatest, imported.IsPublished));
        Assert.Contains("file", imported.Json);
        var versions = await test.Host.Definitions.ListVersionsAsync("def", CancellationToken.None);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        var draft = versions.Single(v => v.Version == 2);
        Assert.Equal((edited.Id, false, false), (draft.Id, draft.IsLatest, draft.IsPublished));
        Assert.Contains("studio", draft.Json);
        Assert.Single(versions, v => v.IsPublished);
        Assert.Single(versions, v => v.IsLatest);
    }

    [Fact]
    public async Task Instances_stay_pinned_to_the_version_they_started_on()
    {
        var test = new TestHost();
        var v1 = await test.Host.DefinitionService.ImportAsync(Workflow(Flowchart("fc", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("00:00:05"))), WriteLine("a", "v1")], [Connect("d", "a")]), definitionId: "pin"), "pin.json", CancellationToken.None);
        var instance = await test.Host.Engine.CreateInstanceAsync(v1, new Workflows.Core.Runtime.WorkflowStartOptions(), CancellationToken.None);
        await test.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        await test.Host.DefinitionService.ImportAsync(Workflow(Flowchart("fc", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("00:00:05"))), WriteLine("a", "v2")], [Connect("d", "a")]), definitionId: "pin"), "pin.json", CancellationToken.None);
        var finished = await test.Host.Runner.RunToEndAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["v1"], test.Lines.Texts);
        Assert.Equal(v1.Id, finished.DefinitionVersionId);
    }

    [Fact]
    public void Validation_reports_unknown_types_dangling_connections_and_script_errors()
    {
        var test = new TestHost();
        var json = Workflow(Flowchart("fc",
            [Activity("x", "Acme.Unknown"), Activity("v", "Elsa.WriteLine"), Activity("w", "Elsa.WriteLine", ("text", Expr("JavaScript", "getX( +")))],
            [Connect("w", "ghost")]));
        json = json.Replace("\"id\":\"v\",\"type\":\"Elsa.WriteLine\",\"version\":1", "\"id\":\"v\",\"type\":\"Elsa.WriteLine\",\"version\":7");
        var problems = test.Host.Validator.Validate(json, "bad.json");
        Assert.Contains(problems, p => p.ActivityId == "x" && p.Reason.Contains("Unknown activity type 'Acme.Unknown'"));
        Assert.Contains(problems, p => p.ActivityId == "v" && p.Reason.Contains("has no version 7"));
        Assert.Contains(problems, p => p.ActivityId == "w" && p.Reason.Contains("JavaScript syntax error"));
        Assert.Contains(problems, p => p.ActivityId == "fc" && p.Reason.Contains("missing activity 'ghost'"));
        Assert.All(problems, p => Assert.Equal("bad.json", p.File));
        Assert.Equal(4, problems.Count);
    }
}
