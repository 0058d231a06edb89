namespace Workflows.Hosting;

/// <summary>Which parts with endpoints a host took, so that <c>MapWorkflowsHosting</c> maps those and no others.</summary>
internal sealed record WorkflowsHostingParts(bool Server = false, bool HttpTriggers = false, bool Studio = false, bool ElsaApi = false);
