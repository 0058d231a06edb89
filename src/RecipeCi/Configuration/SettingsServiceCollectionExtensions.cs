using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RecipeCi.Configuration;

/// <summary>
/// Configuration as options: each section is registered with <c>AddOptions&lt;ConfiguredSection&lt;T&gt;&gt;()</c>,
/// configured by its reader (string-based, so messages say what is allowed), checked by its
/// <see cref="ConfiguredSectionValidator{T}"/> and validated on start; its value is a singleton of type <c>T</c>.
/// </summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>Registers one section, read by <paramref name="read"/> (which adds problems to the list it is given).</summary>
    public static IServiceCollection AddConfiguredSection<T>(this IServiceCollection services, Func<List<string>, T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        services.AddOptions<ConfiguredSection<T>>()
            .Configure(section => section.Value = read(section.Problems))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfiguredSection<T>>, ConfiguredSectionValidator<T>>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ConfiguredSection<T>>>().Value.Value!);
        return services;
    }

    /// <summary>
    /// The section every composition of recipeci reads (<see cref="RecipeCiSettings"/>), and the parts of it that
    /// services take on their own. <c>serve</c> adds its own sections (<c>Forge:*</c>, proxy, JavaScript).
    /// </summary>
    public static IServiceCollection AddRecipeCiSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfiguredSection(problems => new RecipeCiSettingsReader(configuration, problems).Read());
        services.TryAddSingleton(sp => sp.GetRequiredService<RecipeCiSettings>().Persistence);
        services.TryAddSingleton(sp => sp.GetRequiredService<RecipeCiSettings>().Bus);
        services.TryAddSingleton(sp => sp.GetRequiredService<RecipeCiSettings>().Docker);
        services.TryAddSingleton(sp => sp.GetRequiredService<RecipeCiSettings>().Paths);
        services.TryAddSingleton(sp => sp.GetRequiredService<RecipeCiSettings>().Ci);
        return services;
    }

    /// <summary>
    /// Runs every section's validator, as a host does when it starts, and throws one <see cref="ConfigurationException"/>
    /// naming all their problems (in registration order) if any failed.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider provider)
    {
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            throw new ConfigurationException([.. e.Failures]);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            throw new ConfigurationException([.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)]);
        }
    }
}
