namespace RecipeCi.Configuration;

/// <summary>
/// One configuration section as options: its typed value, read from the configuration's strings when the options are
/// first asked for, and every problem found reading it (the messages <see cref="ConfiguredSectionValidator{T}"/>
/// reports). The record types of the sections have no parameterless constructor, so this holder is what the options
/// system creates.
/// </summary>
public sealed class ConfiguredSection<T> where T : class
{
    public T? Value { get; set; }

    public List<string> Problems { get; } = [];
}
