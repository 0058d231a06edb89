using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace TestKit;

/// <summary>
/// Checks that a context's compiled model (the generated <c>CompiledModels/</c> folder the product starts with instead of
/// building the model from its entities) is what EF Core generates from the entities today, as
/// <c>dotnet ef dbcontext optimize</c> would. With <c>RECIPECI_WRITE_COMPILED_MODELS=1</c> the check writes the generated
/// files into the repository instead of failing (after changing an entity, or an EF Core upgrade).
/// </summary>
public static partial class CompiledModels
{
    public const string WriteVariable = "RECIPECI_WRITE_COMPILED_MODELS";

    /// <param name="context">A context of the provider's type; its design-time model is built from its entities.</param>
    /// <param name="repositoryFolder">The compiled model's folder, relative to the repository root.</param>
    /// <param name="modelNamespace">The generated code's namespace.</param>
    public static void AssertCurrent(DbContext context, string repositoryFolder, string modelNamespace)
    {
        var generated = Generate(context, modelNamespace);
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, repositoryFolder);
        var committed = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.cs").ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal)
            : [];

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Write(folder, generated, committed);
            return;
        }

        var stale = generated.Keys.Where(name => !committed.TryGetValue(name, out var text) || Normalize(text) != Normalize(generated[name]))
            .Concat(committed.Keys.Where(name => !generated.ContainsKey(name)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(stale.Count == 0,
            $"{repositoryFolder} is not what EF Core generates from the entities now ({string.Join(", ", stale)}). Write it again with " +
            $"{WriteVariable}=1 tests/run --project Workflows.Persistence.Tests --project Recipes.Ci.UnitTests " +
            "--filter FullyQualifiedName~CompiledModelTests (see src/Workflows.Persistence/README.md).");
    }

    /// <summary>The compiled model's files by name, from the design-time services <c>dotnet ef</c> uses.</summary>
    private static Dictionary<string, string> Generate(DbContext context, string modelNamespace)
    {
        var services = new ServiceCollection()
            .AddEntityFrameworkDesignTimeServices()
            .AddDbContextDesignTimeServices(context);
        ProviderDesignTimeServices(context).ConfigureDesignTimeServices(services);
        using var provider = services.BuildServiceProvider();

        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(),
            ModelNamespace = modelNamespace,
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        var model = context.GetService<IDesignTimeModel>().Model;
        return provider.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(model, options)
            .ToDictionary(file => file.Path, file => file.Code, StringComparer.Ordinal);
    }

    /// <summary>The provider's design-time services, found as <c>dotnet ef</c> finds them: named by an attribute of its assembly.</summary>
    private static IDesignTimeServices ProviderDesignTimeServices(DbContext context)
    {
        var assembly = Assembly.Load(new AssemblyName(context.GetService<IDatabaseProvider>().Name));
        var typeName = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()?.TypeName
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} names no design-time services.");
        return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;
    }

    /// <summary>
    /// Writes the generated files and removes ones no longer generated. The model id (a new GUID at every generation)
    /// keeps its committed value, so writing an unchanged model changes no file.
    /// </summary>
    private static void Write(string folder, Dictionary<string, string> generated, Dictionary<string, string> committed)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in committed.Keys.Where(name => !generated.ContainsKey(name)))
            File.Delete(Path.Combine(folder, name));
        var committedId = committed.Values.Select(text => ModelId().Match(text)).FirstOrDefault(match => match.Success)?.Value;
        foreach (var (name, code) in generated)
        {
            var text = committedId is null ? code : ModelId().Replace(code, committedId);
            File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }
    }

    private static string Normalize(string code) =>
        ModelId().Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n"), "modelId: new Guid(\"\")");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-fA-F-]+"\)""")]
    private static partial Regex ModelId();
}
