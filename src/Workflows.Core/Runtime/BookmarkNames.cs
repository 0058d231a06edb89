namespace Workflows.Core.Runtime;

/// <summary>Bookmark names the engine itself interprets.</summary>
public static class BookmarkNames
{
    /// <summary>A retry of a faulted activity after a backoff; resuming re-executes the activity.</summary>
    public const string Retry = "Elsa.Retry";

    /// <summary>A parent waiting for a child instance; payload <c>{"childInstanceId"}</c>.</summary>
    public const string ChildWorkflow = "Elsa.DispatchWorkflow";
}
