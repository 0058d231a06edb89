using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Architecture.Tests;

/// <summary>
/// Workflows.Hosting and Recipes.Ci take the engine database's options from Workflows.Persistence.Abstractions, never
/// the EF Core stores (Workflows.Persistence); Workflows.Hosting takes no EF Core at all. (Recipes.Ci keeps EF Core for
/// its own domain tables, RecipesDbContext.)
/// </summary>
public sealed class PersistenceBoundaryTests
{
    [Theory]
    [InlineData("Workflows.Hosting")]
    [InlineData("Recipes.Ci")]
    public void Does_not_reference_the_engine_EF_Core_stores(string project)
    {
        Assert.DoesNotContain("Workflows.Persistence", Repository.Source(project).References.Select(r => r.Project));
        Assert.DoesNotContain("Workflows.Persistence", ReferencedAssemblies(project, project));
    }

    [Theory]
    [InlineData("Workflows.Hosting")]
    [InlineData("Workflows.Persistence.Abstractions")]
    public void Takes_no_EF_Core(string project)
    {
        Assert.DoesNotContain(Repository.Source(project).Packages, IsEfCore);
        Assert.DoesNotContain(ReferencedAssemblies(project, project), IsEfCore);
    }

    private static bool IsEfCore(string name) =>
        name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.StartsWith("Npgsql.EntityFrameworkCore", StringComparison.Ordinal);

    /// <summary>The assembly references compiled into a built src assembly (read from its metadata, nothing loaded).</summary>
    public static IReadOnlyList<string> ReferencedAssemblies(string project, string assemblyName)
    {
        using var stream = File.OpenRead(Repository.BuiltAssembly(project, assemblyName));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }
}
