namespace Workflows.Core.Descriptors;

/// <summary>Elsa's activity kinds. Trigger activities can start workflows and are indexed on publish.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}
