using System.Text.Json.Nodes;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>The envelope of save and publish. Studio replaces its state with <see cref="WorkflowDefinition"/>.</summary>
public sealed record SaveDefinitionResponse(
    JsonObject WorkflowDefinition,
    bool AlreadyPublished,
    int ConsumingWorkflowCount,
    IReadOnlyList<string> ValidationErrors);
