using Workflows.Core.Expressions;

namespace Workflows.Core.Activities.Scripting;

/// <summary>
/// Elsa's RunJavaScript: runs a script in the JavaScript sandbox with Elsa's functions; its value is the output
/// <c>Result</c>. The script picks outcomes with <c>setOutcome('X')</c> or <c>setOutcomes([...])</c> among
/// <see cref="PossibleOutcomes"/>; without one the activity continues on <c>Done</c>.
/// </summary>
[Activity("Elsa", "RunJavaScript", DisplayName = "Run JavaScript", Category = "Scripting", Description = "Executes JavaScript code.")]
public sealed class RunJavaScript() : ScriptActivity(Expression.JavaScript)
{
    [Input(Description = "The script to run.", UIHint = "code-editor")]
    [ScriptInput(Expression.JavaScript)]
    public string? Script { get; set; }

    [Input(DisplayName = "Possible Outcomes", Description = "The outcomes the script may choose with setOutcome.", UIHint = "dynamic-outcomes", DefaultSyntax = "Object")]
    public List<string>? PossibleOutcomes { get; set; }

    protected override string? ScriptText => Script;
}
