using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Workflows.Core.Expressions;

/// <summary>
/// Renders Liquid expressions with Fluid, as Elsa's Liquid module does: the template sees <c>Variables</c>,
/// <c>Input</c>, <c>Output</c>, <c>WorkflowInstanceId</c>, <c>WorkflowDefinitionId</c>, <c>CorrelationId</c>,
/// <c>Workflow</c>, <c>LastResult</c> and <c>ActivityId</c>, plus Fluid's standard filters (<c>json</c> among them) and Elsa's <c>base64</c>. Each text is
/// parsed once and cached (bounded, <see cref="MaxCachedTemplates"/>); rendering is limited in steps and output size
/// so a loop in a template cannot hold a worker.
/// </summary>
public sealed class LiquidEvaluator
{
    public const int MaxCachedTemplates = 1024;

    // Built on first use: constructing Fluid's parser takes a while, and most engines never meet a Liquid expression.
    private readonly Lazy<FluidParser> _parser = new(() => new FluidParser());
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly Lazy<TemplateOptions> _options = new(() => new TemplateOptionsBuilder()
        .WithMaxSteps(1_000_000)
        .WithMaxOutputSize(4 * 1024 * 1024)
        .WithMaxRecursion(64)
        .AddFilter("base64", (input, _, context) =>
            new ValueTask<FluidValue>(FluidValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(input.ToStringValue(context))), context.Options)))
        .Build());

    /// <summary>Returns the parse error of <paramref name="template"/>, or null when it parses.</summary>
    public string? FindSyntaxError(string template) => TryGetTemplate(template, out _, out var error) ? null : error;

    public JsonNode? Evaluate(string text, IExpressionScope scope, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryGetTemplate(text, out var template, out var error))
            throw new ExpressionException($"Liquid syntax error in '{Abbreviate(text)}': {error}");
        var context = new TemplateContext(_options.Value);
        foreach (var (name, value) in Globals(scope))
            context.SetValue(name, FluidValue.Create(value, _options.Value));
        try
        {
            // Expressions are text, not HTML: rendered without encoding, as Elsa renders Liquid expressions.
            return JsonValue.Create(template.Render(context, NullEncoder.Default));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ExpressionException($"Liquid error in '{Abbreviate(text)}': {e.Message}", e);
        }
    }

    private static IEnumerable<(string Name, object? Value)> Globals(IExpressionScope scope)
    {
        var variables = new JsonObject();
        foreach (var name in scope.VariableNames.Distinct(StringComparer.Ordinal))
            variables[name] = scope.GetVariable(name)?.DeepClone();
        var input = new JsonObject();
        foreach (var name in scope.InputNames.Distinct(StringComparer.Ordinal))
            input[name] = scope.GetInput(name)?.DeepClone();
        var workflow = new JsonObject
        {
            ["Id"] = scope.WorkflowInstanceId,
            ["InstanceId"] = scope.WorkflowInstanceId,
            ["DefinitionId"] = scope.WorkflowDefinitionId,
            ["DefinitionVersionId"] = scope.WorkflowDefinitionVersionId,
            ["Version"] = scope.WorkflowDefinitionVersion,
            ["CorrelationId"] = scope.CorrelationId,
        };
        yield return ("Variables", JsonClr.ToClr(variables));
        yield return ("Input", JsonClr.ToClr(input));
        yield return ("Workflow", JsonClr.ToClr(workflow));
        yield return ("WorkflowInstanceId", scope.WorkflowInstanceId);
        yield return ("WorkflowDefinitionId", scope.WorkflowDefinitionId);
        yield return ("WorkflowDefinitionVersionId", scope.WorkflowDefinitionVersionId);
        yield return ("WorkflowDefinitionVersion", scope.WorkflowDefinitionVersion);
        yield return ("CorrelationId", scope.CorrelationId);
        yield return ("ActivityId", scope.ActivityId);
        yield return ("LastResult", JsonClr.ToClr(scope.LastResult));
    }

    private bool TryGetTemplate(string text, out IFluidTemplate template, out string? error)
    {
        error = null;
        if (_templates.TryGetValue(text, out template!))
            return true;
        if (!_parser.Value.TryParse(text, out template!, out error))
            return false;
        // Bounded: past the limit the cache starts over; a parse costs microseconds, so no LRU bookkeeping is worth it.
        if (_templates.Count >= MaxCachedTemplates)
            _templates.Clear();
        _templates[text] = template;
        return true;
    }

    private static string Abbreviate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
