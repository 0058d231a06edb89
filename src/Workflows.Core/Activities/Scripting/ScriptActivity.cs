using Workflows.Core.Expressions;

namespace Workflows.Core.Activities.Scripting;

/// <summary>What RunJavaScript and RunCSharp share: run the script, set Result, continue on the chosen outcomes.</summary>
internal static class ScriptActivity
{
    public const string ResultOutput = "Result";

    public static void Run(Runtime.ActivityContext context, string language, string? script)
    {
        var scope = new ScriptScope(context.ExpressionScope);
        var result = string.IsNullOrWhiteSpace(script) ? null : context.EvaluateScript(language, script, scope);
        context.SetOutput(ResultOutput, result);
        if (scope.Outcomes.Count > 0)
            context.CompleteWith(scope.Outcomes);
        else
            context.Complete();
    }
}
