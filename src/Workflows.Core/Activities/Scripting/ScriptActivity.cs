using Workflows.Core.Expressions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.Scripting;

/// <summary>
/// What RunJavaScript and RunCSharp share: run the script, set Result, continue on the chosen outcomes. Each language
/// declares its own Script and PossibleOutcomes inputs, since their expression language and descriptions differ.
/// </summary>
public abstract class ScriptActivity(string language) : Activity
{
    [Output(Description = "The value of the script.")]
    public object? Result { get; set; }

    /// <summary>The value of the language's Script input.</summary>
    protected abstract string? ScriptText { get; }

    public sealed override ValueTask ExecuteAsync(ActivityContext context)
    {
        var scope = new ScriptScope(context.ExpressionScope);
        var result = string.IsNullOrWhiteSpace(ScriptText) ? null : context.EvaluateScript(language, ScriptText, scope);
        context.SetOutput(nameof(Result), result);
        if (scope.Outcomes.Count > 0)
            context.CompleteWith(scope.Outcomes);
        else
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
