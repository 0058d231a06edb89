using Microsoft.Extensions.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads <see cref="RecipeCiSettings"/> without a host, through the same section registration and validator a host
/// uses: for the commands that build no services (<c>recipes add</c>, <c>snapshots</c>, <c>prune</c>) and for tests of
/// the messages. Throws <see cref="ConfigurationException"/> naming every problem.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration)
{
    public RecipeCiSettings Read() =>
        ValidatedSettings.Validate(services => services.AddConfiguredSection(problems => new RecipeCiSettingsReader(configuration, problems).Read())).RecipeCi;
}
