using System.Xml.Linq;

namespace Architecture.Tests;

/// <summary>The repository's project files, read as the build reads them (ProjectReference and PackageReference items).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The build configuration this test assembly was built in (bin/&lt;Configuration&gt;/&lt;framework&gt;/).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static IReadOnlyList<ProjectFile> SourceProjects => Projects("src");

    public static IReadOnlyList<ProjectFile> TestProjects => Projects("tests");

    public static ProjectFile Source(string name) =>
        SourceProjects.SingleOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"src/{name}/{name}.csproj not found under {Root}.");

    /// <summary>The built assembly of a src project (its AssemblyName may differ from the project name: recipeci).</summary>
    public static string BuiltAssembly(string project, string assemblyName)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build the solution first (dotnet build Workflows.sln -c {Configuration}).");
    }

    private static IReadOnlyList<ProjectFile> Projects(string folder) =>
        Directory.EnumerateDirectories(Path.Combine(Root, folder))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .Select(ProjectFile.Load)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Workflows.sln not found above {start}.");
    }
}

/// <summary>One .csproj: the projects it references (with whether their assembly is referenced) and its packages.</summary>
public sealed record ProjectFile(string Name, string Path, IReadOnlyList<ProjectReference> References, IReadOnlyList<string> Packages)
{
    public static ProjectFile Load(string path)
    {
        var xml = XDocument.Load(path);
        var references = xml.Descendants("ProjectReference")
            .Select(e => new ProjectReference(
                System.IO.Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')),
                !string.Equals((string?)e.Attribute("ReferenceOutputAssembly") ?? (string?)e.Element("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var packages = xml.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        return new ProjectFile(System.IO.Path.GetFileNameWithoutExtension(path), path, references, packages);
    }

    /// <summary>Project names this project compiles against.</summary>
    public IEnumerable<string> CompiledAgainst => References.Where(r => r.CompilesAgainst).Select(r => r.Project);
}

/// <summary>A ProjectReference; <see cref="CompilesAgainst"/> is false for a build-order-only reference.</summary>
public sealed record ProjectReference(string Project, bool CompilesAgainst);
