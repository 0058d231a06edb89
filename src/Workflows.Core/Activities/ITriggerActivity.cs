using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Activities;

/// <summary>An activity that can start workflows; on publish its trigger payload is indexed (cron, HTTP path, interval).</summary>
public interface ITriggerActivity
{
    /// <summary>The trigger payload read from the node's literal inputs, e.g. <c>{"cronExpression":"0 0 * * * *"}</c>.</summary>
    JsonObject GetTriggerPayload(ActivityNode node);
}
