using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Sends an HTTP request and continues on the status code when it is one of ExpectedStatusCodes (else
/// <c>Unmatched status code</c>), always with <c>Done</c> too; <c>Failed to connect</c> or <c>Timeout</c> when no
/// response came.
/// </summary>
[Activity("Elsa", "FlowSendHttpRequest", Category = "HTTP", DisplayName = "HTTP Request (flow)", Description = "Send an HTTP request.", Kind = Descriptors.ActivityKind.Task)]
[FlowPort(FlowPorts.Done)]
[FlowPort(UnmatchedStatusCode)]
[FlowPort(HttpSendResult.FailedToConnect)]
[FlowPort(HttpSendResult.Timeout)]
public sealed class FlowSendHttpRequest : HttpRequestActivity
{
    public const string UnmatchedStatusCode = "Unmatched status code";

    [Input(Description = "The status codes that get their own outcome.", TypeName = "Int32[]", UIHint = "multi-text", DefaultValueJson = "[200]", DefaultSyntax = "Object", Order = 6)]
    public List<int>? ExpectedStatusCodes { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        using var request = BuildRequest(context);
        var (result, response) = await HttpRequestSender.SendAsync(context, request);
        using (response)
        {
            if (response is null)
            {
                context.Complete(result.Failure!);
                return;
            }
            await HttpRequestSender.SetOutputsAsync(context, response);
        }
        context.CompleteWith(HttpRequestSender.StatusOutcomes(ExpectedStatusCodes ?? [], result.StatusCode!.Value));
    }
}
