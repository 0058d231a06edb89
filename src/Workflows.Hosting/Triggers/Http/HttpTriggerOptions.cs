namespace Workflows.Hosting.Triggers.Http;

/// <summary>Configuration section <c>Http</c>: the workflow HTTP endpoints under <see cref="BasePath"/>.</summary>
public sealed record HttpTriggerOptions
{
    public const long DefaultMaxRequestBytes = 1024 * 1024;

    /// <summary>Where endpoints live; Elsa's is <c>/workflows</c>.</summary>
    public string BasePath { get; init; } = "/workflows";

    /// <summary>Largest request body accepted (an endpoint's RequestSizeLimit may only lower it); larger ones get 413.</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>Paths only one workflow may serve (the composition root reserves <c>ci</c> for the CI webhook).</summary>
    public IReadOnlyList<ReservedHttpPath> ReservedPaths { get; init; } = [];
}
