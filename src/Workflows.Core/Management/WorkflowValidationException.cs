namespace Workflows.Core.Management;

/// <summary>Publishing or importing failed validation.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception($"The workflow definition is invalid: {string.Join("; ", problems)}")
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
