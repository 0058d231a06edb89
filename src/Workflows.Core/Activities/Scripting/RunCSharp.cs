using Workflows.Core.Expressions;

namespace Workflows.Core.Activities.Scripting;

/// <summary>
/// Elsa's RunCSharp: runs C# (Roslyn scripting, compiled once per text and cached) with Elsa's C# globals; its value is
/// the output <c>Result</c>. The script picks outcomes with <c>SetOutcome("X")</c> or <c>SetOutcomes(...)</c> among
/// <see cref="PossibleOutcomes"/>; without one the activity continues on <c>Done</c>. Trusted code, as in Elsa.
/// </summary>
[Activity("Elsa", "RunCSharp", DisplayName = "Run C#", Category = "Scripting", Description = "Executes C# code.")]
public sealed class RunCSharp() : ScriptActivity(Expression.CSharp)
{
    [Input(Description = "The script to run.", UIHint = "code-editor")]
    [ScriptInput(Expression.CSharp)]
    public string? Script { get; set; }

    [Input(DisplayName = "Possible Outcomes", Description = "The outcomes the script may choose with SetOutcome.", UIHint = "dynamic-outcomes", DefaultSyntax = "Object")]
    public List<string>? PossibleOutcomes { get; set; }

    protected override string? ScriptText => Script;
}
