namespace Workflows.Core.Activities.Scripting;

/// <summary>Elsa's scripting activities (Elsa.Scripting module) that this engine implements.</summary>
public static class ScriptingActivities
{
    public static IReadOnlyList<Type> Types { get; } = [typeof(RunJavaScript), typeof(RunCSharp)];
}
