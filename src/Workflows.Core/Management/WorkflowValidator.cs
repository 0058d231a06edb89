using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;

namespace Workflows.Core.Management;

/// <summary>
/// Checks a definition before it is published or run: unknown activity type or version, dangling connections,
/// JavaScript and Liquid syntax errors, C# compile errors (compiled here once, and cached for the runs), unknown
/// expression types, and each activity's own checks (e.g. cron expressions). Pass the engine's C# and Liquid evaluators
/// so the runs reuse what validation compiled.
/// </summary>
public sealed class WorkflowValidator(ActivityRegistry registry, IServiceProvider services, CSharpEvaluator? csharp = null, LiquidEvaluator? liquid = null)
{
    private readonly CSharpEvaluator _csharp = csharp ?? new CSharpEvaluator();
    private readonly LiquidEvaluator _liquid = liquid ?? new LiquidEvaluator();

    public IReadOnlyList<ValidationProblem> Validate(string json, string? file)
    {
        WorkflowDefinitionDocument document;
        try
        {
            document = WorkflowDefinitionDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new ValidationProblem(file, null, $"Not valid JSON: {e.Message}")];
        }
        return Validate(document, file);
    }

    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinitionDocument document, string? file)
    {
        if (document.Root is null)
            return [new ValidationProblem(file, null, "The definition has no root activity.")];
        WorkflowModel model;
        try
        {
            model = WorkflowModel.Compile(document, registry.ResolveWorkflowActivity);
        }
        catch (InvalidOperationException e)
        {
            return [new ValidationProblem(file, null, e.Message)]; // a workflow that uses itself as an activity
        }
        var problems = new List<ValidationProblem>();
        foreach (var node in model.Nodes)
            problems.AddRange(ValidateNode(node).Select(reason => new ValidationProblem(file, node.Id, reason)));
        foreach (var graph in model.Flowcharts)
            foreach (var c in graph.DanglingConnections)
            {
                var missing = graph.Find(c.Source) is null ? c.Source : c.Target;
                problems.Add(new ValidationProblem(file, graph.Flowchart.Id,
                    $"Connection {c.Source}:{c.SourcePort} -> {c.Target}:{c.TargetPort} references missing activity '{missing}'."));
            }
        return problems;
    }

    private IEnumerable<string> ValidateNode(ActivityNode node)
    {
        var registration = registry.Find(node.Type, node.Version);
        if (registration is null)
        {
            yield return registry.Contains(node.Type)
                ? $"Activity type '{node.Type}' has no version {node.Version}."
                : $"Unknown activity type '{node.Type}'.";
            yield break;
        }
        foreach (var input in registration.Descriptor.Inputs.Where(i => i.IsWrapped))
        {
            var expression = Expression.FromInput(node.GetProperty(input.Name));
            if (expression is null)
                continue;
            if (!Expression.KnownTypes.Contains(expression.Type))
                yield return $"Input '{input.Name}' uses unknown expression type '{expression.Type}'.";
            else if (expression.Type == Expression.JavaScript && expression.Text is { } script
                     && JavaScriptEvaluator.FindSyntaxError(script) is { } error)
                yield return $"Input '{input.Name}' has a JavaScript syntax error: {error}";
            else if (expression.Type == Expression.Liquid && expression.Text is { } template && _liquid.FindSyntaxError(template) is { } liquidError)
                yield return $"Input '{input.Name}' has a Liquid syntax error: {liquidError}";
            else if (expression.Type == Expression.CSharp && !string.IsNullOrWhiteSpace(expression.Text) && _csharp.FindCompileError(expression.Text) is { } compileError)
                yield return $"Input '{input.Name}' has a C# compile error: {compileError}";
            else if (expression.Type is Expression.Literal or Expression.Object or Expression.Json && !Converts(expression, input.Name, registration))
                yield return $"Input '{input.Name}' value {expression.Value?.ToJsonString()} is not a valid {input.TypeName}.";
        }
        foreach (var property in registration.InputProperties)
            if (property.GetCustomAttributes(typeof(ScriptInputAttribute), false) is [ScriptInputAttribute script]
                && LiteralInputs.Get<string>(node, property.Name) is { } code && CheckScript(script.Language, code) is { } scriptError)
                yield return $"Input '{property.Name}' has a {script.Language} error: {scriptError}";
        // Only activities that validate themselves are built: others may need services a validator does not have.
        if (typeof(IValidatingActivity).IsAssignableFrom(registration.ActivityType) && registration.Factory(services) is IValidatingActivity validating)
            foreach (var reason in validating.Validate(node))
                yield return reason;
    }

    private string? CheckScript(string language, string code) => language switch
    {
        _ when string.IsNullOrWhiteSpace(code) => null,
        Expression.JavaScript => JavaScriptEvaluator.FindSyntaxError(code),
        Expression.CSharp => _csharp.FindCompileError(code),
        Expression.Liquid => _liquid.FindSyntaxError(code),
        _ => null,
    };

    private static bool Converts(Expression expression, string inputName, ActivityRegistration registration)
    {
        // A workflow used as an activity has synthetic inputs (no property): any value its expression gives is passed on.
        var property = registration.InputProperties.FirstOrDefault(p => p.Name == inputName);
        if (property is null)
            return true;
        try
        {
            var evaluator = new ExpressionEvaluator(new JavaScriptEvaluator(new JavaScriptOptions()));
            ValueConverter.ToClr(evaluator.Evaluate(expression, EmptyScope, CancellationToken.None), property.PropertyType);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidCastException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static readonly IExpressionScope EmptyScope = new NoVariables();

    private sealed class NoVariables : IExpressionScope
    {
        public string WorkflowInstanceId => string.Empty;
        public string? CorrelationId => null;
        public IEnumerable<string> VariableNames => [];
        public IEnumerable<string> InputNames => [];
        public JsonNode? GetVariable(string name) => null;
        public void SetVariable(string name, JsonNode? value) { }
        public JsonNode? GetInput(string name) => null;
    }
}
