namespace Workflows.Hosting.Api.Descriptors;

/// <summary>Elsa's expression descriptor; <c>properties.MonacoLanguage</c> picks the code editor's language.</summary>
public sealed record ExpressionDescriptor(
    string Type,
    string DisplayName,
    bool IsSerializable,
    bool IsBrowsable,
    IReadOnlyDictionary<string, string> Properties);
