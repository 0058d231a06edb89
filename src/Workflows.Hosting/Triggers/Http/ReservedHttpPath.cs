namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// An endpoint path under the HTTP trigger base path that belongs to one workflow (e.g. <c>ci</c>, the signed CI
/// webhook of workflow <c>ci</c>): no other workflow may publish it, and no other workflow's parameter or catch-all
/// path answers it.
/// </summary>
/// <param name="Path">The path below the base path, without slashes, e.g. <c>ci</c>.</param>
/// <param name="OwnerDefinitionId">The only workflow that may serve it.</param>
/// <param name="Purpose">What it is, for error messages (e.g. "the CI webhook").</param>
public sealed record ReservedHttpPath(string Path, string OwnerDefinitionId, string Purpose);
