using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;

namespace Workflows.Core.UnitTests.Descriptors;

/// <summary>
/// The activities added for issue 19 carry what Studio needs to drop and configure them: Elsa's category and display
/// name, inputs with UI hints (Studio's own editors for cases and status codes), outcomes as flow ports and children
/// as embedded ports.
/// </summary>
public sealed class ElsaActivityDescriptorTests
{
    private static readonly JsonArray Descriptors =
        JsonSerializer.SerializeToNode(ActivityRegistry.CreateWithBuiltIns().Descriptors, WorkflowJson.Options)!.AsArray();

    [Theory]
    [InlineData("Elsa.Sequence", "Workflows", "Sequence", "Done")]
    [InlineData("Elsa.Parallel", "Workflows", "Parallel", "Done")]
    [InlineData("Elsa.If", "Branching", "If", "Done,Else,Then")]
    [InlineData("Elsa.FlowSwitch", "Branching", "Switch (flow)", "Default")]
    [InlineData("Elsa.Switch", "Branching", "Switch", "Default,Done")]
    [InlineData("Elsa.FlowNode", "Flow", "Container", "Body,Done")]
    [InlineData("Elsa.Fork", "Control Flow", "Fork", "Done")]
    [InlineData("Elsa.While", "Looping", "While", "Body,Done")]
    [InlineData("Elsa.For", "Looping", "For", "Body,Done")]
    [InlineData("Elsa.Break", "Looping", "Break", "")]
    [InlineData("Elsa.Correlate", "Primitives", "Correlate", "Done")]
    [InlineData("Elsa.SetName", "Primitives", "SetName", "Done")]
    [InlineData("Elsa.Event", "Primitives", "Event", "Done")]
    [InlineData("Elsa.PublishEvent", "Primitives", "PublishEvent", "Done")]
    [InlineData("Elsa.RunTask", "Primitives", "RunTask", "Done")]
    [InlineData("Elsa.StartAt", "Scheduling", "StartAt", "Done")]
    [InlineData("Elsa.ReadLine", "Console", "ReadLine", "Done")]
    [InlineData("Elsa.FlowSendHttpRequest", "HTTP", "HTTP Request (flow)", "Done,Failed to connect,Timeout,Unmatched status code")]
    [InlineData("Elsa.SendHttpRequest", "HTTP", "HTTP Request", "Done,FailedToConnect,Timeout,UnmatchedStatusCode")]
    [InlineData("Elsa.BulkDispatchWorkflows", "Composition", "Bulk Dispatch Workflows", "Completed,Done")]
    [InlineData("Elsa.DownloadHttpFile", "HTTP", "Download File", "Done,Failed to connect,Timeout,Unmatched status code")]
    [InlineData("Elsa.WriteFileHttpResponse", "HTTP", "HTTP File Response", "Done")]
    public void Each_has_Elsas_category_display_name_and_ports(string typeName, string category, string displayName, string ports)
    {
        var d = Find(typeName);
        Assert.Equal(category, d["category"]!.GetValue<string>());
        Assert.Equal(displayName, d["displayName"]!.GetValue<string>());
        Assert.Equal(ports, string.Join(",", d["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)));
        Assert.True(d["isBrowsable"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(d["description"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("Elsa.FlowSwitch", "Cases", "flow-switch-editor")]
    [InlineData("Elsa.FlowSwitch", "Mode", "dropdown")]
    [InlineData("Elsa.Switch", "Cases", "switch-editor")]
    [InlineData("Elsa.Fork", "JoinMode", "dropdown")]
    [InlineData("Elsa.FlowSendHttpRequest", "ExpectedStatusCodes", "multi-text")]
    [InlineData("Elsa.FlowSendHttpRequest", "Method", "dropdown")]
    [InlineData("Elsa.SendHttpRequest", "ExpectedStatusCodes", "http-status-codes")]
    [InlineData("Elsa.WriteHttpResponse", "StatusCode", "dropdown")]
    [InlineData("Elsa.DownloadHttpFile", "ExpectedStatusCodes", "multi-text")]
    [InlineData("Elsa.DownloadHttpFile", "Method", "dropdown")]
    [InlineData("Elsa.DownloadHttpFile", "RequestContentType", "dropdown")]
    [InlineData("Elsa.DownloadHttpFile", "RequestHeaders", "json-editor")]
    [InlineData("Elsa.DownloadHttpFile", "DisableAuthorizationHeaderValidation", "checkbox")]
    [InlineData("Elsa.WriteFileHttpResponse", "Content", "multiline")]
    [InlineData("Elsa.WriteFileHttpResponse", "EnableResumableDownloads", "checkbox")]
    public void Inputs_use_the_studio_editor_elsa_declares(string typeName, string input, string uiHint) =>
        Assert.Equal(uiHint, Find(typeName)["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == input)!["uiHint"]!.GetValue<string>());

    [Fact]
    public void Break_is_terminal_and_Event_is_a_trigger()
    {
        Assert.True(Find("Elsa.Break")["isTerminal"]!.GetValue<bool>());
        Assert.Equal("Trigger", Find("Elsa.Event")["kind"]!.GetValue<string>());
    }

    [Fact]
    public void WriteHttpResponse_offers_the_status_codes_by_name()
    {
        var input = Find("Elsa.WriteHttpResponse")["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "StatusCode")!;
        var items = input["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ToList();
        Assert.Contains("OK", items);
        Assert.Contains("Created", items);
    }

    private static JsonObject Find(string typeName) => Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == typeName)!.AsObject();
}
