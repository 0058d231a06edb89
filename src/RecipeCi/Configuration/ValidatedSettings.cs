namespace RecipeCi.Configuration;

/// <summary>
/// The validated sections of one start, for a composition that needs their values to choose its services (serve's
/// database, bus and Kestrel set-up; a command's data directory) before the host that validates them on start exists.
/// </summary>
public sealed class ValidatedSettings
{
    private readonly IServiceProvider _sections;

    private ValidatedSettings(IServiceProvider sections) => _sections = sections;

    public RecipeCiSettings RecipeCi => Get<RecipeCiSettings>();

    public T Get<T>() where T : class => _sections.GetRequiredService<T>();

    /// <summary>
    /// Registers the sections in a collection of their own and validates them all at once, exactly as the host will;
    /// throws <see cref="ConfigurationException"/> naming every problem.
    /// </summary>
    public static ValidatedSettings Validate(Action<IServiceCollection> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var sections = new ServiceCollection();
        register(sections);
        // Holds immutable settings records only: nothing to dispose.
        var provider = sections.BuildServiceProvider();
        provider.ValidateSettings();
        return new ValidatedSettings(provider);
    }
}
