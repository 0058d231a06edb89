using System.Reflection;
using Workflows.Core.Activities;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// <c>Runtime:TestActivities</c>: the activities of the test assembly placed beside the executable by test builds
/// (tests/Workflows.TestActivities). The server itself ships no test activity; a release has no such file.
/// </summary>
public static class TestActivityAssembly
{
    public const string FileName = "Workflows.TestActivities.dll";

    public static void Register(ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
            throw new InvalidOperationException($"Runtime:TestActivities is true but {FileName} is not in {AppContext.BaseDirectory}; " +
                                                "only test builds have it: set Runtime:TestActivities to false.");
        var activities = Assembly.LoadFrom(path).GetExportedTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(type));
        foreach (var type in activities)
            registry.Register(type);
    }
}
