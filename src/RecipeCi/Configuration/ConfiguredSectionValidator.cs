using Microsoft.Extensions.Options;

namespace RecipeCi.Configuration;

/// <summary>
/// The validator of one section: fails with the problems its reader found, each naming the key and what is allowed.
/// The options system gathers every section's failures when the host starts (<c>ValidateOnStart</c>).
/// </summary>
public sealed class ConfiguredSectionValidator<T> : IValidateOptions<ConfiguredSection<T>> where T : class
{
    public ValidateOptionsResult Validate(string? name, ConfiguredSection<T> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
