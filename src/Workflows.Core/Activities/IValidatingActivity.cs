using Workflows.Core.Definitions;

namespace Workflows.Core.Activities;

/// <summary>An activity that checks its configuration when a definition is validated (e.g. Cron's expression).</summary>
public interface IValidatingActivity
{
    /// <summary>Problems with the node's configuration, as reasons; empty when valid.</summary>
    IEnumerable<string> Validate(ActivityNode node);
}
