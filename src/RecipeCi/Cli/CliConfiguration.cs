using Microsoft.Extensions.Configuration;

namespace RecipeCi.Cli;

/// <summary>
/// The configuration every CLI command reads, in <c>serve</c>'s order: <c>appsettings.json</c> of the working
/// directory, then <c>RECIPECI_*</c> environment variables, then <c>--Key value</c> flags. So a command run where the
/// server runs uses the server's database and folders.
/// </summary>
public static class CliConfiguration
{
    public static IConfigurationRoot Build(IReadOnlyList<string> configurationArgs) =>
        ((IConfigurationBuilder)AddSources(new ConfigurationBuilder(), configurationArgs)).Build();

    /// <summary>Adds the sources in that order (a command host's configuration is built from them too).</summary>
    public static TBuilder AddSources<TBuilder>(TBuilder builder, IReadOnlyList<string> configurationArgs) where TBuilder : IConfigurationBuilder
    {
        builder
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("RECIPECI_")
            .AddCommandLine([.. configurationArgs]);
        return builder;
    }
}
