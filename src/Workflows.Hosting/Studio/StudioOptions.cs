namespace Workflows.Hosting.Studio;

/// <summary>Configuration section <c>Studio</c>.</summary>
/// <param name="BundlePath">
/// The folder holding the bundle's <c>_framework/</c>; relative paths are taken from the content root. Null means the
/// npm install location, <c>src/Workflows.Hosting/Studio/node_modules/@elsa-workflows/elsa-studio-wasm</c>, found
/// above the application or content root.
/// </param>
public sealed record StudioOptions(string? BundlePath = null)
{
    public const string Section = "Studio";
}
