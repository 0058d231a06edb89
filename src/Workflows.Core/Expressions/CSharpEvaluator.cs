using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Workflows.Core.Expressions;

/// <summary>
/// Runs C# expressions with Roslyn scripting against <see cref="CSharpGlobals"/>, as Elsa's C# module does. A compile
/// costs hundreds of milliseconds, so each expression text is compiled once and its delegate cached; validation
/// (import, publish) compiles too, so a run finds its expressions compiled and a compile error is a validation
/// problem naming the activity rather than a run-time fault. The cache holds delegates only (the compilation is
/// dropped) and is bounded (<see cref="CSharpOptions.MaxCachedScripts"/>, least recently used out). Roslyn scripting
/// loads each compiled script as an assembly that stays loaded, so memory grows with the number of distinct
/// expression texts ever compiled, not with runs.
/// C# expressions are trusted code: they run in the server process with its rights, as in Elsa.
/// </summary>
public sealed class CSharpEvaluator(CSharpOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Compiled>> _cache = new(StringComparer.Ordinal);
    private readonly Lazy<ScriptOptions> _scriptOptions = new(CreateScriptOptions);
    private long _clock;
    private long _compiles;
    private long _hits;

    public CSharpEvaluator() : this(new CSharpOptions())
    {
    }

    /// <summary>Compiles so far (cache misses) and cache hits, for tests and metrics.</summary>
    public (long Compiles, long Hits, int Cached) Statistics => (Interlocked.Read(ref _compiles), Interlocked.Read(ref _hits), _cache.Count);

    /// <summary>Compiles <paramref name="code"/> (or finds it compiled) and returns its errors, or null when it compiles.</summary>
    public string? FindCompileError(string code) => GetCompiled(code).Error;

    public JsonNode? Evaluate(string code, IExpressionScope scope, CancellationToken cancellationToken)
    {
        var compiled = GetCompiled(code);
        if (compiled.Error is not null)
            throw new ExpressionException($"C# compile error in '{Abbreviate(code)}': {compiled.Error}");
        try
        {
            var result = compiled.Runner!(new CSharpGlobals(scope), cancellationToken).GetAwaiter().GetResult();
            return JsonClr.ToJson(result);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ExpressionException)
        {
            throw new ExpressionException($"C# error in '{Abbreviate(code)}': {e.GetType().Name}: {e.Message}", e);
        }
    }

    private Compiled GetCompiled(string code)
    {
        var added = false;
        var entry = _cache.GetOrAdd(code, text =>
        {
            added = true;
            return new Lazy<Compiled>(() => Compile(text), LazyThreadSafetyMode.ExecutionAndPublication);
        });
        if (!added)
            Interlocked.Increment(ref _hits);
        var compiled = entry.Value;
        compiled.LastUsed = Interlocked.Increment(ref _clock);
        if (added)
            Evict();
        return compiled;
    }

    private Compiled Compile(string code)
    {
        Interlocked.Increment(ref _compiles);
        var watch = Stopwatch.StartNew();
        var script = CSharpScript.Create<object?>(code, _scriptOptions.Value, typeof(CSharpGlobals));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            return new Compiled(null, string.Join("; ", errors.Take(3).Select(Describe)), watch.Elapsed);
        return new Compiled(script.CreateDelegate(), null, watch.Elapsed);
    }

    /// <summary>Drops the least recently used entries once the cache is past its bound.</summary>
    private void Evict()
    {
        var excess = _cache.Count - options.MaxCachedScripts;
        if (excess <= 0)
            return;
        var oldest = _cache.Where(p => p.Value.IsValueCreated).OrderBy(p => p.Value.Value.LastUsed).Take(excess).Select(p => p.Key).ToList();
        foreach (var key in oldest)
            _cache.TryRemove(key, out _);
    }

    private static ScriptOptions CreateScriptOptions() => ScriptOptions.Default
        .WithReferences(
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(ImmutableArray).Assembly,
            typeof(JsonNode).Assembly,
            typeof(System.Dynamic.ExpandoObject).Assembly,
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(Uri).Assembly,
            typeof(System.Text.RegularExpressions.Regex).Assembly,
            typeof(CSharpGlobals).Assembly)
        .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json", "System.Text.Json.Nodes")
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(false);

    private static string Describe(Diagnostic d)
    {
        var position = d.Location.GetLineSpan().StartLinePosition;
        return $"({position.Line + 1},{position.Character + 1}) {d.Id}: {d.GetMessage()}";
    }

    private static string Abbreviate(string code) => code.Length <= 200 ? code : code[..200] + "...";

    private sealed record Compiled(ScriptRunner<object?>? Runner, string? Error, TimeSpan CompileTime)
    {
        public long LastUsed { get; set; }
    }
}
