namespace Workflows.Core.Management;

/// <summary>One problem found in a definition: where (file, activity) and why.</summary>
public sealed record ValidationProblem(string? File, string? ActivityId, string Reason)
{
    public override string ToString() => $"{File ?? "<definition>"}: {(ActivityId is null ? "" : $"activity {ActivityId}: ")}{Reason}";
}
