namespace Workflows.Hosting.Leases;

/// <summary>The names of the locks the server takes.</summary>
public static class LockNames
{
    /// <summary>Held while one instance runs on one worker: a duplicate delivery never runs it concurrently.</summary>
    public static string Instance(string instanceId) => $"workflow-instance:{instanceId}";

    /// <summary>Held by the node that imports the workflows folder, so nodes starting together import once.</summary>
    public const string FolderImport = "recipeci:workflows-import";

    /// <summary>Held by the node sweeping for expired leases, so one node re-dispatches each instance.</summary>
    public const string RecoverySweep = "recipeci:recovery-sweep";

    /// <summary>Held by the node re-signalling queued stimuli.</summary>
    public const string StimulusRedelivery = "recipeci:stimulus-redelivery";
}
